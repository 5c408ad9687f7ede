//! `/help`: what the bot does and its commands.

use super::super::context::Ctx;
use super::super::{Message, Response};
use serenity::all::Colour;
use serenity::builder::{CreateCommand, CreateEmbed};

pub fn register() -> CreateCommand {
    CreateCommand::new("help")
        .description("What ostbot does, and its commands")
        .name_localized("ko", "도움말")
        .description_localized("ko", "ostbot이 하는 일과 명령어")
}

pub fn run(ctx: &Ctx) -> Response {
    let l = ctx.locale;
    let lines = [
        ("/track", l.pick("look up an OST track: title, Korean title, romanized, artist — typos are fine", "OST 곡 찾기: 제목, 한글 제목, 로마자, 가수 — 오타도 괜찮아요")),
        ("/drama", l.pick("a drama and its OST tracklist", "드라마와 OST 곡 목록")),
        ("/catalog", l.pick("moderators: add this server's own dramas and tracks, import a CSV/JSON file, remove them", "운영진: 이 서버만의 드라마와 곡 추가, CSV/JSON 가져오기, 삭제")),
        ("/review", l.pick("score a drama's OST or one track from 1 to 10, with optional text (or press Review on a card)", "드라마 OST나 한 곡에 1~10점과 리뷰 남기기 (카드의 리뷰하기 버튼도 돼요)")),
        ("/reviews", l.pick("read this server's reviews of a drama, a track or by a member", "이 서버의 드라마·곡·멤버 리뷰 읽기")),
        ("/leaderboard", l.pick("top dramas or tracks by community score", "커뮤니티 점수 순위")),
        ("/profile", l.pick("a member's reviews, mean score and favourites", "멤버의 리뷰, 평균 점수, 최애 드라마")),
        ("/forget-me", l.pick("delete all your reviews in every server", "모든 서버에서 내 리뷰 전부 삭제")),
        ("/moderate · /export", l.pick("moderators: remove a review (recorded), download the server's reviews as CSV", "운영진: 리뷰 삭제(기록됨), 서버 리뷰 CSV 내려받기")),
        ("/poll", l.pick("listening polls: create (tracks or free text), vote with buttons, close, results, list", "감상 투표: 만들기 (곡 또는 자유 입력), 버튼으로 투표, 마감, 결과, 목록")),
        ("/nominate", l.pick("put a track forward for the weekly listening poll (3 a week)", "주간 감상 투표에 곡 추천 (한 주에 3곡)")),
        ("/config", l.pick("moderators: review feed, poll and ping roles, the weekly listening cycle", "운영진: 리뷰 피드, 투표·알림 역할, 주간 감상 모임")),
        ("/help", l.pick("this message", "이 도움말")),
    ];
    let body: Vec<String> = lines
        .iter()
        .map(|(cmd, what)| format!("**{cmd}** — {what}"))
        .collect();
    let embed = CreateEmbed::new()
        .title(l.pick(
            "ostbot — K-drama OSTs, together",
            "ostbot — 함께 듣는 드라마 OST",
        ))
        .description(format!(
            "{}\n\n{}",
            l.pick(
                "Look up K-drama soundtracks in English, Korean or romanized spelling.",
                "드라마 OST를 영어, 한글, 로마자로 찾아보세요.",
            ),
            body.join("\n")
        ))
        .colour(Colour::new(0xE8_6A_92));
    Response::message(Message::embed(embed).ephemeral())
}
