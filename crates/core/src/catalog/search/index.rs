//! Writing the search index: the keys of a drama or a track, in the caller's transaction.

use super::normalize::{compact, hangul_initials, initials, normalize};
use super::phonetic::phonetic_key;
use super::rank::{popularity, Field};
use super::romanize::romanize;
use super::{kind_to_db, Drama, Kind, Track};
use crate::catalog::credits::{split_credit, Artist};
use crate::catalog::sql;
use crate::db::{Backend, Handle};
use crate::{db_execute, on_db};
use std::collections::{HashMap, HashSet};

/// Longest key indexed, in characters (a few alternative titles in the data are sentences).
const MAX_KEY_CHARS: usize = 120;
/// Most alternative titles indexed per drama.
const MAX_ALTS: usize = 48;

/// The three forms of one key.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyForms {
    pub norm: String,
    pub compact: String,
    pub phon: String,
}

/// Normalized, compact and phonetic forms of `text`; `None` when nothing searchable is left.
pub fn key_forms(text: &str) -> Option<KeyForms> {
    let head: String = text.chars().take(MAX_KEY_CHARS).collect();
    let norm = normalize(&head);
    if norm.is_empty() {
        return None;
    }
    let compact = compact(&norm);
    let phon = phonetic_key(&romanize(&norm));
    Some(KeyForms {
        norm,
        compact,
        phon,
    })
}

/// Whether a drama entry is a special or behind-the-scenes episode of another drama
/// ("Crash Landing on You Special: Lunar New Year", "Descendants of the Sun: BTS"), which search
/// ranks after the drama itself. "Drama Special Season 12: …" anthologies and titles that start
/// with "Special" are dramas of their own.
pub fn is_special(title: &str) -> bool {
    let norm = normalize(title);
    let words: Vec<&str> = norm.split(' ').collect();
    words.iter().enumerate().skip(1).any(|(i, w)| {
        let before = words.get(i - 1).copied().unwrap_or("");
        match *w {
            "special" => before != "drama",
            "bts" | "recap" => true,
            "behind" => words.get(i + 1) == Some(&"the"),
            _ => false,
        }
    })
}

/// One key to write: its field, the text as the catalog writes it, its forms, and the scope
/// it is visible in (a server's alias of a global track is visible in that server only).
type Key = (Field, String, KeyForms, Option<i64>);

struct Keys {
    seen: HashSet<(String, Option<i64>)>,
    keys: Vec<Key>,
}

impl Keys {
    fn new() -> Self {
        Keys {
            seen: HashSet::new(),
            keys: Vec::new(),
        }
    }

    /// Adds `text` unless an earlier (so at least as important) field has the same key.
    fn add(&mut self, field: Field, text: &str) {
        self.add_in(field, text, None);
    }

    /// [`Keys::add`] for a key visible in `scope` rather than the item's own.
    fn add_in(&mut self, field: Field, text: &str, scope: Option<i64>) {
        if let Some(forms) = key_forms(text) {
            let global_seen = self.seen.contains(&(forms.compact.clone(), None));
            if !global_seen && self.seen.insert((forms.compact.clone(), scope)) {
                let display: String = text.trim().chars().take(MAX_KEY_CHARS).collect();
                self.keys.push((field, display, forms, scope));
            }
        }
    }

    fn add_initials(&mut self, title: &str) {
        let norm = normalize(title);
        // Latin initials ("cloy", "hp"); Hangul first syllables ("눈여", "선업튀", "슬의생").
        let all = initials(&norm).into_iter().chain(hangul_initials(&norm));
        for ini in all {
            if self.seen.insert((ini.clone(), None)) {
                let forms = KeyForms {
                    norm: ini.clone(),
                    compact: ini.clone(),
                    phon: ini.clone(),
                };
                self.keys
                    .push((Field::Initials, ini.to_uppercase(), forms, None));
            }
        }
    }
}

/// `search_keys.kind` of an artist's own keys: its names and aliases, written once for all of
/// their tracks rather than copied into each (`search_credits` leads from an artist to their
/// tracks, most popular first; search expands an artist key into those).
pub const ARTIST_KIND: i64 = 2;

/// The keys of one drama, track or artist, computed and not yet written.
pub struct ItemKeys {
    item: Item,
    keys: Vec<Key>,
    /// A track's credited artists, for `search_credits`.
    credits: Vec<i64>,
}

/// A drama's keys: title, initials of the title, Korean title, alternative titles.
pub fn drama_keys(drama: &Drama) -> ItemKeys {
    let mut keys = Keys::new();
    keys.add(Field::Title, &drama.title);
    if let Some(ko) = &drama.title_ko {
        keys.add(Field::TitleKo, ko);
    }
    keys.add_initials(&drama.title);
    if let Some(ko) = &drama.title_ko {
        keys.add_initials(ko);
    }
    for alt in drama.alt_titles.iter().take(MAX_ALTS) {
        keys.add(Field::Alt, alt);
    }
    ItemKeys {
        item: Item {
            kind: kind_to_db(Kind::Drama),
            id: drama.id.to_i64_bits(),
            scope: drama.scope.to_db(),
            drama_id: drama.id.to_i64_bits(),
            popularity: popularity(drama.mdl_votes),
            special: is_special(&drama.title),
        },
        keys: keys.keys,
        credits: Vec::new(),
    }
}

/// A track's keys: its titles and its title aliases (`aliases` as
/// [`alias_keys_of_tracks`](crate::catalog::aliases::alias_keys_of_tracks) gives them; a
/// server's aliases are keys visible in that server only). Its credited artists' names are
/// keys of the artists themselves ([`artist_keys`]), which lead to the track; a track with no
/// credits yet keeps its source credit as keys of its own. The drama's titles are not copied
/// into the track either: search finds a drama's tracks through the drama's own keys, and
/// `drama_votes` (its drama's MyDramaList votes) is the track's popularity.
pub fn track_keys(
    track: &Track,
    drama_votes: Option<i64>,
    artists: &[Artist],
    aliases: &[(i64, String)],
) -> ItemKeys {
    let mut keys = Keys::new();
    keys.add(Field::Title, &track.title);
    if let Some(ko) = &track.title_ko {
        keys.add(Field::TitleKo, ko);
    }
    let own = track.scope.to_db();
    let scope_of = |scope: i64| (scope != own).then_some(scope);
    for (scope, alias) in aliases {
        keys.add_in(Field::Alt, alias, scope_of(*scope));
    }
    if artists.is_empty() {
        for credit in [&track.artist, &track.artist_ko].into_iter().flatten() {
            keys.add(Field::Artist, credit);
            for artist in split_credit(credit) {
                keys.add(Field::Artist, artist);
            }
        }
    }
    ItemKeys {
        item: Item {
            kind: kind_to_db(Kind::Track),
            id: track.id.to_i64_bits(),
            scope: track.scope.to_db(),
            drama_id: track.drama_id.to_i64_bits(),
            popularity: popularity(drama_votes),
            special: false,
        },
        keys: keys.keys,
        credits: artists.iter().map(|a| a.id.to_i64_bits()).collect(),
    }
}

/// An artist's keys: their names in every script and their aliases, as (scope, alias), a
/// server's visible in that server only. `popularity` is that of their most popular track,
/// so that their name completes where that track's title would.
pub fn artist_keys(artist: &Artist, aliases: &[(i64, String)], popularity: f64) -> ItemKeys {
    let mut keys = Keys::new();
    for name in artist.names() {
        keys.add(Field::Artist, name);
    }
    for (scope, alias) in aliases {
        keys.add_in(Field::Artist, alias, (*scope != 0).then_some(*scope));
    }
    ItemKeys {
        item: Item {
            kind: ARTIST_KIND,
            id: artist.id.to_i64_bits(),
            scope: 0,
            drama_id: 0,
            popularity,
            special: false,
        },
        keys: keys.keys,
        credits: Vec::new(),
    }
}

/// Removes every key of an item, and a track from its artists' tracks.
pub async fn unindex<'c>(
    db: impl Into<Handle<'c>>,
    kind: Kind,
    id: i64,
) -> Result<(), sqlx::Error> {
    let mut db = db.into();
    super::forget::forget_items(db.reborrow(), kind_to_db(kind), &[id]).await?;
    if kind == Kind::Track {
        db_execute!(
            db,
            sqlx::query("DELETE FROM search_credits WHERE track_id = $1").bind(id)
        )?;
    }
    Ok(())
}

/// Merges SQLite's trigram index into one segment (FTS5's `optimize`). Each misspelled query
/// opens every segment of it for each of its trigrams, and a catalog built by many writes
/// leaves a dozen (FTS5 merges them only four at a time as writes come): merged, the full
/// bench's misspellings take a quarter less time. It rewrites the whole index (0.3 s at
/// 100 000 tracks), so bulk writes end with it, not every write. PostgreSQL's GIN indexes
/// are its own to merge (autovacuum).
pub async fn compact_trigrams<'c>(db: impl Into<Handle<'c>>) -> Result<(), sqlx::Error> {
    let db = db.into();
    if db.backend() == Backend::Sqlite {
        db_execute!(
            db,
            sqlx::query("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
        )?;
    }
    Ok(())
}

/// The most popular track of each of these artists among those search leads to.
pub async fn artist_popularity<'c>(
    db: impl Into<Handle<'c>>,
    artists: &[i64],
) -> Result<HashMap<i64, f64>, sqlx::Error> {
    let db = db.into();
    let sql = match db.backend() {
        Backend::Sqlite => {
            "SELECT value, (SELECT max(popularity) FROM search_credits WHERE artist_id = value)
               FROM json_each($1)"
        }
        Backend::Postgres => {
            "SELECT a.id, (SELECT max(popularity) FROM search_credits WHERE artist_id = a.id)
               FROM json_array_elements_text(CAST($1 AS json)) AS j(value),
                    CAST(j.value AS BIGINT) AS a(id)"
        }
    };
    let ids = serde_json::to_string(artists).unwrap_or_default();
    let rows: Vec<(i64, Option<f64>)> =
        on_db!(db, |e| sqlx::query_as(sql).bind(&ids).fetch_all(e).await)?;
    Ok(rows
        .into_iter()
        .map(|(id, popularity)| (id, popularity.unwrap_or(0.0)))
        .collect())
}

struct Item {
    /// `search_keys.kind`: a drama, a track or an artist ([`ARTIST_KIND`]).
    kind: i64,
    id: i64,
    scope: i64,
    drama_id: i64,
    popularity: f64,
    special: bool,
}

/// Replaces the keys of these items (each at most once) with the given ones, and writes the
/// word suffixes and prefixes of all of them: a few multi-row statements for any number of
/// items. Each statement is a round trip to SQLite's worker thread, and those round trips were
/// most of an import's time when every item took its own. In a transaction of its own (a
/// savepoint inside the caller's).
pub async fn write_keys<'c>(
    db: impl Into<Handle<'c>>,
    items: &[ItemKeys],
) -> Result<(), sqlx::Error> {
    if items.is_empty() {
        return Ok(());
    }
    // Ids are given below from the largest stored: one writer at a time.
    let mut tx = sql::begin_catalog_write(db).await?;
    for kind in [
        kind_to_db(Kind::Drama),
        kind_to_db(Kind::Track),
        ARTIST_KIND,
    ] {
        let ids: Vec<i64> = items
            .iter()
            .filter(|i| i.item.kind == kind)
            .map(|i| i.item.id)
            .collect();
        super::forget::forget_items(tx.handle(), kind, &ids).await?;
    }
    write_credits(tx.handle(), items).await?;
    // Ids are given here rather than returned by the database, which would give the same ones
    // (the largest plus one): the words and prefixes then need no matching of returned rows.
    // The transaction holds the write lock.
    let mut next_id: i64 = on_db!(tx.handle(), |e| sqlx::query_scalar(
        "SELECT coalesce(max(id), 0) FROM search_keys"
    )
    .fetch_one(e)
    .await)?;
    let stored_keys = next_id;
    let mut rows: Vec<(i64, &Item, &Key)> = Vec::new();
    let mut words: Vec<(i64, &Item, String)> = Vec::new();
    let mut prefixes: Vec<(i64, &Item, String)> = Vec::new();
    for ItemKeys { item, keys, .. } in items {
        // One key per (compact, scope) as stored: a server's alias equal to one of the
        // entry's own keys adds nothing.
        let mut stored = HashSet::new();
        for key in keys {
            let (field, _, forms, scope) = key;
            if !stored.insert((forms.compact.as_str(), scope.unwrap_or(item.scope))) {
                continue;
            }
            next_id += 1;
            rows.push((next_id, item, key));
            // Initials are only ever matched whole, through search_keys.compact.
            if *field == Field::Initials {
                continue;
            }
            words.extend(word_terms(forms).into_iter().map(|t| (next_id, item, t)));
            prefixes.extend(prefix_terms(forms).into_iter().map(|t| (next_id, item, t)));
        }
    }
    let mut words = most_popular(words, TERM_CAP);
    let mut prefixes = most_popular(prefixes, PREFIX_CAP);
    // In the tables' key order, so that the inserts append to their B-trees instead of
    // splitting pages all over them (SQLite compares text as Rust does, byte by byte).
    words.sort_unstable_by(|(ka, ia, ta), (kb, ib, tb)| (ta, ia.kind, ka).cmp(&(tb, ib.kind, kb)));
    prefixes.sort_unstable_by(|(ka, ia, ta), (kb, ib, tb)| {
        ta.cmp(tb)
            .then(ia.popularity.total_cmp(&ib.popularity))
            .then(ka.cmp(kb))
    });
    let (mut words_over, mut prefixes_over) = (Vec::new(), Vec::new());
    if stored_keys > 0 {
        words_over = within_stored_cap(tx.handle(), "search_words", &mut words, TERM_CAP).await?;
        prefixes_over =
            within_stored_cap(tx.handle(), "search_prefix", &mut prefixes, PREFIX_CAP).await?;
    }
    // A batch larger than what the tables hold (a first start) writes them without their
    // indexes, then builds each index in one sorted pass: much cheaper than as many inserts
    // at random places in five B-trees per table. In the transaction, so a failure leaves the
    // indexes as they were.
    let rebuilt = if (rows.len() as i64) > stored_keys {
        drop_indexes(tx.handle()).await?
    } else {
        Vec::new()
    };
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        on_db!(tx.handle(), |e| {
            let mut insert = sqlx::QueryBuilder::new(
                "INSERT INTO search_keys
                    (id, kind, item_id, scope, drama_id, field, display, norm, compact, phon, popularity, special) ",
            );
            insert.push_values(
                chunk,
                |mut row, (id, item, (field, display, forms, scope))| {
                    row.push_bind(*id)
                        .push_bind(item.kind)
                        .push_bind(item.id)
                        .push_bind(scope.unwrap_or(item.scope))
                        .push_bind(item.drama_id)
                        .push_bind(*field as i64)
                        .push_bind(display.as_str())
                        .push_bind(forms.norm.as_str())
                        .push_bind(forms.compact.as_str())
                        .push_bind(forms.phon.as_str())
                        .push_bind(item.popularity)
                        .push_bind(item.special);
                },
            );
            insert
                .build()
                .execute(e)
                .await
                .map(|done| done.rows_affected())
        })?;
    }
    for chunk in words.chunks(ROWS_PER_STATEMENT) {
        on_db!(tx.handle(), |e| {
            let mut insert = sqlx::QueryBuilder::new(
                "INSERT INTO search_words (term, head, popularity, kind, key_id) ",
            );
            insert.push_values(chunk, |mut row, (key_id, item, term)| {
                row.push_bind(term.as_str())
                    .push_bind(head(term))
                    .push_bind(item.popularity)
                    .push_bind(item.kind)
                    .push_bind(*key_id);
            });
            insert
                .build()
                .execute(e)
                .await
                .map(|done| done.rows_affected())
        })?;
    }
    for chunk in prefixes.chunks(ROWS_PER_STATEMENT) {
        on_db!(tx.handle(), |e| {
            let mut insert = sqlx::QueryBuilder::new(
                "INSERT INTO search_prefix (term, popularity, key_id, kind) ",
            );
            insert.push_values(chunk, |mut row, (key_id, item, term)| {
                row.push_bind(term.as_str())
                    .push_bind(item.popularity)
                    .push_bind(*key_id)
                    .push_bind(item.kind);
            });
            insert.push(" ON CONFLICT DO NOTHING");
            insert
                .build()
                .execute(e)
                .await
                .map(|done| done.rows_affected())
        })?;
    }
    for sql in rebuilt {
        db_execute!(tx.handle(), sqlx::query(&sql))?;
    }
    cap_stored(tx.handle(), "search_words", &words_over, TERM_CAP).await?;
    cap_stored(tx.handle(), "search_prefix", &prefixes_over, PREFIX_CAP).await?;
    tx.commit().await
}

/// Replaces the rows of `search_credits` of these items' tracks: (artist, popularity, track)
/// for each credited artist, what an artist key expands into.
async fn write_credits(mut db: Handle<'_>, items: &[ItemKeys]) -> Result<(), sqlx::Error> {
    let track = kind_to_db(Kind::Track);
    let tracks: Vec<&ItemKeys> = items.iter().filter(|i| i.item.kind == track).collect();
    if tracks.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = tracks.iter().map(|i| i.item.id).collect();
    let sql = format!(
        "DELETE FROM search_credits WHERE track_id IN ({})",
        sql::json_ints(db.backend(), 1)
    );
    let ids = serde_json::to_string(&ids).unwrap_or_default();
    db_execute!(db.reborrow(), sqlx::query(&sql).bind(&ids))?;
    let rows: Vec<(&Item, i64)> = tracks
        .iter()
        .flat_map(|i| i.credits.iter().map(move |artist| (&i.item, *artist)))
        .collect();
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        on_db!(db.reborrow(), |e| {
            let mut insert = sqlx::QueryBuilder::new(
                "INSERT INTO search_credits (artist_id, popularity, track_id, drama_id, scope) ",
            );
            insert.push_values(chunk, |mut row, (item, artist)| {
                row.push_bind(*artist)
                    .push_bind(item.popularity)
                    .push_bind(item.id)
                    .push_bind(item.drama_id)
                    .push_bind(item.scope);
            });
            insert.push(" ON CONFLICT DO NOTHING");
            insert
                .build()
                .execute(e)
                .await
                .map(|done| done.rows_affected())
        })?;
    }
    Ok(())
}

/// Most keys kept per term and kind in `search_words`: the completions of a query are read
/// most popular first, a few dozen at most (forty or so), so a
/// term shared by thousands of keys (an artist's name, "love") keeps only those ever read.
/// `migrations/sqlite/0023_capped_search_terms.sql` applies the same cap.
pub const TERM_CAP: usize = 64;
/// Most keys kept per term and kind in `search_prefix` (one- and two-character queries read
/// forty of them).
pub const PREFIX_CAP: usize = 64;

/// The rows of `rows` that rank within the `cap` most popular of their (term, kind), in
/// their order otherwise.
fn most_popular(rows: Vec<(i64, &Item, String)>, cap: usize) -> Vec<(i64, &Item, String)> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| {
        let (ka, ia, ta) = &rows[a];
        let (kb, ib, tb) = &rows[b];
        (ta, ia.kind)
            .cmp(&(tb, ib.kind))
            .then(ib.popularity.total_cmp(&ia.popularity))
            .then(ka.cmp(kb))
    });
    let mut keep = vec![false; rows.len()];
    let mut run = 0;
    for (n, &i) in order.iter().enumerate() {
        let same = n > 0 && {
            let (_, ip, tp) = &rows[order[n - 1]];
            let (_, ii, ti) = &rows[i];
            tp == ti && ip.kind == ii.kind
        };
        run = if same { run + 1 } else { 0 };
        keep[i] = run < cap;
    }
    rows.into_iter()
        .zip(keep)
        .filter_map(|(row, kept)| kept.then_some(row))
        .collect()
}

/// Drops the rows of `rows` that would rank beyond the `cap` most popular of their (term,
/// kind) among those `table` holds, and returns the terms that the rest take over the cap.
/// New keys have the largest ids, so a tie in popularity ranks them last.
async fn within_stored_cap(
    mut db: Handle<'_>,
    table: &str,
    rows: &mut Vec<(i64, &Item, String)>,
    cap: usize,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let mut terms: Vec<&str> = rows.iter().map(|(_, _, t)| t.as_str()).collect();
    terms.sort_unstable();
    terms.dedup();
    let mut stored: HashMap<(String, i64), (usize, f64)> = HashMap::new();
    let sql = format!(
        "SELECT term, kind, count(*), min(popularity) FROM {table}
          WHERE term IN ({}) GROUP BY term, kind",
        sql::json_texts(db.backend(), 1)
    );
    for chunk in terms.chunks(TERMS_PER_STATEMENT) {
        let chunk = serde_json::to_string(chunk).unwrap_or_default();
        let counted: Vec<(String, i64, i64, f64)> =
            on_db!(db.reborrow(), |e| sqlx::query_as(&sql)
                .bind(&chunk)
                .fetch_all(e)
                .await)?;
        for (term, kind, count, least) in counted {
            stored.insert((term, kind), (count.max(0) as usize, least));
        }
    }
    let mut added: HashMap<(String, i64), usize> = HashMap::new();
    rows.retain(|(_, item, term)| {
        let key = (term.clone(), item.kind);
        let kept = match stored.get(&key) {
            Some((count, least)) => *count < cap || item.popularity > *least,
            None => true,
        };
        if kept {
            *added.entry(key).or_default() += 1;
        }
        kept
    });
    Ok(added
        .into_iter()
        .filter(|(key, n)| stored.get(key).map_or(0, |(count, _)| *count) + n > cap)
        .map(|(key, _)| key)
        .collect())
}

/// Deletes the keys of `table` beyond the `cap` most popular of each of these (term, kind).
async fn cap_stored(
    mut db: Handle<'_>,
    table: &str,
    over: &[(String, i64)],
    cap: usize,
) -> Result<(), sqlx::Error> {
    let over_terms = match db.backend() {
        Backend::Sqlite => {
            "json_each($1) o JOIN {table} t ON t.term = o.value ->> 0 AND t.kind = o.value ->> 1"
        }
        Backend::Postgres => {
            "json_array_elements(CAST($1 AS json)) o
             JOIN {table} t ON t.term = o.value ->> 0 AND t.kind = CAST(o.value ->> 1 AS BIGINT)"
        }
    }
    .replace("{table}", table);
    let sql = format!(
        "DELETE FROM {table} WHERE (term, kind, key_id) IN (
           SELECT term, kind, key_id FROM (
             SELECT t.term, t.kind, t.key_id, row_number() OVER (
                      PARTITION BY t.term, t.kind ORDER BY t.popularity DESC, t.key_id) AS rank
               FROM {over_terms}) AS ranked
            WHERE rank > $2)"
    );
    for chunk in over.chunks(TERMS_PER_STATEMENT) {
        let chunk = serde_json::to_string(chunk).unwrap_or_default();
        db_execute!(
            db.reborrow(),
            sqlx::query(&sql).bind(&chunk).bind(cap as i64)
        )?;
    }
    Ok(())
}

/// Terms counted or pruned per statement.
const TERMS_PER_STATEMENT: usize = 5_000;

/// Drops the secondary indexes of SQLite's search tables and returns the statements that
/// create them again, as the migrations wrote them. PostgreSQL keeps its indexes: the
/// shipped catalog writes in a moment through them.
async fn drop_indexes(db: Handle<'_>) -> Result<Vec<String>, sqlx::Error> {
    let Handle::Sqlite(conn) = db else {
        return Ok(Vec::new());
    };
    let indexes: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
           AND tbl_name IN ('search_keys', 'search_words', 'search_prefix')",
    )
    .fetch_all(&mut *conn)
    .await?;
    for (name, _) in &indexes {
        sqlx::query(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))
            .execute(&mut *conn)
            .await?;
    }
    Ok(indexes.into_iter().map(|(_, sql)| sql).collect())
}

/// Rows in one multi-row INSERT: at most twelve values each, well under SQLite's 32 766
/// variables.
const ROWS_PER_STATEMENT: usize = 1_000;

/// Longest prefix term stored, in characters; longer queries are cut to it for the lookup
/// and compared whole when scored.
pub const TERM_CHARS: usize = 32;
/// Characters of a term that form its `head`.
pub const HEAD_CHARS: usize = 3;

/// The first [`HEAD_CHARS`] characters of a term.
pub fn head(term: &str) -> &str {
    match term.char_indices().nth(HEAD_CHARS) {
        Some((idx, _)) => &term[..idx],
        None => term,
    }
}

/// `s` cut to [`TERM_CHARS`] characters.
pub fn cut_term(s: &str) -> &str {
    match s.char_indices().nth(TERM_CHARS) {
        Some((idx, _)) => &s[..idx],
        None => s,
    }
}

/// The word-start suffixes of a key, written and phonetic: "crash landing on you" gives
/// "crashlandingonyou", "landingonyou", "onyou", "you" and their phonetic keys.
pub(super) fn word_terms(forms: &KeyForms) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    let mut push = |t: String| {
        let t = cut_term(&t).to_string();
        if !t.is_empty() && !terms.contains(&t) {
            terms.push(t);
        }
    };
    let mut rest = forms.norm.as_str();
    let mut first = true;
    // A title of many words gives many suffixes; the first eight word starts are plenty.
    for _ in 0..8 {
        push(compact(rest));
        push(if first {
            forms.phon.clone()
        } else {
            phonetic_key(&romanize(rest))
        });
        first = false;
        match rest.find(' ') {
            Some(pos) => rest = &rest[pos + 1..],
            None => break,
        }
    }
    terms
}

/// The first one and two characters of the key at each word start, and of its phonetic form.
pub(super) fn prefix_terms(forms: &KeyForms) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    let mut push = |s: &str| {
        for n in [1, 2] {
            let t: String = s.chars().take(n).collect();
            if t.chars().count() == n && !terms.contains(&t) {
                terms.push(t);
            }
        }
    };
    let mut rest = forms.norm.as_str();
    for _ in 0..8 {
        push(&compact(rest));
        match rest.find(' ') {
            Some(pos) => rest = &rest[pos + 1..],
            None => break,
        }
    }
    push(&forms.phon);
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_a_hangul_title() {
        let f = key_forms("사랑의 불시착").expect("forms");
        assert_eq!(f.norm, "사랑의 불시착");
        assert_eq!(f.compact, "사랑의불시착");
        assert_eq!(f.phon, phonetic_key("sarangui bulsichak"));
        assert_eq!(key_forms(" :: "), None);
    }

    #[test]
    fn specials_are_recognised() {
        assert!(is_special("Crash Landing on You Special: Lunar New Year"));
        assert!(is_special("Descendants of the Sun: BTS"));
        assert!(is_special("Descendants of the Sun: Recap Special"));
        assert!(is_special("Goblin Special: The Summoning"));
        assert!(!is_special("Crash Landing on You"));
        assert!(!is_special("Special Affairs Team TEN"));
        assert!(!is_special("Drama Special Season 13: Nineteen Otters"));
        assert!(!is_special("Behind Your Touch"));
    }

    #[test]
    fn credits_split_into_artists() {
        assert_eq!(split_credit("로꼬 & 유성은"), vec!["로꼬", "유성은"]);
        assert_eq!(split_credit("IU"), vec!["IU"]);
        assert_eq!(split_credit("하은 & 한빈"), vec!["하은", "한빈"]);
    }

    #[test]
    fn word_terms_start_at_each_word() {
        let f = key_forms("Crash Landing on You").expect("forms");
        let terms = word_terms(&f);
        for t in [
            "crashlandingonyou",
            "landingonyou",
            "onyou",
            "you",
            "klaslantinkonyou",
            "lantinkonyou",
        ] {
            assert!(terms.iter().any(|x| x == t), "{t} missing from {terms:?}");
        }
        assert_eq!(head("crashlanding"), "cra");
        assert_eq!(head("iu"), "iu");
        assert_eq!(cut_term(&"가".repeat(40)).chars().count(), TERM_CHARS);
    }

    fn item(kind: Kind, popularity: f64) -> Item {
        Item {
            kind: kind_to_db(kind),
            id: 1,
            scope: 0,
            drama_id: 1,
            popularity,
            special: false,
        }
    }

    #[test]
    fn a_term_keeps_its_most_popular_keys_per_kind() {
        let tracks: Vec<Item> = (0..100).map(|p| item(Kind::Track, p as f64)).collect();
        let drama = item(Kind::Drama, 0.0);
        let mut rows: Vec<(i64, &Item, String)> = tracks
            .iter()
            .enumerate()
            .map(|(i, t)| (i as i64, t, "love".to_owned()))
            .collect();
        rows.push((500, &drama, "love".to_owned()));
        rows.push((501, &tracks[0], "rare".to_owned()));
        let kept = most_popular(rows, 10);
        let love_tracks: Vec<i64> = kept
            .iter()
            .filter(|(_, i, t)| t == "love" && i.kind == kind_to_db(Kind::Track))
            .map(|(id, _, _)| *id)
            .collect();
        assert_eq!(love_tracks, (90..100).collect::<Vec<i64>>());
        assert!(
            kept.iter().any(|(id, _, _)| *id == 500),
            "the drama row has its own cap"
        );
        assert!(
            kept.iter().any(|(id, _, _)| *id == 501),
            "a rare term keeps its key"
        );
    }

    #[test]
    fn prefix_terms_cover_each_word_start() {
        let f = key_forms("눈물의 여왕").expect("forms");
        let terms = prefix_terms(&f);
        for t in ["눈", "눈물", "여", "여왕", "n", "nu"] {
            assert!(terms.iter().any(|x| x == t), "{t} missing from {terms:?}");
        }
    }
}
