//! Catalog search: English, Hangul, romanized and misspelled titles, alternative titles and
//! artists, for dramas and tracks, fast enough for autocomplete.
//!
//! **Index** (`migrations/0002_search.sql`, written by [`index_drama`] / [`index_track`] in the
//! store's transaction): one row per key in `search_keys` with three forms — normalized words,
//! the same without spaces, and a phonetic key of its Revised Romanization — a B-tree on the
//! compact and phonetic forms, an FTS5 trigram index over both, and a table of one- and
//! two-character word-start prefixes for queries too short for trigrams.
//!
//! **Query** ([`search`]): normalize and bound the query, gather a bounded set of candidate keys
//! (exact forms, short prefixes by popularity, trigram substrings, then trigram votes for
//! misspellings when those found too little), score each in Rust ([`rank`]), keep each item's
//! best key, add the tracks of the best dramas, and sort. Every step reads at most a few hundred
//! rows, whatever the size of the catalog.

mod artists;
pub mod index;
pub mod normalize;
pub mod phonetic;
pub mod rank;
pub mod romanize;

pub use index::{index_drama, index_track, unindex};

use super::{Drama, DramaId, Kind, Track};
use normalize::{compact, has_hangul, normalize_query};
use rank::{final_score, match_quality, Field, QueryForms, MIN_QUALITY, VIA_DRAMA};
use sqlx::{FromRow, SqliteConnection, SqlitePool};
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
/// Candidate keys read per lookup.
const EXACT_CANDIDATES: i64 = 200;
const PREFIX_CANDIDATES: i64 = 150;
const SUBSTRING_CANDIDATES: i64 = 300;
/// Misspelling fallback: trigrams looked up, rowids read per trigram, candidates kept.
const FUZZY_TRIGRAMS: usize = 10;
const FUZZY_POSTINGS: i64 = 4000;
const FUZZY_CANDIDATES: usize = 200;
/// A match at least this good (a word-start prefix of a key) makes the misspelling step moot.
const STRONG_QUALITY: f32 = 0.8;
/// Dramas whose tracks are added to the results.
const DRAMAS_EXPANDED: usize = 8;

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
pub async fn search(
    pool: &SqlitePool,
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
    let mut conn = pool.acquire().await?;
    search_conn(&mut conn, &q, filter, limit).await
}

async fn search_conn(
    conn: &mut SqliteConnection,
    q: &QueryForms,
    filter: SearchFilter,
    limit: usize,
) -> Result<Vec<Hit>, sqlx::Error> {
    let scope = filter.scope.unwrap_or(0);
    if let Some(drama) = filter.drama {
        // A drama has a handful of tracks: score all of them.
        let sql = format!(
            "SELECT {KEY_COLUMNS} FROM search_keys k
             WHERE k.drama_id = ? AND k.kind = 1 AND k.scope IN (0, ?)"
        );
        let rows: Vec<KeyRow> = sqlx::query_as(&sql)
            .bind(drama.0)
            .bind(scope)
            .fetch_all(&mut *conn)
            .await?;
        let mut scored = Scored::default();
        scored.add_all(q, &rows);
        return Ok(scored.finish(filter.kind.or(Some(Kind::Track)), limit));
    }

    let mut candidates: HashMap<i64, KeyRow> = HashMap::new();
    let mut add = |rows: Vec<KeyRow>| {
        for row in rows {
            candidates.entry(row.id).or_insert(row);
        }
    };

    // Exact written or phonetic form: always found, whatever else matches.
    let sql = format!(
        "SELECT {KEY_COLUMNS} FROM search_keys k WHERE k.compact = ?1 AND k.scope IN (0, ?3)
         UNION
         SELECT {KEY_COLUMNS} FROM search_keys k WHERE k.phon = ?2 AND k.scope IN (0, ?3)
         LIMIT ?4"
    );
    add(sqlx::query_as(&sql)
        .bind(&q.compact)
        .bind(&q.phon)
        .bind(scope)
        .bind(EXACT_CANDIDATES)
        .fetch_all(&mut *conn)
        .await?);

    // Too short for trigrams: word-start prefixes, most popular first.
    let short_terms: Vec<&str> = [q.compact.as_str(), q.phon.as_str()]
        .into_iter()
        .filter(|t| (1..=2).contains(&t.chars().count()))
        .collect();
    for term in short_terms {
        let sql = format!(
            "SELECT {KEY_COLUMNS} FROM search_prefix p JOIN search_keys k ON k.id = p.key_id
             WHERE p.term = ? AND k.scope IN (0, ?)
             ORDER BY p.popularity DESC LIMIT ?"
        );
        add(sqlx::query_as(&sql)
            .bind(term)
            .bind(scope)
            .bind(PREFIX_CANDIDATES)
            .fetch_all(&mut *conn)
            .await?);
    }

    // Substrings of three characters and more, in either form.
    let mut phrases = Vec::new();
    if q.compact.chars().count() >= 3 {
        phrases.push(format!("compact : {}", fts_string(&q.compact)));
    }
    if q.phon.chars().count() >= 3 && q.phon != q.compact {
        phrases.push(format!("phon : {}", fts_string(&q.phon)));
    }
    if !phrases.is_empty() {
        let sql = format!(
            "SELECT {KEY_COLUMNS} FROM search_fts f JOIN search_keys k ON k.id = f.rowid
             WHERE search_fts MATCH ? AND k.scope IN (0, ?) LIMIT ?"
        );
        add(sqlx::query_as(&sql)
            .bind(phrases.join(" OR "))
            .bind(scope)
            .bind(SUBSTRING_CANDIDATES)
            .fetch_all(&mut *conn)
            .await?);
    }

    let mut scored = Scored::default();
    let rows: Vec<KeyRow> = candidates.into_values().collect();
    scored.add_all(q, &rows);

    // Misspellings: nothing matched as written or as pronounced; vote on trigrams.
    if !scored.has_strong_match() {
        let rows = fuzzy_candidates(conn, q, scope).await?;
        scored.add_all(q, &rows);
    }

    if filter.kind != Some(Kind::Drama) {
        add_tracks_of_best_dramas(conn, &mut scored, scope).await?;
    }
    Ok(scored.finish(filter.kind, limit))
}

/// An FTS5 string literal.
fn fts_string(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Keys sharing the most of the query's rarer trigrams.
async fn fuzzy_candidates(
    conn: &mut SqliteConnection,
    q: &QueryForms,
    scope: i64,
) -> Result<Vec<KeyRow>, sqlx::Error> {
    let mut grams: Vec<(&'static str, String)> = Vec::new();
    for (column, text) in [("phon", &q.phon), ("compact", &q.compact)] {
        let chars: Vec<char> = text.chars().collect();
        if chars.len() < 4 || (column == "compact" && !has_hangul(text)) {
            // Latin text is already covered by its phonetic form.
            continue;
        }
        for w in chars.windows(3) {
            let g: String = w.iter().collect();
            if !grams.iter().any(|(c, x)| *c == column && *x == g) {
                grams.push((column, g));
            }
        }
    }
    if grams.is_empty() {
        return Ok(Vec::new());
    }
    // Spread the lookups over the whole query so that one typo cannot hide every trigram.
    let step = grams.len().div_ceil(FUZZY_TRIGRAMS).max(1);
    let chosen: Vec<&(&str, String)> = grams.iter().step_by(step).collect();
    let mut votes: HashMap<i64, u32> = HashMap::new();
    for (column, gram) in &chosen {
        let expr = format!("{column} : {}", fts_string(gram));
        let ids: Vec<i64> =
            sqlx::query_scalar("SELECT rowid FROM search_fts WHERE search_fts MATCH ? LIMIT ?")
                .bind(expr)
                .bind(FUZZY_POSTINGS)
                .fetch_all(&mut *conn)
                .await?;
        for id in ids {
            *votes.entry(id).or_default() += 1;
        }
    }
    let needed = ((chosen.len() as u32) * 2).div_ceil(5).max(1);
    let mut best: Vec<(i64, u32)> = votes.into_iter().filter(|(_, v)| *v >= needed).collect();
    best.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    best.truncate(FUZZY_CANDIDATES);
    if best.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders = vec!["?"; best.len()].join(",");
    let sql = format!(
        "SELECT {KEY_COLUMNS} FROM search_keys k WHERE k.id IN ({placeholders}) AND k.scope IN (0, ?)"
    );
    let mut query = sqlx::query_as::<_, KeyRow>(&sql);
    for (id, _) in &best {
        query = query.bind(id);
    }
    query.bind(scope).fetch_all(&mut *conn).await
}

/// A drama's tracks are results for the drama's names: "crash landing on you" finds its OST.
async fn add_tracks_of_best_dramas(
    conn: &mut SqliteConnection,
    scored: &mut Scored,
    scope: i64,
) -> Result<(), sqlx::Error> {
    let mut dramas: Vec<(i64, f32, String)> = scored
        .best
        .iter()
        .filter(|((kind, _), _)| *kind == Kind::Drama)
        .map(|((_, id), b)| (*id, b.score, b.matched.clone()))
        .collect();
    dramas.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    dramas.truncate(DRAMAS_EXPANDED);
    if dramas.is_empty() {
        return Ok(());
    }
    let placeholders = vec!["?"; dramas.len()].join(",");
    let sql = format!(
        "SELECT DISTINCT k.item_id, k.drama_id, k.popularity FROM search_keys k
         WHERE k.kind = 1 AND k.drama_id IN ({placeholders}) AND k.scope IN (0, ?) LIMIT 500"
    );
    let mut query = sqlx::query_as::<_, (i64, i64, f64)>(&sql);
    for (id, _, _) in &dramas {
        query = query.bind(id);
    }
    let tracks = query.bind(scope).fetch_all(&mut *conn).await?;
    for (track, drama, popularity) in tracks {
        if let Some((_, score, matched)) = dramas.iter().find(|(id, _, _)| *id == drama) {
            scored.offer(Kind::Track, track, score * VIA_DRAMA, popularity, matched);
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
        for row in rows {
            let field = Field::from_db(row.field);
            let quality = match_quality(q, &row.norm, &row.compact, &row.phon, field);
            if quality < MIN_QUALITY {
                continue;
            }
            let score = final_score(quality, field, row.popularity, row.special);
            let kind = kind_from_db(row.kind);
            let entry = self.best.entry((kind, row.item_id));
            let candidate = Best {
                score,
                quality,
                popularity: row.popularity,
                matched: row.display.clone(),
            };
            entry
                .and_modify(|b| {
                    if score > b.score {
                        *b = candidate.clone();
                    }
                })
                .or_insert(candidate);
            let _ = row.drama_id;
        }
    }

    fn offer(&mut self, kind: Kind, id: i64, score: f32, popularity: f64, matched: &str) {
        let candidate = Best {
            score,
            quality: score,
            popularity,
            matched: matched.to_string(),
        };
        self.best
            .entry((kind, id))
            .and_modify(|b| {
                if score > b.score {
                    *b = candidate.clone();
                }
            })
            .or_insert(candidate);
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
    let gap = top.score - second;
    (top.score >= 0.95 && gap >= 0.04) || (top.score >= 0.75 && gap >= 0.1)
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
