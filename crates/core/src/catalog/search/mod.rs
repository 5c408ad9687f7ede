//! Catalog search: English, Hangul, romanized and misspelled titles, alternative titles and
//! artists, for dramas and tracks, fast enough for autocomplete.
//!
//! **Index** (`migrations/sqlite/0002_search.sql`, written by [`write_keys`] in the
//! store's transaction): one row per key in `search_keys` with three forms — normalized words,
//! the same without spaces, and a phonetic key of its Revised Romanization ([`romanize`],
//! [`phonetic`]) — B-tree indexes on the compact and phonetic forms; `search_words`, the key
//! from each word start on (both forms, cut to 32 characters) with a covering index on its first
//! three characters by popularity; `search_prefix` for one- and two-character queries; and an
//! FTS5 trigram index (`detail=none`) whose postings vote for misspelled queries ([`fuzzy`];
//! merged into one segment after bulk imports, [`compact_trigrams`]). Drama-only
//! searches read partial indexes over the drama rows alone (`migrations/sqlite/0010_…`). A key is a
//! drama's, a track's or an artist's: an artist's names are keys once, and `search_credits`
//! (`migrations/sqlite/0024_…`) turns a matched artist key into keys of their tracks
//! (`expand_artists`), their most popular ones and the candidates they sing.
//!
//! **PostgreSQL** (`migrations/postgres/0001_schema.sql`) has the same tables without FTS5:
//! pg_trgm's GIN indexes over the compact and phonetic forms list the keys holding a trigram
//! (`LIKE '%abc%'`, by id, as FTS5's postings come), and equal popularities are ordered as
//! SQLite's indexes order them, so both gather the same candidates and return the same hits
//! (`crates/core/tests/search.rs`); `statement.rs` builds each lookup for either dialect.
//!
//! **Query** ([`search`]): normalize and bound the query (64 characters), then gather a bounded
//! set of candidate keys — exact forms; completions from any word start, the most popular first
//! and then in order; and, only when none of these matched well, keys sharing a word head or
//! most of the trigrams with the query, and (beside them, on a second connection of the pool
//! when one is idle) keys matching each part of the query split in two — score each in Rust
//! ([`rank`]: exact > prefix > word start > substring > misspelling; title > alternative >
//! artist; a small popularity prior; specials after their drama), keep each item's best key,
//! add the tracks of the best dramas, and sort. Every statement reads at most a few hundred
//! index entries, whatever the size of the catalog: no scan per keystroke.

mod forget;
mod fuzzy;
pub mod index;
pub mod normalize;
pub mod phonetic;
pub mod query;
pub mod rank;
pub mod romanize;
mod statement;

pub use index::{compact_trigrams, drama_keys, track_keys, unindex, write_keys, ItemKeys};
pub use query::{parse_query, ParsedQuery};

use super::{Drama, DramaId, Kind, Track};
use crate::db::{Backend, Handle};
use normalize::{compact, normalize_query};
use rank::{final_score, match_quality, Field, QueryForms, MIN_QUALITY, VIA_DRAMA};
use sqlx::FromRow;
use statement::Statement;
use std::collections::HashMap;

/// Which entries a search may return.
#[derive(Clone, Copy, Debug, Default)]
pub struct SearchFilter {
    pub kind: Option<Kind>,
    /// Global entries plus this guild's own; `None` is global only.
    pub scope: Option<i64>,
    /// Restricts track results to one drama.
    pub drama: Option<DramaId>,
}

/// One result: a drama or a track, its score (higher is better, about 0.5–1.05) and the key
/// that matched, as the catalog writes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub kind: Kind,
    pub id: i64,
    pub score: f32,
    pub matched: String,
}

/// The most results one search returns.
pub const MAX_LIMIT: usize = 100;
/// Candidate keys read per lookup: exact forms; one- or two-character prefixes; completions,
/// most popular first (reading at most `POPULAR_SCAN` index entries) and in order.
const EXACT_CANDIDATES: i64 = 40;
const SHORT_CANDIDATES: i64 = 40;
const POPULAR_SCAN: i64 = 400;
const POPULAR_CANDIDATES: i64 = 40;
const ORDERED_CANDIDATES: i64 = 20;
/// A match at least this good (a word-start prefix of a key) makes the misspelling step moot.
const STRONG_QUALITY: f32 = 0.8;
/// Each part of a query matched by a different key must match at least this well.
const COMBINED_QUALITY: f32 = 0.8;
/// Dramas whose tracks are added to the results.
const DRAMAS_EXPANDED: usize = 8;
/// What puts a drama's signature track first among the tracks found by the drama's name:
/// less than any difference between two keys' matches.
const SIGNATURE_BONUS: f32 = 0.005;

pub(crate) fn kind_to_db(kind: Kind) -> i64 {
    match kind {
        Kind::Drama => 0,
        Kind::Track => 1,
    }
}

fn kind_from_db(v: i64) -> Kind {
    if v == 0 {
        Kind::Drama
    } else {
        Kind::Track
    }
}

/// The forms of a user query, or `None` when nothing searchable is left.
pub fn query_forms(query: &str) -> Option<QueryForms> {
    let norm = normalize_query(query);
    if norm.is_empty() {
        return None;
    }
    let compact = compact(&norm);
    let phon = phonetic::phonetic_key(&romanize::romanize(&norm));
    Some(QueryForms {
        norm,
        compact,
        phon,
    })
}

#[derive(FromRow, Clone, Debug)]
struct KeyRow {
    id: i64,
    kind: i64,
    item_id: i64,
    drama_id: i64,
    field: i64,
    display: String,
    norm: String,
    compact: String,
    phon: String,
    popularity: f64,
    special: bool,
}

const KEY_COLUMNS: &str =
    "k.id, k.kind, k.item_id, k.drama_id, k.field, k.display, k.norm, k.compact, k.phon, k.popularity, k.special";

/// Searches the catalog; best first, at most `limit` (≤ [`MAX_LIMIT`]) hits.
#[tracing::instrument(skip_all, fields(kind = ?filter.kind, limit))]
pub async fn search<'c>(
    db: impl Into<Handle<'c>>,
    query: &str,
    filter: SearchFilter,
    limit: usize,
) -> Result<Vec<Hit>, sqlx::Error> {
    let limit = limit.min(MAX_LIMIT);
    let Some(q) = query_forms(query) else {
        return Ok(Vec::new());
    };
    if limit == 0 {
        return Ok(Vec::new());
    }
    // The statements of one search on one connection, but for a lookup that may run beside
    // the others on another (`Spare`).
    match db.into() {
        Handle::SqlitePool(pool) => {
            let mut conn = pool.acquire().await?;
            let conn = &mut Handle::Sqlite(&mut conn);
            search_on(conn, Spare::Sqlite(pool), query, &q, filter, limit).await
        }
        Handle::PostgresPool(pool) => {
            let mut conn = pool.acquire().await?;
            let conn = &mut Handle::Postgres(&mut conn);
            search_on(conn, Spare::Postgres(pool), query, &q, filter, limit).await
        }
        mut conn => search_on(&mut conn, Spare::None, query, &q, filter, limit).await,
    }
}

/// The pool a search's connection came from, if it came from one: a lookup that does not
/// wait for the others' results runs on another of its connections when one is idle, so
/// that a misspelled query's two lookups take the time of the longer one.
#[derive(Clone, Copy)]
enum Spare<'p> {
    None,
    Sqlite(&'p sqlx::SqlitePool),
    Postgres(&'p sqlx::PgPool),
}

impl Spare<'_> {
    /// `split_candidates` on an idle connection of the pool; `None` when there is none.
    async fn split_candidates(
        self,
        q: &QueryForms,
        scope: i64,
        only_dramas: bool,
    ) -> Option<Result<Vec<KeyRow>, sqlx::Error>> {
        match self {
            Spare::None => None,
            Spare::Sqlite(pool) => {
                let mut conn = pool.try_acquire()?;
                let conn = &mut Handle::Sqlite(&mut conn);
                Some(split_candidates(conn, q, scope, only_dramas).await)
            }
            Spare::Postgres(pool) => {
                let mut conn = pool.try_acquire()?;
                let conn = &mut Handle::Postgres(&mut conn);
                Some(split_candidates(conn, q, scope, only_dramas).await)
            }
        }
    }
}

async fn search_on(
    conn: &mut Handle<'_>,
    spare: Spare<'_>,
    query: &str,
    q: &QueryForms,
    filter: SearchFilter,
    limit: usize,
) -> Result<Vec<Hit>, sqlx::Error> {
    let parsed = parse_query(query);
    let structured = (parsed.part.is_some() || parsed.ost) && filter.drama.is_none();
    if structured {
        if let Some(text) = query_forms(&parsed.text) {
            return structured_search(conn, spare, &text, &parsed, filter, limit).await;
        }
    }
    let hits = search_conn(conn, spare, q, filter, limit).await?;
    match (parsed.year, query_forms(&parsed.text)) {
        (Some(year), Some(text)) if hits.first().is_none_or(|h| h.score < 0.95) => {
            with_year(conn, spare, hits, &text, year, filter, limit).await
        }
        _ => Ok(hits),
    }
}

/// What a year typed after a title adds to the entries of that year ("goblin 2016").
const YEAR_BONUS: f32 = 0.08;
/// The score of a track named by its drama and OST part: above any key match.
const PART_SCORE: f32 = 1.08;

/// "goblin 2016": the title searched without the year, entries of that year first, merged with
/// the hits of the whole text.
async fn with_year(
    conn: &mut Handle<'_>,
    spare: Spare<'_>,
    hits: Vec<Hit>,
    text: &QueryForms,
    year: i32,
    filter: SearchFilter,
    limit: usize,
) -> Result<Vec<Hit>, sqlx::Error> {
    let without = search_conn(conn, spare, text, filter, limit.max(10)).await?;
    let ids = |kind: Kind| -> Vec<i64> {
        without
            .iter()
            .filter(|h| h.kind == kind)
            .map(|h| h.id)
            .collect()
    };
    let mut s = Statement::new(
        conn.backend(),
        "SELECT CAST(0 AS BIGINT), id FROM dramas WHERE id IN (",
    );
    s.push_ids(&ids(Kind::Drama))
        .push(") AND year = ")
        .bind_int(i64::from(year))
        .push(" UNION ALL SELECT CAST(1 AS BIGINT), id FROM tracks WHERE id IN (")
        .push_ids(&ids(Kind::Track))
        .push(") AND year = ")
        .bind_int(i64::from(year));
    let of_year: Vec<(i64, i64)> = s.fetch_all(conn.reborrow()).await?;
    let mut best: HashMap<(Kind, i64), Hit> = HashMap::new();
    for mut hit in without {
        if of_year.contains(&(kind_to_db(hit.kind), hit.id)) {
            hit.score += YEAR_BONUS;
        }
        best.insert((hit.kind, hit.id), hit);
    }
    for hit in hits {
        let entry = best
            .entry((hit.kind, hit.id))
            .or_insert_with(|| hit.clone());
        if hit.score > entry.score {
            *entry = hit;
        }
    }
    let mut out: Vec<Hit> = best.into_values().collect();
    sort_hits(&mut out);
    out.truncate(limit);
    Ok(out)
}

fn sort_hits(hits: &mut [Hit]) {
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(kind_to_db(a.kind).cmp(&kind_to_db(b.kind)))
            .then(a.id.cmp(&b.id))
    });
}

/// "goblin ost part 1", "CLOY part 2", "goblin ost": the drama named by the other words; its
/// track of that part first, or (with "OST" alone) its tracks in part order.
async fn structured_search(
    conn: &mut Handle<'_>,
    spare: Spare<'_>,
    text: &QueryForms,
    parsed: &ParsedQuery,
    filter: SearchFilter,
    limit: usize,
) -> Result<Vec<Hit>, sqlx::Error> {
    if filter.kind == Some(Kind::Drama) {
        return search_conn(conn, spare, text, filter, limit).await;
    }
    let dramas = SearchFilter {
        kind: Some(Kind::Drama),
        ..filter
    };
    let found = search_conn(conn, spare, text, dramas, 3).await?;
    let mut hits: Vec<Hit> = Vec::new();
    if let Some(drama) = found.first().filter(|h| h.score >= RELEVANCE_FLOOR) {
        let scope = filter.scope.unwrap_or(0);
        // Undated tracks first, as SQLite sorts NULLs; dates in byte order.
        let mut s = Statement::new(
            conn.backend(),
            "SELECT id, ost_part, title FROM tracks WHERE drama_id = ",
        );
        s.bind_int(drama.id)
            .push(" AND scope IN (0, ")
            .bind_int(scope)
            .push(") ORDER BY ost_part IS NULL, ost_part, release_date IS NULL DESC, release_date")
            .push_postgres(" COLLATE \"C\"")
            .push(", id LIMIT 200");
        let tracks: Vec<(i64, Option<i64>, String)> = s.fetch_all(conn.reborrow()).await?;
        for (i, (id, part, title)) in tracks.into_iter().enumerate() {
            let score = match parsed.part {
                Some(p) if part == Some(i64::from(p)) => PART_SCORE,
                Some(_) => drama.score * VIA_DRAMA * 0.9,
                // The drama's tracklist, in order.
                None => drama.score * VIA_DRAMA - 0.0001 * i as f32,
            };
            hits.push(Hit {
                kind: Kind::Track,
                id,
                score,
                matched: format!("{} · {title}", drama.matched),
            });
        }
        if filter.kind.is_none() {
            hits.push(drama.clone());
        }
    }
    sort_hits(&mut hits);
    hits.truncate(limit);
    Ok(hits)
}

/// Below this score a hit is not a plausible answer: no card, no suggestion. Misspellings
/// of a whole title score 0.6–0.85 and title + artist combinations from 0.72; the nonsense
/// of the query set ("zzzzqqq", "qqqq") reaches at most a stray trigram or phonetic prefix.
pub const RELEVANCE_FLOOR: f32 = 0.62;

/// The hits at or above [`RELEVANCE_FLOOR`].
pub fn plausible(hits: Vec<Hit>) -> Vec<Hit> {
    hits.into_iter()
        .filter(|h| h.score >= RELEVANCE_FLOOR)
        .collect()
}

/// Whether a hit's matched key is exactly the typed title.
pub fn is_exact_title(query: &str, matched: &str) -> bool {
    let q = compact(&normalize_query(query));
    !q.is_empty() && q == compact(&normalize::normalize(matched))
}

async fn search_conn(
    conn: &mut Handle<'_>,
    spare: Spare<'_>,
    q: &QueryForms,
    filter: SearchFilter,
    limit: usize,
) -> Result<Vec<Hit>, sqlx::Error> {
    let scope = filter.scope.unwrap_or(0);
    if let Some(drama) = filter.drama {
        // A drama has a handful of tracks: score all of them.
        // Its tracks' own keys, and the keys of the artists credited on them (CROSS JOIN:
        // from the tracks' credits to their artists, as the other way round reads every
        // credit of every artist).
        // PostgreSQL has no CROSS JOIN … ON; its planner picks the order by itself.
        let join = match conn.backend() {
            Backend::Sqlite => "CROSS JOIN",
            Backend::Postgres => "JOIN",
        };
        let sql = format!(
            "SELECT {KEY_COLUMNS} FROM search_keys k
             WHERE k.drama_id = $1 AND +k.kind = 1 AND k.scope IN (0, $2)
             UNION ALL
             SELECT k.id, 1, c.track_id, c.drama_id, k.field, k.display, k.norm, k.compact, k.phon,
                    c.popularity, FALSE
               FROM search_credits c {join} search_keys k ON k.kind = 2 AND k.item_id = c.artist_id
              WHERE c.track_id IN (SELECT item_id FROM search_keys
                                    WHERE drama_id = $1 AND +kind = 1 AND scope IN (0, $2))
                AND k.scope IN (0, $2)"
        );
        let mut s = Statement::new(conn.backend(), sql);
        s.append_int(drama.to_i64_bits()).append_int(scope);
        let rows: Vec<KeyRow> = s.fetch_all(conn.reborrow()).await?;
        let mut scored = Scored::default();
        scored.add_all(q, &rows);
        return Ok(scored.finish(filter.kind.or(Some(Kind::Track)), limit));
    }

    // Tracks are also found through their dramas, so only a drama-only search can leave the
    // other kind out of its lookups, each through a partial index of the drama rows alone
    // (`migrations/sqlite/0010_search_drama_indexes.sql`): `kind = 0` must be written as is.
    let only_dramas = filter.kind == Some(Kind::Drama);
    let kind_sql = if only_dramas { " AND kind = 0" } else { "" };

    // One statement gathers every candidate key id: the exact written or phonetic form, and
    // completions of the query from any word start of a key in either form — one or two
    // characters through the prefix table, longer ones through the word suffixes, the most
    // popular first and then in order.
    let mut b = Statement::new(
        conn.backend(),
        format!("SELECT {KEY_COLUMNS} FROM search_keys k WHERE k.id IN ("),
    );
    // A drama-only search also reads the keys of any kind with the exact form, for the
    // dramas of an artist typed in full ("paul kim" in /drama).
    let exact_kinds: &[&str] = if only_dramas { &[kind_sql, ""] } else { &[""] };
    let mut first = true;
    for kind in exact_kinds {
        for (column, exact) in [("compact", &q.compact), ("phon", &q.phon)] {
            push_exact(&mut b, &mut first, column, exact, kind);
        }
    }
    let mut forms = vec![q.compact.as_str()];
    if q.phon != q.compact && !q.phon.is_empty() {
        forms.push(q.phon.as_str());
    }
    for form in forms {
        if form.chars().count() <= 2 {
            b.push(" UNION SELECT key_id FROM (SELECT key_id FROM search_prefix WHERE term = ")
                .bind_text(form)
                .push(kind_sql)
                .push(" ORDER BY popularity DESC")
                // The order of SQLite's primary key read backwards.
                .push_postgres(", key_id DESC")
                .push(" LIMIT ")
                .bind_int(SHORT_CANDIDATES)
                .push(") AS short_prefix");
            continue;
        }
        let term = index::cut_term(form);
        push_completions(&mut b, term, kind_sql, POPULAR_CANDIDATES);
        b.push(" UNION SELECT key_id FROM (SELECT key_id FROM search_words WHERE term >= ")
            .bind_text(term)
            .push(" AND term < ")
            .bind_text(format!("{term}\u{10FFFF}"))
            .push(kind_sql)
            .push_postgres(" ORDER BY term, kind, key_id")
            .push(" LIMIT ")
            .bind_int(ORDERED_CANDIDATES)
            .push(") AS ordered");
    }
    b.push(") AND k.scope IN (0, ").bind_int(scope).push(")");
    b.push_postgres(" ORDER BY k.id");
    let candidates: Vec<KeyRow> = b.fetch_all(conn.reborrow()).await?;
    let candidates =
        expand_artists(conn, candidates, scope, |k| matches(q, k, MIN_QUALITY)).await?;

    let mut scored = Scored::default();
    let (mut rows, others): (Vec<KeyRow>, Vec<KeyRow>) = candidates
        .into_iter()
        .partition(|row| !only_dramas || kind_from_db(row.kind) == Kind::Drama);
    scored.add_all(q, &rows);
    scored.add_dramas_of_artists(q, &others);

    // Misspellings, or several things at once ("다시 난 여기 백예린": a title and an artist):
    // nothing matched as written or as pronounced.
    if !scored.has_strong_match() {
        let (fuzzy, beside) = tokio::join!(
            fuzzy::fuzzy_candidates(conn, q, scope, only_dramas),
            spare.split_candidates(q, scope, only_dramas)
        );
        let fuzzy = fuzzy?;
        scored.add_all(q, &fuzzy);
        rows.extend(fuzzy);
        let parts = match beside {
            Some(Ok(parts)) => parts,
            // An idle connection may have gone stale (PostgreSQL's, after a restart of the
            // server): the search's own runs the lookup instead.
            Some(Err(error)) => {
                tracing::debug!(%error, "split lookup on a spare connection failed");
                split_candidates(conn, q, scope, only_dramas).await?
            }
            None => split_candidates(conn, q, scope, only_dramas).await?,
        };
        let known: std::collections::HashSet<(i64, i64)> =
            rows.iter().map(|r| (r.id, r.item_id)).collect();
        rows.extend(
            parts
                .into_iter()
                .filter(|r| !known.contains(&(r.id, r.item_id))),
        );
        scored.add_combinations(q, &rows);
    }

    if filter.kind != Some(Kind::Drama) {
        add_tracks_of_best_dramas(conn, &mut scored, scope).await?;
    }
    Ok(scored.finish(filter.kind, limit))
}

/// One more candidate subquery: the most popular keys whose `column` form is `exact`
/// (`kind_sql` narrows them to dramas), joined to the others by UNION.
fn push_exact(b: &mut Statement, first: &mut bool, column: &str, exact: &str, kind_sql: &str) {
    if !*first {
        b.push(" UNION ");
    }
    *first = false;
    b.push("SELECT id FROM (SELECT id FROM search_keys WHERE ")
        .push(column)
        .push(" = ")
        .bind_text(exact)
        .push(kind_sql)
        .push(" ORDER BY popularity DESC")
        // SQLite's index orders equal popularities by rowid.
        .push_postgres(", id")
        .push(" LIMIT ")
        .bind_int(EXACT_CANDIDATES)
        .push(") AS exact");
}

/// One more candidate subquery: completions of `term` from any word start, the most popular
/// first (reading at most [`POPULAR_SCAN`] entries of its head), at most `limit`.
fn push_completions(b: &mut Statement, term: &str, kind_sql: &str, limit: i64) {
    b.push(" UNION SELECT key_id FROM (SELECT key_id FROM (SELECT key_id, term FROM search_words WHERE head = ")
        .bind_text(index::head(term))
        .push(kind_sql)
        .push(" ORDER BY popularity DESC")
        // The order of SQLite's head index among equal popularities.
        .push_postgres(", term, kind, key_id")
        .push(" LIMIT ")
        .bind_int(POPULAR_SCAN)
        .push(") AS by_head WHERE term >= ")
        .bind_text(term)
        .push(" AND term < ")
        .bind_text(format!("{term}\u{10FFFF}"))
        .push(" LIMIT ")
        .bind_int(limit)
        .push(") AS popular");
}

/// Keys matching each part of a query split in two ("beautiful | crush", "with you | 린",
/// "only u | i need romance"): the exact written or phonetic form of each part, and the
/// completions of parts of three characters or more, most popular first. Bounded: at most five
/// splits, a few dozen keys per part. A drama-only search reads the dramas' keys alone: a
/// drama is combined from its own keys only.
async fn split_candidates(
    conn: &mut Handle<'_>,
    q: &QueryForms,
    scope: i64,
    only_dramas: bool,
) -> Result<Vec<KeyRow>, sqlx::Error> {
    let kind_sql = if only_dramas { " AND kind = 0" } else { "" };
    let words: Vec<&str> = q.norm.split(' ').collect();
    if words.len() < 2 || words.len() > SPLIT_WORDS {
        return Ok(Vec::new());
    }
    let mut parts: Vec<QueryForms> = Vec::new();
    for k in 1..words.len() {
        for part in [words[..k].join(" "), words[k..].join(" ")] {
            if let Some(forms) = query_forms(&part) {
                if !parts.iter().any(|p| p.compact == forms.compact) {
                    parts.push(forms);
                }
            }
        }
    }
    let mut b = Statement::new(
        conn.backend(),
        format!("SELECT {KEY_COLUMNS} FROM search_keys k WHERE k.id IN ("),
    );
    let mut first = true;
    for part in &parts {
        for (column, exact) in [("compact", &part.compact), ("phon", &part.phon)] {
            if !exact.is_empty() {
                push_exact(&mut b, &mut first, column, exact, kind_sql);
            }
        }
        for form in [&part.compact, &part.phon] {
            if form.chars().count() < 3 {
                continue;
            }
            push_completions(&mut b, index::cut_term(form), kind_sql, SPLIT_CANDIDATES);
        }
    }
    if first {
        return Ok(Vec::new());
    }
    b.push(") AND k.scope IN (0, ").bind_int(scope).push(")");
    b.push_postgres(" ORDER BY k.id");
    let rows: Vec<KeyRow> = b.fetch_all(conn.reborrow()).await?;
    // A part's key counts in a combination only when it matches that part this well.
    let wanted = |k: &KeyRow| parts.iter().any(|p| matches(p, k, COMBINED_QUALITY));
    expand_artists(conn, rows, scope, wanted).await
}

/// Whether `key` matches `q` at least as well as `quality`.
fn matches(q: &QueryForms, key: &KeyRow, quality: f32) -> bool {
    let field = Field::from_db(key.field);
    match_quality(q, &key.norm, &key.compact, &key.phon, field) >= quality
}

/// Artists whose tracks one lookup expands into, and the tracks read per artist: fewer each
/// when many artists matched, within a budget.
const EXPANDED_ARTISTS: usize = 16;
const ARTIST_TRACKS: usize = 40;
const ARTIST_TRACKS_MIN: usize = 8;
const ARTIST_TRACK_BUDGET: usize = 240;

/// Each artist key among `rows` (`index::ARTIST_KIND`) that the lookup `wanted` as a key of
/// the artist's tracks that `scope` sees: their most popular ones, and the tracks among `rows`
/// they are credited on ("beautiful crush": the "Beautiful" that Crush sings, however many
/// tracks Crush has). Each such row has the artist key's id and forms and the track's
/// popularity; the other rows are unchanged, and artist keys not wanted are dropped.
async fn expand_artists(
    conn: &mut Handle<'_>,
    rows: Vec<KeyRow>,
    scope: i64,
    wanted: impl Fn(&KeyRow) -> bool,
) -> Result<Vec<KeyRow>, sqlx::Error> {
    let (artist_keys, mut rows): (Vec<KeyRow>, Vec<KeyRow>) = rows
        .into_iter()
        .partition(|row| row.kind == index::ARTIST_KIND);
    let artist_keys: Vec<KeyRow> = artist_keys.into_iter().filter(|k| wanted(k)).collect();
    if artist_keys.is_empty() {
        return Ok(rows);
    }
    let mut artists: Vec<(i64, f64)> = artist_keys
        .iter()
        .map(|k| (k.item_id, k.popularity))
        .collect();
    artists.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    artists.dedup_by_key(|a| a.0);
    artists.truncate(EXPANDED_ARTISTS);
    let per_artist = (ARTIST_TRACK_BUDGET / artists.len()).clamp(ARTIST_TRACKS_MIN, ARTIST_TRACKS);
    let tracks: Vec<i64> = rows
        .iter()
        .filter(|r| r.kind == kind_to_db(Kind::Track))
        .map(|r| r.item_id)
        .collect();
    let ids: Vec<i64> = artists.iter().map(|a| a.0).collect();
    // `+artist_id`: through the tracks' index, not through every credit of the artists.
    let mut b = Statement::new(
        conn.backend(),
        "SELECT artist_id, track_id, drama_id, popularity FROM search_credits WHERE track_id IN (",
    );
    b.push_ids(&tracks)
        .push(") AND +artist_id IN (")
        .push_ids(&ids)
        .push(")");
    for (artist, _) in &artists {
        b.push(" UNION SELECT * FROM (SELECT artist_id, track_id, drama_id, popularity FROM search_credits WHERE artist_id = ")
            .bind_int(*artist)
            .push(" AND scope IN (0, ")
            .bind_int(scope)
            .push(") ORDER BY popularity DESC")
            // SQLite's primary key read backwards.
            .push_postgres(", track_id DESC")
            .push(" LIMIT ")
            .bind_int(per_artist as i64)
            .push(") AS most_popular");
    }
    // SQLite's UNION hands its rows back in their order.
    b.push_postgres(" ORDER BY 1, 2, 3, 4");
    let credited: Vec<(i64, i64, i64, f64)> = b.fetch_all(conn.reborrow()).await?;
    for key in &artist_keys {
        for (_, track, drama, popularity) in credited.iter().filter(|c| c.0 == key.item_id) {
            rows.push(KeyRow {
                kind: kind_to_db(Kind::Track),
                item_id: *track,
                drama_id: *drama,
                popularity: *popularity,
                special: false,
                ..key.clone()
            });
        }
    }
    Ok(rows)
}

/// The longest query split in two ("i love you | my love from the star").
const SPLIT_WORDS: usize = 8;
/// Completions read per part of a split query.
const SPLIT_CANDIDATES: i64 = 30;

/// A drama's tracks are results for the drama's names: "crash landing on you" finds its OST.
async fn add_tracks_of_best_dramas(
    conn: &mut Handle<'_>,
    scored: &mut Scored,
    scope: i64,
) -> Result<(), sqlx::Error> {
    let mut dramas: Vec<(i64, f32, f64, String)> = scored
        .best
        .iter()
        .filter(|((kind, _), _)| *kind == Kind::Drama)
        .map(|((_, id), b)| (*id, b.score, b.popularity, b.matched.clone()))
        .collect();
    dramas.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    dramas.truncate(DRAMAS_EXPANDED);
    if dramas.is_empty() {
        return Ok(());
    }
    // The tracks themselves, one row each, rather than every key of every track (five or more
    // rows each). A track's popularity is its drama's. `+scope`: through the drama's index, not
    // the (scope, slug) one, which would walk every track of the scope.
    let ids: Vec<i64> = dramas.iter().map(|d| d.0).collect();
    let mut b = Statement::new(
        conn.backend(),
        "SELECT t.id, t.drama_id, t.signature FROM tracks t WHERE t.drama_id IN (",
    );
    b.push_ids(&ids)
        .push(") AND +t.scope IN (0, ")
        .bind_int(scope)
        .push(") LIMIT 500");
    let tracks: Vec<(i64, i64, bool)> = b.fetch_all(conn.reborrow()).await?;
    for (track, drama, signature) in tracks {
        if let Some((_, score, popularity, matched)) = dramas.iter().find(|d| d.0 == drama) {
            let bonus = if signature { SIGNATURE_BONUS } else { 0.0 };
            scored.offer(
                Kind::Track,
                track,
                score * VIA_DRAMA + bonus,
                *popularity,
                matched,
            );
        }
    }
    Ok(())
}

#[derive(Clone, Debug)]
struct Best {
    score: f32,
    quality: f32,
    popularity: f64,
    matched: String,
}

/// Each item's best key so far.
#[derive(Default)]
struct Scored {
    best: HashMap<(Kind, i64), Best>,
}

impl Scored {
    fn add_all(&mut self, q: &QueryForms, rows: &[KeyRow]) {
        // An artist key comes once for each of their tracks, one after the other.
        let mut last: Option<(i64, f32)> = None;
        for row in rows {
            let field = Field::from_db(row.field);
            let quality = match last {
                Some((id, quality)) if id == row.id => quality,
                _ => match_quality(q, &row.norm, &row.compact, &row.phon, field),
            };
            last = Some((row.id, quality));
            if quality < MIN_QUALITY {
                continue;
            }
            let score = final_score(quality, field, row.popularity, row.special);
            let candidate = Best {
                score,
                quality,
                popularity: row.popularity,
                matched: row.display.clone(),
            };
            self.keep((kind_from_db(row.kind), row.item_id), candidate);
        }
    }

    /// Keeps the better of an item's candidates.
    fn keep(&mut self, item: (Kind, i64), candidate: Best) {
        self.best
            .entry(item)
            .and_modify(|b| {
                if candidate.score > b.score {
                    *b = candidate.clone();
                }
            })
            .or_insert(candidate);
    }

    /// The dramas of the tracks whose artist the query names in full: "paul kim" in a
    /// drama-only search. Scored as the artist key itself, as in a track search: below the
    /// drama's own names, above a drama merely starting like the name ("IU", "Iubire…"). A
    /// strong match, so that the misspelling step is not run for an artist's name.
    fn add_dramas_of_artists(&mut self, q: &QueryForms, tracks: &[KeyRow]) {
        for row in tracks {
            if Field::from_db(row.field) != Field::Artist {
                continue;
            }
            let quality = match_quality(q, &row.norm, &row.compact, &row.phon, Field::Artist);
            if quality < STRONG_QUALITY {
                continue;
            }
            let score = final_score(quality, Field::Artist, row.popularity, false);
            let candidate = Best {
                score,
                quality,
                popularity: row.popularity,
                matched: row.display.clone(),
            };
            self.keep((Kind::Drama, row.drama_id), candidate);
        }
    }

    /// Items matching one part of the query with one key and the rest with another: a track's
    /// title and artist, or a drama's title and a track's title or artist.
    fn add_combinations(&mut self, q: &QueryForms, rows: &[KeyRow]) {
        let words: Vec<&str> = q.norm.split(' ').collect();
        if words.len() < 2 || words.len() > SPLIT_WORDS {
            return;
        }
        let splits: Vec<(QueryForms, QueryForms)> = (1..words.len())
            .filter_map(|k| {
                Some((
                    query_forms(&words[..k].join(" "))?,
                    query_forms(&words[k..].join(" "))?,
                ))
            })
            .collect();
        let mut items: HashMap<(Kind, i64), Vec<&KeyRow>> = HashMap::new();
        let mut dramas: HashMap<i64, Vec<&KeyRow>> = HashMap::new();
        for row in rows {
            let kind = kind_from_db(row.kind);
            items.entry((kind, row.item_id)).or_default().push(row);
            if kind == Kind::Drama {
                dramas.entry(row.item_id).or_default().push(row);
            }
        }
        for ((kind, id), own) in items {
            let mut keys = own.clone();
            if kind == Kind::Track {
                if let Some(drama_keys) = own.first().and_then(|r| dramas.get(&r.drama_id)) {
                    keys.extend(drama_keys.iter().copied());
                }
            }
            if keys.len() < 2 {
                continue;
            }
            let best = |part: &QueryForms| {
                keys.iter()
                    .map(|k| {
                        let field = Field::from_db(k.field);
                        (match_quality(part, &k.norm, &k.compact, &k.phon, field), *k)
                    })
                    .max_by(|a, b| a.0.total_cmp(&b.0))
            };
            for (left, right) in &splits {
                let (Some((ql, kl)), Some((qr, kr))) = (best(left), best(right)) else {
                    continue;
                };
                if kl.id == kr.id || ql < COMBINED_QUALITY || qr < COMBINED_QUALITY {
                    continue;
                }
                // Worth less than one key matching it all.
                let quality = 0.9 * (ql + qr) / 2.0;
                let popularity = own.first().map_or(0.0, |r| r.popularity);
                let score = final_score(quality, Field::Title, popularity, false);
                let matched = format!("{} · {}", kl.display, kr.display);
                self.offer(kind, id, score, popularity, &matched);
            }
        }
    }

    fn offer(&mut self, kind: Kind, id: i64, score: f32, popularity: f64, matched: &str) {
        let candidate = Best {
            score,
            quality: score,
            popularity,
            matched: matched.to_string(),
        };
        self.keep((kind, id), candidate);
    }

    /// Whether some item matched exactly, by prefix or at a word start, so that typo
    /// tolerance (the costliest step) is not needed.
    fn has_strong_match(&self) -> bool {
        self.best.values().any(|b| b.quality >= STRONG_QUALITY)
    }

    fn finish(self, kind: Option<Kind>, limit: usize) -> Vec<Hit> {
        let mut hits: Vec<(Hit, f64)> = self
            .best
            .into_iter()
            .filter(|((k, _), _)| kind.is_none_or(|want| want == *k))
            .map(|((kind, id), b)| {
                (
                    Hit {
                        kind,
                        id,
                        score: b.score,
                        matched: b.matched,
                    },
                    b.popularity,
                )
            })
            .collect();
        hits.sort_by(|(a, pa), (b, pb)| {
            b.score
                .total_cmp(&a.score)
                .then(pb.total_cmp(pa))
                .then(kind_to_db(a.kind).cmp(&kind_to_db(b.kind)))
                .then(a.id.cmp(&b.id))
        });
        hits.truncate(limit);
        hits.into_iter().map(|(h, _)| h).collect()
    }
}

/// Whether the first hit is clearly the one meant, so that text typed without picking an
/// autocomplete choice can be taken as is rather than answered with "did you mean".
pub fn is_clear_winner(hits: &[Hit]) -> bool {
    let Some(top) = hits.first() else {
        return false;
    };
    let second = hits.get(1).map_or(0.0, |h| h.score);
    is_clear_gap(top.score, top.score - second)
}

/// The margins of [`is_clear_winner`], read from the query set's score distribution
/// (`tests/search_quality.rs`, `clear_winner_margin_comes_from_the_query_set`): an exact match
/// needs a small lead, a weaker one a larger lead, and every wrong first hit of the set stays
/// below them.
pub const CLEAR_EXACT: (f32, f32) = (0.95, 0.04);
pub const CLEAR_WEAK: (f32, f32) = (0.75, 0.07);

/// Whether a first hit of `score`, `gap` above the second, is clearly the one meant.
pub fn is_clear_gap(score: f32, gap: f32) -> bool {
    (score >= CLEAR_EXACT.0 && gap >= CLEAR_EXACT.1)
        || (score >= CLEAR_WEAK.0 && gap >= CLEAR_WEAK.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(score: f32) -> Hit {
        Hit {
            kind: Kind::Drama,
            id: 1,
            score,
            matched: String::new(),
        }
    }

    #[test]
    fn clear_winner_needs_a_good_and_distinct_top() {
        assert!(!is_clear_winner(&[]));
        assert!(is_clear_winner(&[hit(1.02)]));
        assert!(is_clear_winner(&[hit(1.04), hit(0.98)]));
        assert!(!is_clear_winner(&[hit(1.04), hit(1.02)]));
        assert!(!is_clear_winner(&[hit(0.6)]));
        assert!(is_clear_winner(&[hit(0.85), hit(0.6)]));
    }

    #[test]
    fn empty_and_noise_queries_have_no_forms() {
        assert!(query_forms("").is_none());
        assert!(query_forms("  !!  ").is_none());
        let long = query_forms(&"crash ".repeat(2_000)).expect("forms");
        assert!(long.norm.chars().count() <= normalize::MAX_QUERY_CHARS);
    }
}
