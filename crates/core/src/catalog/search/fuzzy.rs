//! Candidates for a misspelled query ("love laarm", "nvertheles"): the most popular keys with a
//! word starting like one of the query's words, and the keys holding most of the query's rare
//! trigrams.

use super::rank::{QueryForms, MIN_QUALITY};
use super::statement::Statement;
use super::{expand_artists, index, matches, phonetic, romanize, KeyRow, KEY_COLUMNS};
use crate::db::Handle;

/// Query words whose heads are looked up, and keys read per head.
const FUZZY_WORDS: usize = 6;
const FUZZY_PER_HEAD: i64 = 20;
/// Trigrams of each form of the query looked up, and the rarest of them that vote.
const MAX_QUERY_TRIGRAMS: usize = 40;
const FUZZY_TRIGRAMS: usize = 8;
/// Postings read per rare trigram (a trigram held by more keys is not rare). 120 keeps the
/// query set at 230/230 and the quick bench's autocomplete p99 at 4.4 ms (600: 5.6 ms).
const RARE_POSTINGS: i64 = 120;
/// Postings counted per trigram: one more than a rare trigram has.
const COUNTED_POSTINGS: i64 = RARE_POSTINGS + 1;
/// Keys kept by the vote.
const FUZZY_CANDIDATES: i64 = 40;

/// The keys by word head and by trigram vote that `scope` sees (dramas only if `only_dramas`),
/// each artist key that matches the query well enough expanded into their tracks.
pub(super) async fn fuzzy_candidates(
    conn: &mut Handle<'_>,
    q: &QueryForms,
    scope: i64,
    only_dramas: bool,
) -> Result<Vec<KeyRow>, sqlx::Error> {
    let heads = word_heads(q);
    let grams = rare_trigrams(conn, &query_trigrams(q)).await?;
    if heads.is_empty() && grams.is_empty() {
        return Ok(Vec::new());
    }
    let kind_sql = if only_dramas { " AND kind = 0" } else { "" };
    let mut b = Statement::new(
        conn.backend(),
        format!("SELECT {KEY_COLUMNS} FROM search_keys k WHERE k.id IN ("),
    );
    for (i, head) in heads.iter().enumerate() {
        if i > 0 {
            b.push(" UNION ");
        }
        b.push("SELECT key_id FROM (SELECT key_id FROM search_words WHERE head = ")
            .bind_text(head.as_str())
            .push(kind_sql)
            .push(" ORDER BY popularity DESC")
            .push_postgres(", term, kind, key_id")
            .push(" LIMIT ")
            .bind_int(FUZZY_PER_HEAD)
            .push(") AS by_head");
    }
    if !grams.is_empty() {
        if !heads.is_empty() {
            b.push(" UNION ");
        }
        push_votes(&mut b, &grams, q.phon.chars().count());
    }
    b.push(") AND k.scope IN (0, ").bind_int(scope).push(")");
    if only_dramas {
        b.push(" AND +k.kind = 0");
    }
    b.push_postgres(" ORDER BY k.id");
    let rows: Vec<KeyRow> = b.fetch_all(conn.reborrow()).await?;
    expand_artists(conn, rows, scope, |k| matches(q, k, MIN_QUALITY)).await
}

/// The heads of the query's words in the phonetic form (which also covers Hangul), each once.
fn word_heads(q: &QueryForms) -> Vec<String> {
    let mut heads: Vec<String> = Vec::new();
    for word in q.norm.split(' ').take(FUZZY_WORDS) {
        let phon = phonetic::phonetic_key(&romanize::romanize(word));
        if phon.chars().count() >= index::HEAD_CHARS {
            let head = index::head(&phon).to_string();
            if !heads.contains(&head) {
                heads.push(head);
            }
        }
    }
    heads
}

/// The trigrams of the query's phonetic and written forms (of four characters or more), each
/// once.
fn query_trigrams(q: &QueryForms) -> Vec<String> {
    let mut grams: Vec<String> = Vec::new();
    for text in [&q.phon, &q.compact] {
        let chars: Vec<char> = text.chars().collect();
        if chars.len() < 4 {
            continue;
        }
        for w in chars.windows(3).take(MAX_QUERY_TRIGRAMS) {
            let g: String = w.iter().collect();
            if !grams.contains(&g) {
                grams.push(g);
            }
        }
    }
    grams
}

/// The query's trigrams that some key holds, the rarest first and at most [`FUZZY_TRIGRAMS`]: a
/// rare trigram names few keys, so its postings are short and telling, while a common one
/// ("lov") would only add noise. A trigram the typo made up is held by no key and drops out by
/// itself. At least two, so that a query of common trigrams still gets two of them (their
/// postings cut to the same bound).
async fn rare_trigrams(
    conn: &mut Handle<'_>,
    grams: &[String],
) -> Result<Vec<String>, sqlx::Error> {
    if grams.is_empty() {
        return Ok(Vec::new());
    }
    let mut b = Statement::new(conn.backend(), "SELECT term, docs FROM ");
    push_posting_counts(&mut b, grams);
    b.push(" WHERE docs > 0 ORDER BY docs, term");
    b.push_postgres(" COLLATE \"C\"");
    let counted: Vec<(String, i64)> = b.fetch_all(conn.reborrow()).await?;
    Ok(counted
        .into_iter()
        .enumerate()
        .take_while(|(i, (_, docs))| *i < 2 || *docs <= RARE_POSTINGS)
        .take(FUZZY_TRIGRAMS)
        .map(|(_, (term, _))| term)
        .collect())
}

/// How many keys hold each of `grams`, counted up to [`COUNTED_POSTINGS`]: a table `counted`
/// of `term` and `docs`. A common trigram's whole posting list (thousands of keys at the bench's
/// size: what fts5vocab's count read, 2–8 ms a query) is never read, only enough of it to
/// tell that it is not rare.
fn push_posting_counts(b: &mut Statement, grams: &[String]) {
    if b.is_postgres() {
        b.push("(SELECT g.term, (SELECT count(*) FROM (SELECT 1 FROM search_keys")
            .push(" WHERE compact LIKE g.pattern OR phon LIKE g.pattern LIMIT ")
            .bind_int(COUNTED_POSTINGS)
            .push(") AS postings) AS docs FROM unnest(")
            .push_text_array(grams.to_vec())
            .push(", ")
            .push_text_array(grams.iter().map(|g| like_pattern(g)).collect())
            // OFFSET 0: counted once, not again for `docs > 0`.
            .push(") AS g (term, pattern) OFFSET 0) AS counted");
        return;
    }
    // LIMIT -1 keeps SQLite from flattening the compound into the outer query, which then
    // counted each trigram again for `docs > 0` and for the order: half the statement's time.
    b.push("(SELECT term, docs FROM (");
    for (i, g) in grams.iter().enumerate() {
        if i > 0 {
            b.push(" UNION ALL ");
        }
        b.push("SELECT ")
            .bind_text(g.as_str())
            .push(" AS term, (SELECT count(*) FROM (SELECT rowid FROM search_fts")
            .push(" WHERE search_fts MATCH ")
            .bind_text(fts_string(g))
            .push(" LIMIT ")
            .bind_int(COUNTED_POSTINGS)
            .push(") AS postings) AS docs");
    }
    b.push(") LIMIT -1) AS counted");
}

/// `voted`: the keys holding most of `grams`, the closest to `phon_len` in length first among
/// equal votes, from the keys holding each trigram as FTS5's postings list them (on
/// PostgreSQL, `LIKE` through pg_trgm's GIN indexes, one statement text for any number of
/// trigrams; `id + 0`: the trigram index, then the sort, rather than the primary key in order
/// with every row tested), at most [`RARE_POSTINGS`] a trigram. A typo spoils up to three
/// trigrams: two votes suffice.
fn push_votes(b: &mut Statement, grams: &[String], phon_len: usize) {
    b.push("SELECT id FROM (SELECT v.id FROM ");
    if b.is_postgres() {
        b.push("(SELECT p.id, p.len FROM unnest(")
            .push_text_array(grams.iter().map(|g| like_pattern(g)).collect())
            .push(") AS g (pattern) CROSS JOIN LATERAL (SELECT id, length(phon) AS len")
            .push(" FROM search_keys WHERE compact LIKE g.pattern OR phon LIKE g.pattern")
            .push(" ORDER BY id + 0 LIMIT ")
            .bind_int(RARE_POSTINGS)
            .push(") AS p) AS v GROUP BY v.id, v.len");
    } else {
        b.push("(");
        for (i, gram) in grams.iter().enumerate() {
            if i > 0 {
                b.push(" UNION ALL ");
            }
            b.push("SELECT id FROM (SELECT rowid AS id FROM search_fts WHERE search_fts MATCH ")
                .bind_text(fts_string(gram))
                .push(" LIMIT ")
                .bind_int(RARE_POSTINGS)
                .push(") AS postings");
        }
        // SQLite's postings have no length: the key's phonetic form gives it.
        b.push(") AS v JOIN search_keys s ON s.id = v.id GROUP BY v.id");
    }
    let len = if b.is_postgres() {
        "v.len"
    } else {
        "length(s.phon)"
    };
    b.push(" HAVING count(*) >= ")
        .bind_int(grams.len().min(2) as i64)
        .push(&format!(" ORDER BY count(*) DESC, abs({len} - "))
        .bind_int(phon_len as i64)
        .push(")")
        .push_postgres(", v.id")
        .push(" LIMIT ")
        .bind_int(FUZZY_CANDIDATES)
        .push(") AS voted");
}

/// The `LIKE` pattern of the keys holding `gram`.
fn like_pattern(gram: &str) -> String {
    format!("%{}%", like_escaped(gram))
}

/// An FTS5 string literal.
fn fts_string(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// `s` matched literally by `LIKE` (whose escape character is `\\` by default in PostgreSQL).
fn like_escaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
