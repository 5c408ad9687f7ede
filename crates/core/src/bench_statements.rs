//! The benchmark (`bench/`, a package of its own) measures its floor with
//! raw SQLite, or a plain PostgreSQL connection, running its own copies of
//! the bot's hottest statements, in `bench/sql/` and `bench/sql/postgres/`.
//! The bot does not export its SQL for it; these tests keep the copies equal
//! to what the bot runs (up to whitespace), so a change to a statement here
//! shows up as a failing test until the bench's copy follows.

use crate::catalog::Kind;
use crate::db::Backend;
use crate::ids::GuildId;
use crate::reviews::scores::{
    leaderboard_sql, leaderboard_sql_for, summary_sql, summary_sql_postgres, Scope,
};

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

#[test]
fn the_bench_floor_on_postgresql_runs_the_bots_postgresql_statements() {
    same(
        crate::reviews::SAVE_SQL_POSTGRES,
        include_str!("../../../bench/sql/postgres/review_save.sql"),
        "postgres/review_save.sql",
    );
    same(
        crate::polls::VOTE_SQL_PG,
        include_str!("../../../bench/sql/postgres/poll_vote.sql"),
        "postgres/poll_vote.sql",
    );
    same(
        crate::polls::TALLY_SQL_PG,
        include_str!("../../../bench/sql/postgres/poll_tally.sql"),
        "postgres/poll_tally.sql",
    );
    same(
        crate::polls::VOTERS_SQL_PG,
        include_str!("../../../bench/sql/postgres/poll_voters.sql"),
        "postgres/poll_voters.sql",
    );
    same(
        &summary_sql_postgres(Scope::Guild(GuildId::new(1))),
        include_str!("../../../bench/sql/postgres/score_summary_guild.sql"),
        "postgres/score_summary_guild.sql",
    );
    let guild = Scope::Guild(GuildId::new(1));
    same(
        &leaderboard_sql_for(Backend::Postgres, guild, Kind::Drama, false),
        include_str!("../../../bench/sql/postgres/leaderboard_guild_drama.sql"),
        "postgres/leaderboard_guild_drama.sql",
    );
    same(
        &leaderboard_sql_for(Backend::Postgres, Scope::AllServers, Kind::Drama, false),
        include_str!("../../../bench/sql/postgres/leaderboard_all_drama.sql"),
        "postgres/leaderboard_all_drama.sql",
    );
}
