//! The benchmark (`bench/`, a package of its own) measures its floor with
//! raw SQLite running its own copies of the bot's hottest statements, in
//! `bench/sql/`. The bot does not export its SQL for it; this test keeps the
//! copies equal to what the bot runs (up to whitespace), so a change to a
//! statement here shows up as a failing test until the bench's copy follows.

use crate::catalog::Kind;
use crate::ids::GuildId;
use crate::reviews::scores::{leaderboard_sql, summary_sql, Scope};

fn words(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[track_caller]
fn same(bot: &str, bench: &str, file: &str) {
    assert_eq!(
        words(bot),
        words(bench),
        "bench/sql/{file} no longer matches the bot's statement: copy it over"
    );
}

#[test]
fn the_bench_floor_runs_the_bots_statements() {
    same(
        crate::reviews::SAVE_SQL,
        include_str!("../../../bench/sql/review_save.sql"),
        "review_save.sql",
    );
    same(
        crate::polls::VOTE_SQL,
        include_str!("../../../bench/sql/poll_vote.sql"),
        "poll_vote.sql",
    );
    same(
        crate::polls::TALLY_SQL,
        include_str!("../../../bench/sql/poll_tally.sql"),
        "poll_tally.sql",
    );
    same(
        crate::polls::VOTERS_SQL,
        include_str!("../../../bench/sql/poll_voters.sql"),
        "poll_voters.sql",
    );
    same(
        &summary_sql(Scope::Guild(GuildId::new(1))),
        include_str!("../../../bench/sql/score_summary_guild.sql"),
        "score_summary_guild.sql",
    );
    same(
        &leaderboard_sql(Scope::Guild(GuildId::new(1)), Kind::Drama, false),
        include_str!("../../../bench/sql/leaderboard_guild_drama.sql"),
        "leaderboard_guild_drama.sql",
    );
    same(
        &leaderboard_sql(Scope::AllServers, Kind::Drama, false),
        include_str!("../../../bench/sql/leaderboard_all_drama.sql"),
        "leaderboard_all_drama.sql",
    );
}
