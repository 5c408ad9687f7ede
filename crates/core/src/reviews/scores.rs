//! Community scores: one voice per member and target, aggregates kept
//! current in the transaction that changes a voice, and the Bayesian
//! (weighted) average used for ranking.
//!
//! Aggregates live in `score_totals`, per server and across all servers
//! (`guild_id = 0`). Reading a score reads one row, plus the middle of the
//! ordered `voices_ordered` index for the median. C of the Bayesian average
//! sums a server's rows of one kind (one row per reviewed target).

use crate::catalog::Kind;
use crate::db::{Backend, Handle};
use crate::ids::GuildId;
use crate::ids::UserId;
use crate::timestamp::at;
use crate::{db_execute, on_db, Result};
use chrono::{DateTime, Utc};
use sqlx::FromRow;

/// `guild_id` of the aggregates across all servers.
const ALL_SERVERS: i64 = 0;

/// Whose score: one server's members, or every server's (aggregates only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Guild(GuildId),
    AllServers,
}

impl Scope {
    fn to_db(self) -> i64 {
        match self {
            Scope::Guild(g) => g.to_i64_bits(),
            Scope::AllServers => ALL_SERVERS,
        }
    }
}

/// What the community thinks of one target.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub voices: u64,
    pub mean: f64,
    pub median: f64,
    /// Population standard deviation of the voices.
    pub spread: f64,
    /// Voices per score 1–10 (a fractional voice counts at its nearest score, halves up).
    pub histogram: [u64; 10],
}

/// The histogram bar a voice belongs to: nearest whole score, halves up.
pub fn bucket(voice: f64) -> usize {
    let rounded = (voice + 0.5).floor().clamp(1.0, 10.0);
    rounded as usize - 1
}

/// The reference computation over a list of voices (tests check the
/// incremental aggregates against it).
pub fn summarize(voices: &[f64]) -> Option<Summary> {
    if voices.is_empty() {
        return None;
    }
    let n = voices.len() as f64;
    let mean = voices.iter().sum::<f64>() / n;
    let variance = voices.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
    let mut sorted = voices.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    let median = if sorted.len() % 2 == 1 {
        sorted[mid]
    } else {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    };
    let mut histogram = [0u64; 10];
    for v in voices {
        histogram[bucket(*v)] += 1;
    }
    Some(Summary {
        voices: voices.len() as u64,
        mean,
        median,
        spread: variance.sqrt(),
        histogram,
    })
}

/// The weighted average `(v·R + m·C) / (v + m)`: R is the target's mean over
/// v voices, C the server's mean, m the minimum-voices weight.
pub fn bayesian(voices: u64, mean: f64, m: u32, server_mean: f64) -> f64 {
    let v = voices as f64;
    let m = f64::from(m);
    if v + m == 0.0 {
        return server_mean;
    }
    (v * mean + m * server_mean) / (v + m)
}

fn kind_str(kind: Kind) -> &'static str {
    kind.as_str()
}

#[derive(FromRow)]
struct TotalsRow {
    voices: i64,
    total: f64,
    total_sq: f64,
    h1: i64,
    h2: i64,
    h3: i64,
    h4: i64,
    h5: i64,
    h6: i64,
    h7: i64,
    h8: i64,
    h9: i64,
    h10: i64,
    median: Option<f64>,
}

/// The aggregate row and, from the ordered index, the mean of its middle one
/// or two voices: the exact median in the same round trip (the histogram
/// alone cannot give it, since a drama voice may be a mean like 7.25).
/// The benchmark's floor runs a copy (`bench/sql/`), kept equal by
/// `crate::bench_statements`.
pub(crate) fn summary_sql(scope: Scope) -> String {
    let voices_of = match scope {
        Scope::Guild(_) => "guild_id = ?1",
        // ?1 is 0 here; the condition keeps the parameter numbering.
        Scope::AllServers => "?1 = 0",
    };
    format!(
        "WITH t AS (SELECT voices, total, total_sq, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10
                    FROM score_totals WHERE guild_id = ?1 AND kind = ?2 AND target_id = ?3)
         SELECT t.*, (SELECT AVG(voice) FROM (SELECT voice FROM voices
                 WHERE {voices_of} AND kind = ?2 AND target_id = ?3 ORDER BY voice
                 LIMIT 2 - (SELECT voices FROM t) % 2 OFFSET ((SELECT voices FROM t) - 1) / 2))
             AS median
         FROM t"
    )
}

/// [`summary_sql`] for PostgreSQL: `$N` parameters and a named subquery.
pub(crate) fn summary_sql_postgres(scope: Scope) -> String {
    let voices_of = match scope {
        Scope::Guild(_) => "guild_id = $1",
        Scope::AllServers => "$1 = 0",
    };
    format!(
        "WITH t AS (SELECT voices, total, total_sq, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10
                    FROM score_totals WHERE guild_id = $1 AND kind = $2 AND target_id = $3)
         SELECT t.*, (SELECT AVG(voice) FROM (SELECT voice FROM voices
                 WHERE {voices_of} AND kind = $2 AND target_id = $3 ORDER BY voice
                 LIMIT 2 - (SELECT voices FROM t) % 2 OFFSET ((SELECT voices FROM t) - 1) / 2)
                 AS middle)
             AS median
         FROM t"
    )
}

/// The score of one target, or `None` before anyone reviewed it.
#[tracing::instrument(skip(db))]
pub async fn summary<'c>(
    db: impl Into<Handle<'c>>,
    scope: Scope,
    kind: Kind,
    target: i64,
) -> Result<Option<Summary>> {
    let db = db.into();
    let sql = match db.backend() {
        Backend::Sqlite => summary_sql(scope),
        Backend::Postgres => summary_sql_postgres(scope),
    };
    let row: Option<TotalsRow> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(scope.to_db())
        .bind(kind_str(kind))
        .bind(target)
        .fetch_optional(e)
        .await)?;
    let Some(row) = row.filter(|r| r.voices > 0) else {
        return Ok(None);
    };
    let n = row.voices;
    let mean = row.total / n as f64;
    let variance = (row.total_sq / n as f64 - mean * mean).max(0.0);
    let h = [
        row.h1, row.h2, row.h3, row.h4, row.h5, row.h6, row.h7, row.h8, row.h9, row.h10,
    ];
    Ok(Some(Summary {
        voices: n as u64,
        mean,
        median: row.median.unwrap_or(mean),
        spread: variance.sqrt(),
        histogram: h.map(|c| c.max(0) as u64),
    }))
}

/// The scores of a drama's tracks (those with voices), best mean first:
/// `(track id, voices, mean)`.
pub async fn track_scores<'c>(
    db: impl Into<Handle<'c>>,
    scope: Scope,
    drama: crate::catalog::DramaId,
) -> Result<Vec<(i64, u64, f64)>> {
    let rows: Vec<(i64, i64, f64)> = on_db!(db, |e| sqlx::query_as(
        "SELECT s.target_id, s.voices, s.total / s.voices FROM score_totals s
         JOIN tracks t ON t.id = s.target_id
         WHERE s.guild_id = $1 AND s.kind = 'track' AND t.drama_id = $2 AND s.voices > 0
         ORDER BY s.total / s.voices DESC, s.voices DESC, s.target_id",
    )
    .bind(scope.to_db())
    .bind(drama)
    .fetch_all(e)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(t, v, mean)| (t, v.max(0) as u64, mean))
        .collect())
}

/// C of the Bayesian average: the mean of every voice on a kind of target
/// in the server (`None` before the first review).
pub async fn server_mean<'c>(
    db: impl Into<Handle<'c>>,
    scope: Scope,
    kind: Kind,
) -> Result<Option<f64>> {
    // SUM of a BIGINT is NUMERIC in PostgreSQL.
    let (voices, total): (Option<i64>, Option<f64>) = on_db!(db, |e| sqlx::query_as(
        "SELECT CAST(SUM(voices) AS BIGINT), SUM(total) FROM score_totals
         WHERE guild_id = $1 AND kind = $2",
    )
    .bind(scope.to_db())
    .bind(kind_str(kind))
    .fetch_one(e)
    .await)?;
    Ok(match (voices, total) {
        (Some(v), Some(total)) if v > 0 => Some(total / v as f64),
        _ => None,
    })
}

/// Recomputes one member's voice on one target from their reviews, after a
/// review was deleted. Runs inside the caller's (write) transaction; the
/// triggers of migration 0007 (PostgreSQL: `voices_count`) move the
/// aggregates with the voice.
pub(crate) async fn refresh_voice(
    mut db: Handle<'_>,
    guild: GuildId,
    kind: Kind,
    target: i64,
    member: UserId,
    now: DateTime<Utc>,
) -> Result<()> {
    let g = guild;
    let m = member;
    let new: Option<f64> = match kind {
        Kind::Track => {
            let score: Option<(i64,)> = on_db!(db.reborrow(), |e| sqlx::query_as(
                "SELECT score FROM reviews
                 WHERE guild_id = $1 AND member_id = $2 AND track_key = $3",
            )
            .bind(g)
            .bind(m)
            .bind(target)
            .fetch_optional(e)
            .await)?;
            score.map(|(s,)| s as f64)
        }
        Kind::Drama => {
            let rows: Vec<(i64, i64)> = on_db!(db.reborrow(), |e| sqlx::query_as(
                "SELECT track_key, score FROM reviews
                 WHERE member_id = $1 AND guild_id = $2 AND drama_id = $3",
            )
            .bind(m)
            .bind(g)
            .bind(target)
            .fetch_all(e)
            .await)?;
            drama_voice(&rows)
        }
    };
    match new {
        Some(voice) => db_execute!(
            db,
            sqlx::query(
                "INSERT INTO voices (guild_id, kind, target_id, member_id, voice, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (guild_id, kind, target_id, member_id)
                 DO UPDATE SET voice = excluded.voice, updated_at = excluded.updated_at",
            )
            .bind(g)
            .bind(kind_str(kind))
            .bind(target)
            .bind(m)
            .bind(voice)
            .bind(at(now))
        )?,
        None => db_execute!(
            db,
            sqlx::query(
                "DELETE FROM voices
                 WHERE guild_id = $1 AND kind = $2 AND target_id = $3 AND member_id = $4",
            )
            .bind(g)
            .bind(kind_str(kind))
            .bind(target)
            .bind(m)
        )?,
    };
    Ok(())
}

/// A member's voice on a drama: the whole-OST review, else the mean of their
/// track reviews of it. Rows are `(track_key, score)`.
pub fn drama_voice(rows: &[(i64, i64)]) -> Option<f64> {
    if let Some((_, whole)) = rows.iter().find(|(track, _)| *track == 0) {
        return Some(*whole as f64);
    }
    if rows.is_empty() {
        return None;
    }
    Some(rows.iter().map(|(_, s)| *s as f64).sum::<f64>() / rows.len() as f64)
}

/// Which period a leaderboard covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    AllTime,
    ThisYear,
    Last30Days,
}

impl Period {
    pub fn as_str(self) -> &'static str {
        match self {
            Period::AllTime => "all",
            Period::ThisYear => "year",
            Period::Last30Days => "30d",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "all" => Some(Period::AllTime),
            "year" => Some(Period::ThisYear),
            "30d" => Some(Period::Last30Days),
            _ => None,
        }
    }

    /// The earliest voice time counted, if the period is limited.
    fn since(self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        use chrono::{Datelike, TimeZone};
        match self {
            Period::AllTime => None,
            Period::ThisYear => Utc.with_ymd_and_hms(now.year(), 1, 1, 0, 0, 0).single(),
            Period::Last30Days => Some(now - chrono::Duration::days(30)),
        }
    }
}

/// Leaderboard filters.
#[derive(Clone, Debug, PartialEq)]
pub struct Filter {
    pub kind: Kind,
    pub period: Period,
    /// The drama's year.
    pub year: Option<i32>,
    /// A genre of the drama (case-insensitive).
    pub genre: Option<String>,
    pub min_voices: u32,
}

/// One row of a leaderboard.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    pub rank: u64,
    pub kind: Kind,
    pub target: i64,
    pub voices: u64,
    pub mean: f64,
    pub weighted: f64,
}

#[derive(FromRow)]
struct RankRow {
    target_id: i64,
    voices: i64,
    total: f64,
    server_mean: Option<f64>,
    matching: i64,
}

/// The leaderboard statement: ranks and pages in SQL. `s` holds per-target
/// voices and totals, `c` the server's mean over all of them (C, before the
/// filters), `r` the targets that pass the filters.
/// - `c` is MATERIALIZED: left to itself, SQLite 3.46 runs it as a
///   co-routine inside the loop over `r`, summing every row once per row
///   (quadratic: 0.7 s for 2 000 dramas on the bench machine).
/// - `r` is read twice (the page and its count) but never copied: at 20 000
///   targets a materialised copy costs more than the second scan.
/// - `+s.voices` keeps the planner on the primary key: `score_totals_ranked`
///   would need a table lookup per row.
///
/// PostgreSQL's text differs in three places: `$N` for `?N` (no other `?` is
/// in the text), a genre read with `json_array_elements_text` (the genres are
/// a JSON array kept as TEXT), and TRUE for a condition that is always met
/// (an integer is no boolean there).
///
/// The benchmark's floor runs a copy of SQLite's (`bench/sql/`), kept equal
/// by `crate::bench_statements`.
pub(crate) fn leaderboard_sql_for(
    backend: Backend,
    scope: Scope,
    kind: Kind,
    period: bool,
) -> String {
    // Per-target voices and totals, over the whole history from the
    // aggregates, or over a period from the voices written in it.
    let source = if period {
        "s AS (SELECT target_id, COUNT(*) AS voices, SUM(voice) AS total FROM voices
               WHERE (?1 = 0 OR guild_id = ?1) AND kind = ?2 AND updated_at >= ?3
               GROUP BY target_id)"
    } else {
        "s AS NOT MATERIALIZED (SELECT target_id, voices, total FROM score_totals
               WHERE guild_id = ?1 AND kind = ?2)"
    };
    let drama_of = match kind {
        Kind::Drama => "s.target_id",
        Kind::Track => "(SELECT drama_id FROM tracks WHERE tracks.id = s.target_id)",
    };
    // The join already requires the entry to exist. Across servers, only
    // global entries: a server's own entries stay in it.
    let visible = match (kind, scope, backend) {
        (_, Scope::Guild(_), Backend::Sqlite) => "1",
        (_, Scope::Guild(_), Backend::Postgres) => "TRUE",
        (Kind::Drama, Scope::AllServers, _) => "d.scope = 0",
        (Kind::Track, Scope::AllServers, _) => {
            "EXISTS (SELECT 1 FROM tracks WHERE tracks.id = s.target_id AND tracks.scope = 0)"
        }
    };
    let has_genre = match backend {
        Backend::Sqlite => {
            "EXISTS (SELECT 1 FROM json_each(d.genres)
                                               WHERE lower(json_each.value) = lower(?6))"
        }
        Backend::Postgres => {
            "EXISTS (SELECT 1 FROM json_array_elements_text(CAST(d.genres AS json)) AS genre
                     WHERE lower(genre) = lower(?6))"
        }
    };
    let sql = format!(
        "WITH {source},
              c AS MATERIALIZED (SELECT SUM(total) / SUM(voices) AS mean FROM s),
              r AS NOT MATERIALIZED (
                  SELECT s.target_id, s.voices, s.total FROM s JOIN dramas d ON d.id = {drama_of}
                  WHERE +s.voices >= ?4 AND {visible}
                    AND (?5 IS NULL OR d.year = ?5)
                    AND (?6 IS NULL OR {has_genre}))
         SELECT r.target_id, r.voices, r.total, c.mean AS server_mean,
                (SELECT COUNT(*) FROM r) AS matching
         FROM r, c
         ORDER BY (r.total + ?7 * c.mean) / (r.voices + ?7) DESC, r.voices DESC, r.target_id
         LIMIT ?8 OFFSET ?9"
    );
    match backend {
        Backend::Sqlite => sql,
        Backend::Postgres => sql.replace('?', "$"),
    }
}

/// Targets ranked by weighted score in a server, or across all servers
/// (global catalog entries only): `(page rows, total rows)`. `m` is the
/// minimum-voices weight.
#[tracing::instrument(skip(db))]
pub async fn leaderboard<'c>(
    db: impl Into<Handle<'c>>,
    scope: Scope,
    filter: &Filter,
    m: u32,
    now: DateTime<Utc>,
    offset: u64,
    limit: u64,
) -> Result<(Vec<Ranked>, u64)> {
    let mut db = db.into();
    let since = filter.period.since(now).map(at);
    let sql = leaderboard_sql_for(db.backend(), scope, filter.kind, since.is_some());
    let ask = Ask {
        sql: &sql,
        scope,
        filter,
        since,
        m,
    };
    let rows = ask.page(db.reborrow(), offset, limit).await?;
    let total = match rows.first() {
        Some(r) => r.matching.max(0) as u64,
        // A page past the end still tells how many rows there are.
        None if offset > 0 || limit == 0 => ask
            .page(db, 0, 1)
            .await?
            .first()
            .map_or(0, |r| r.matching.max(0) as u64),
        None => 0,
    };
    // C is the server's mean over every voice of the period, before filters.
    let c = rows.first().and_then(|r| r.server_mean).unwrap_or(0.0);
    let page = rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let voices = r.voices.max(0) as u64;
            let mean = if voices == 0 {
                0.0
            } else {
                r.total / voices as f64
            };
            Ranked {
                rank: offset + i as u64 + 1,
                kind: filter.kind,
                target: r.target_id,
                voices,
                mean,
                weighted: bayesian(voices, mean, m, c),
            }
        })
        .collect();
    Ok((page, total))
}

/// SQLite's leaderboard statement, as the bench runs it.
#[cfg(test)]
pub(crate) fn leaderboard_sql(scope: Scope, kind: Kind, period: bool) -> String {
    leaderboard_sql_for(Backend::Sqlite, scope, kind, period)
}

/// A leaderboard statement with its parameters, for a page of it.
struct Ask<'a> {
    sql: &'a str,
    scope: Scope,
    filter: &'a Filter,
    since: Option<crate::timestamp::Timestamp>,
    m: u32,
}

impl Ask<'_> {
    async fn page(&self, db: Handle<'_>, offset: u64, limit: u64) -> Result<Vec<RankRow>> {
        Ok(on_db!(db, |e| sqlx::query_as::<_, RankRow>(self.sql)
            .bind(self.scope.to_db())
            .bind(kind_str(self.filter.kind))
            .bind(self.since)
            .bind(i64::from(self.filter.min_voices.max(1)))
            .bind(self.filter.year)
            .bind(self.filter.genre.as_deref())
            .bind(f64::from(self.m))
            .bind(limit.min(i64::MAX as u64) as i64)
            .bind(offset.min(i64::MAX as u64) as i64)
            .fetch_all(e)
            .await)?)
    }
}

/// Why a leaderboard came out empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Empty {
    /// Nothing of this kind was reviewed (in the period): no filter is to blame.
    NoReviews,
    /// Reviews exist before the filters, and each filter named here leaves
    /// nothing on its own.
    Filters(Vec<FilterName>),
    /// Each filter alone leaves something; together they leave nothing.
    Together,
}

/// The leaderboard filters a member can loosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterName {
    Genre,
    Year,
    MinVoices,
}

/// Why `filter` finds nothing: without year, genre and minimum voices,
/// then with each of them alone. Only asked once a leaderboard is empty.
#[tracing::instrument(skip(db))]
pub async fn why_empty<'c>(
    db: impl Into<Handle<'c>>,
    scope: Scope,
    filter: &Filter,
    m: u32,
    now: DateTime<Utc>,
) -> Result<Empty> {
    let mut db = db.into();
    let bare = Filter {
        year: None,
        genre: None,
        min_voices: 1,
        ..filter.clone()
    };
    if !finds(db.reborrow(), scope, &bare, m, now).await? {
        return Ok(Empty::NoReviews);
    }
    // Each filter set alone on the bare one, and whether it is to blame.
    let alone = [
        (
            filter.genre.is_some(),
            FilterName::Genre,
            Filter {
                genre: filter.genre.clone(),
                ..bare.clone()
            },
        ),
        (
            filter.year.is_some(),
            FilterName::Year,
            Filter {
                year: filter.year,
                ..bare.clone()
            },
        ),
        (
            filter.min_voices > 1,
            FilterName::MinVoices,
            Filter {
                min_voices: filter.min_voices,
                ..bare.clone()
            },
        ),
    ];
    let mut blamed = Vec::new();
    for (set, name, only) in alone {
        if set && !finds(db.reborrow(), scope, &only, m, now).await? {
            blamed.push(name);
        }
    }
    Ok(if blamed.is_empty() {
        Empty::Together
    } else {
        Empty::Filters(blamed)
    })
}

/// Whether the leaderboard of `filter` has any row.
async fn finds(
    db: Handle<'_>,
    scope: Scope,
    filter: &Filter,
    m: u32,
    now: DateTime<Utc>,
) -> Result<bool> {
    let (_, total) = leaderboard(db, scope, filter, m, now, 0, 1).await?;
    Ok(total > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_round_halves_up_and_stay_in_range() {
        assert_eq!(bucket(1.0), 0);
        assert_eq!(bucket(7.5), 7);
        assert_eq!(bucket(7.49), 6);
        assert_eq!(bucket(10.0), 9);
        assert_eq!(bucket(0.2), 0);
    }

    #[test]
    fn hand_checked_summary() {
        // Voices 6, 8, 8, 10: mean 8, median 8, spread sqrt((4+0+0+4)/4) = sqrt 2.
        let s = summarize(&[6.0, 8.0, 8.0, 10.0]).unwrap();
        assert_eq!(s.voices, 4);
        assert_eq!(s.mean, 8.0);
        assert_eq!(s.median, 8.0);
        assert!((s.spread - 2f64.sqrt()).abs() < 1e-12);
        assert_eq!(s.histogram, [0, 0, 0, 0, 0, 1, 0, 2, 0, 1]);
        // Odd count, unsorted input.
        let s = summarize(&[9.0, 3.0, 5.0]).unwrap();
        assert_eq!(s.median, 5.0);
        assert!(summarize(&[]).is_none());
    }

    #[test]
    fn one_voice_per_member_prefers_the_whole_ost_review() {
        assert_eq!(drama_voice(&[(12, 6), (0, 9), (13, 4)]), Some(9.0));
        assert_eq!(drama_voice(&[(12, 6), (13, 9)]), Some(7.5));
        assert_eq!(drama_voice(&[]), None);
    }

    #[test]
    fn bayesian_pulls_few_voices_towards_the_server_mean() {
        // One 10/10 with m = 5 and C = 7: (10 + 35) / 6 = 7.5.
        assert_eq!(bayesian(1, 10.0, 5, 7.0), 7.5);
        // Twenty 9s: (180 + 35) / 25 = 8.6, ahead of the lone 10.
        assert!((bayesian(20, 9.0, 5, 7.0) - 8.6).abs() < 1e-12);
        assert_eq!(bayesian(0, 0.0, 0, 6.0), 6.0);
    }
}
