//! Copying a whole database from SQLite to PostgreSQL (`ostbot copy-data`): every table
//! of the PostgreSQL schema, in foreign-key order, row by row as the source holds it, each
//! value converted to its PostgreSQL column's type (0/1 to booleans, and so on).
//!
//! - **As it is**: tables that triggers maintain (voices, score totals, review history) are
//!   copied like the others, with the triggers off, so nothing is counted twice. Off means
//!   `session_replication_role = replica` in each batch's transaction, which needs a
//!   superuser; a role that is not one disables the triggers of the table being written
//!   (`ALTER TABLE … DISABLE TRIGGER USER`, which needs the table's owner, as the role that
//!   migrated the schema is) inside the same transaction, so a failure leaves them on.
//! - **Resumable**: rows go in batches in the source's key order (rowid, or the primary key
//!   of a `WITHOUT ROWID` table); each batch commits with the last key it copied, kept in the
//!   target's `meta` (`copy_data:<table>`), so a run after an interruption carries on where
//!   the last one stopped, with no row twice. The marks go once the copy is verified.
//! - **Verified**: per table, the row count and per column the count of values and a sum
//!   (numbers, modulo a prime for integers; lengths for text) are compared on both sides.
//! - **Into an empty target only**: a target with rows (beyond a copy underway) is refused,
//!   unless `force`, which empties it first and copies anew (also over a copy underway).
//!
//! The bot must not run on either database meanwhile: rows it wrote to the source during a
//! copy could be missed. Identity sequences are set past the highest id the source used, so
//! new rows get fresh ids (and SQLite's never-reused numbers stay never reused).

mod schema;
mod verify;

use schema::{quote, Column, ColumnType, SourceKey, Table};
use sqlx::postgres::Postgres;
use sqlx::sqlite::SqliteRow;
use sqlx::{PgPool, QueryBuilder, Row, SqlitePool, ValueRef};

pub use verify::Mismatch;

/// How a copy runs.
#[derive(Clone, Debug)]
pub struct CopyOptions {
    /// Empty a target that holds rows (or a copy underway) and copy anew, rather than
    /// refusing it (or carrying the copy on).
    pub force: bool,
    /// Rows per batch (one transaction each).
    pub batch_rows: usize,
    /// Stop after this many batches (the next run carries on); `None` copies everything.
    pub max_batches: Option<usize>,
}

impl Default for CopyOptions {
    fn default() -> Self {
        CopyOptions {
            force: false,
            batch_rows: 1_000,
            max_batches: None,
        }
    }
}

/// What a copy did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CopyReport {
    /// Each table, in the order copied.
    pub tables: Vec<TableCopy>,
    /// Whether every table is copied and verified; false when `max_batches` stopped it.
    pub finished: bool,
    /// Whether this run took up a copy an earlier one left unfinished.
    pub resumed: bool,
    /// Whether triggers were off through `session_replication_role` (else per table).
    pub replica_role: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableCopy {
    pub table: String,
    /// Rows this run copied.
    pub copied: u64,
    /// Rows the table holds on both sides once verified.
    pub rows: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    #[error(
        "the PostgreSQL database already holds data (table {0}); copy with --force to replace it"
    )]
    TargetNotEmpty(String),
    #[error("the schemas differ: {0}")]
    Schema(String),
    #[error("the copy differs from the source: {}", describe(.0))]
    Mismatch(Vec<Mismatch>),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

fn describe(mismatches: &[Mismatch]) -> String {
    let all: Vec<String> = mismatches.iter().map(|m| m.to_string()).collect();
    all.join("; ")
}

/// The `meta` key of a copy underway, and the prefix of each table's progress.
const UNDERWAY: &str = "copy_data";
const PROGRESS: &str = "copy_data:";
const DONE: &str = "done";

/// Copies every row of `from` into `to` (both migrated to this version's schema).
pub async fn copy(
    from: &SqlitePool,
    to: &PgPool,
    options: &CopyOptions,
) -> Result<CopyReport, CopyError> {
    let tables = schema::tables(from, to).await?;
    let mut report = CopyReport {
        resumed: !options.force && underway(to).await?,
        replica_role: schema::can_use_replica_role(to).await?,
        ..CopyReport::default()
    };
    if !report.resumed {
        start(to, &tables, options.force).await?;
    }
    let mut budget = options.max_batches;
    for table in &tables {
        let copied = copy_table(from, to, table, options, report.replica_role, &mut budget).await?;
        report.tables.push(TableCopy {
            table: table.name.clone(),
            copied,
            rows: 0,
        });
        if budget == Some(0) && !is_done(to, table).await? {
            return Ok(report);
        }
    }
    schema::reset_sequences(from, to, &tables).await?;
    // The marks go in the transaction that verifies: a copy that differs stays underway.
    let mut tx = to.begin().await?;
    sqlx::query("DELETE FROM meta WHERE key = $1 OR key LIKE $2")
        .bind(UNDERWAY)
        .bind(format!("{PROGRESS}%"))
        .execute(&mut *tx)
        .await?;
    let counts = verify::verify(from, &mut tx, &tables).await?;
    tx.commit().await?;
    // The planner's statistics of the tables just filled: without them it reads a
    // table's rows one by one where an index answers at once.
    sqlx::query("ANALYZE").execute(to).await?;
    for (entry, rows) in report.tables.iter_mut().zip(counts) {
        entry.rows = rows;
    }
    report.finished = true;
    Ok(report)
}

async fn underway(to: &PgPool) -> Result<bool, sqlx::Error> {
    let mark: Option<String> = sqlx::query_scalar("SELECT value FROM meta WHERE key = $1")
        .bind(UNDERWAY)
        .fetch_optional(to)
        .await?;
    Ok(mark.is_some())
}

/// Checks that the target is empty (or empties it, forced) and marks the copy underway.
async fn start(to: &PgPool, tables: &[Table], force: bool) -> Result<(), CopyError> {
    for table in tables {
        let sql = format!("SELECT EXISTS (SELECT 1 FROM {})", quote(&table.name));
        let holds_rows: bool = sqlx::query_scalar(&sql).fetch_one(to).await?;
        if holds_rows && !force {
            return Err(CopyError::TargetNotEmpty(table.name.clone()));
        }
    }
    let mut tx = to.begin().await?;
    if force && !tables.is_empty() {
        let names: Vec<String> = tables.iter().map(|t| quote(&t.name)).collect();
        let sql = format!("TRUNCATE {} RESTART IDENTITY CASCADE", names.join(", "));
        sqlx::query(&sql).execute(&mut *tx).await?;
    }
    sqlx::query("INSERT INTO meta (key, value) VALUES ($1, $2)")
        .bind(UNDERWAY)
        .bind(chrono::Utc::now().timestamp_millis().to_string())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

async fn progress(to: &PgPool, table: &Table) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT value FROM meta WHERE key = $1")
        .bind(format!("{PROGRESS}{}", table.name))
        .fetch_optional(to)
        .await
}

async fn is_done(to: &PgPool, table: &Table) -> Result<bool, sqlx::Error> {
    Ok(progress(to, table).await?.as_deref() == Some(DONE))
}

/// Copies the rows of `table` after its recorded progress, batch by batch, while `budget`
/// lasts; the rows copied.
async fn copy_table(
    from: &SqlitePool,
    to: &PgPool,
    table: &Table,
    options: &CopyOptions,
    replica_role: bool,
    budget: &mut Option<usize>,
) -> Result<u64, CopyError> {
    let mut after: Option<Vec<KeyValue>> = match progress(to, table).await?.as_deref() {
        Some(DONE) => return Ok(0),
        Some(last) => Some(KeyValue::parse_all(last).ok_or_else(|| {
            CopyError::Schema(format!("unreadable progress of {}: {last}", table.name))
        })?),
        None => None,
    };
    let batch_rows = options.batch_rows.clamp(1, max_rows_per_insert(table));
    let mut copied = 0u64;
    loop {
        if *budget == Some(0) {
            return Ok(copied);
        }
        let rows = read_batch(from, table, after.as_deref(), batch_rows).await?;
        let last = rows.last().map(|r| r.key.clone());
        let full = rows.len() == batch_rows;
        let mark = match (&last, full) {
            (Some(key), true) => KeyValue::render_all(key),
            _ => DONE.to_string(),
        };
        write_batch(to, table, &rows, &mark, replica_role).await?;
        copied += rows.len() as u64;
        if let Some(left) = budget.as_mut() {
            *left -= 1;
        }
        if mark == DONE {
            return Ok(copied);
        }
        after = last;
    }
}

/// PostgreSQL takes at most 65 535 parameters per statement.
fn max_rows_per_insert(table: &Table) -> usize {
    (65_535 / table.columns.len().max(1)).max(1)
}

/// A value of a key column, as SQLite stores it: what the next batch starts after.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
enum KeyValue {
    Int(i64),
    Real(f64),
    Text(String),
}

impl KeyValue {
    fn read(row: &SqliteRow, index: usize) -> Result<KeyValue, sqlx::Error> {
        let raw = row.try_get_raw(index)?;
        let type_name = raw.type_info().to_string();
        Ok(match type_name.as_str() {
            "INTEGER" => KeyValue::Int(row.try_get(index)?),
            "REAL" => KeyValue::Real(row.try_get(index)?),
            _ => KeyValue::Text(row.try_get(index)?),
        })
    }

    fn render_all(key: &[KeyValue]) -> String {
        serde_json::to_string(key).unwrap_or_default()
    }

    fn parse_all(text: &str) -> Option<Vec<KeyValue>> {
        serde_json::from_str(text).ok()
    }
}

/// One source row: its key and its values, converted.
struct SourceRow {
    key: Vec<KeyValue>,
    values: Vec<Value>,
}

/// A value as its PostgreSQL column takes it.
enum Value {
    Int(Option<i64>),
    Bool(Option<bool>),
    Float(Option<f64>),
    Text(Option<String>),
    Bytes(Option<Vec<u8>>),
}

/// The next rows of `table` after `after` (from the start when `None`), in key order.
async fn read_batch(
    from: &SqlitePool,
    table: &Table,
    after: Option<&[KeyValue]>,
    limit: usize,
) -> Result<Vec<SourceRow>, CopyError> {
    let key: Vec<String> = match &table.source_key {
        SourceKey::Rowid => vec!["rowid".to_string()],
        SourceKey::Columns(columns) => columns.iter().map(|c| quote(c)).collect(),
    };
    let values: Vec<String> = table.columns.iter().map(source_expression).collect();
    let mut sql = format!(
        "SELECT {}, {} FROM {}",
        key.join(", "),
        values.join(", "),
        quote(&table.name)
    );
    if let Some(after) = after {
        if after.len() != key.len() {
            return Err(CopyError::Schema(format!(
                "the progress of {} does not fit its key",
                table.name
            )));
        }
        let marks: Vec<String> = (1..=key.len()).map(|i| format!("${i}")).collect();
        sql += &format!(" WHERE ({}) > ({})", key.join(", "), marks.join(", "));
    }
    sql += &format!(" ORDER BY {} LIMIT {limit}", key.join(", "));
    let mut query = sqlx::query(&sql);
    for value in after.unwrap_or_default() {
        query = match value {
            KeyValue::Int(v) => query.bind(*v),
            KeyValue::Real(v) => query.bind(*v),
            KeyValue::Text(v) => query.bind(v.clone()),
        };
    }
    let rows = query.fetch_all(from).await?;
    rows.iter()
        .map(|row| {
            let key = (0..key.len())
                .map(|i| KeyValue::read(row, i))
                .collect::<Result<Vec<_>, _>>()?;
            let values = table
                .columns
                .iter()
                .enumerate()
                .map(|(i, column)| read_value(row, key.len() + i, column.kind))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(SourceRow { key, values })
        })
        .collect()
}

/// The source column read as its target type: SQLite's own conversion (its `CAST`).
fn source_expression(column: &Column) -> String {
    let name = quote(&column.name);
    match column.kind {
        ColumnType::Int | ColumnType::Bool => format!("CAST({name} AS INTEGER)"),
        ColumnType::Float => format!("CAST({name} AS REAL)"),
        ColumnType::Text => format!("CAST({name} AS TEXT)"),
        ColumnType::Bytes => format!("CAST({name} AS BLOB)"),
    }
}

fn read_value(row: &SqliteRow, index: usize, kind: ColumnType) -> Result<Value, sqlx::Error> {
    Ok(match kind {
        ColumnType::Int => Value::Int(row.try_get(index)?),
        ColumnType::Bool => Value::Bool(row.try_get::<Option<i64>, _>(index)?.map(|v| v != 0)),
        ColumnType::Float => Value::Float(row.try_get(index)?),
        ColumnType::Text => Value::Text(row.try_get(index)?),
        ColumnType::Bytes => Value::Bytes(row.try_get(index)?),
    })
}

/// Inserts `rows` and records `mark` as the table's progress, in one transaction with the
/// triggers off.
async fn write_batch(
    to: &PgPool,
    table: &Table,
    rows: &[SourceRow],
    mark: &str,
    replica_role: bool,
) -> Result<(), sqlx::Error> {
    let mut tx = to.begin().await?;
    let per_table = !replica_role && table.has_triggers;
    if replica_role {
        sqlx::query("SET LOCAL session_replication_role = replica")
            .execute(&mut *tx)
            .await?;
    } else if per_table {
        let sql = format!("ALTER TABLE {} DISABLE TRIGGER USER", quote(&table.name));
        sqlx::query(&sql).execute(&mut *tx).await?;
    }
    if !rows.is_empty() {
        insert(table, rows).build().execute(&mut *tx).await?;
    }
    sqlx::query(
        "INSERT INTO meta (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(format!("{PROGRESS}{}", table.name))
    .bind(mark)
    .execute(&mut *tx)
    .await?;
    if per_table {
        let sql = format!("ALTER TABLE {} ENABLE TRIGGER USER", quote(&table.name));
        sqlx::query(&sql).execute(&mut *tx).await?;
    }
    tx.commit().await
}

fn insert<'a>(table: &Table, rows: &'a [SourceRow]) -> QueryBuilder<'a, Postgres> {
    let columns: Vec<String> = table.columns.iter().map(|c| quote(&c.name)).collect();
    let mut b = QueryBuilder::new(format!(
        "INSERT INTO {} ({}) {}",
        quote(&table.name),
        columns.join(", "),
        if table.identity.is_some() {
            "OVERRIDING SYSTEM VALUE "
        } else {
            ""
        }
    ));
    b.push_values(rows, |mut b, row| {
        for value in &row.values {
            match value {
                Value::Int(v) => b.push_bind(*v),
                Value::Bool(v) => b.push_bind(*v),
                Value::Float(v) => b.push_bind(*v),
                Value::Text(v) => b.push_bind(v.as_deref()),
                Value::Bytes(v) => b.push_bind(v.as_deref()),
            };
        }
    });
    b
}
