//! The tables a copy moves: read from PostgreSQL's schema (`information_schema`), in
//! foreign-key order, each checked against the SQLite table of the same name.

use super::CopyError;
use sqlx::{PgPool, SqlitePool};
use std::collections::{BTreeMap, BTreeSet};

/// A table of the target, as the copy reads and writes it.
#[derive(Clone, Debug)]
pub struct Table {
    pub name: String,
    pub columns: Vec<Column>,
    /// How the source's rows are ordered and resumed.
    pub source_key: SourceKey,
    /// Its identity column (ids that new rows draw from a sequence).
    pub identity: Option<String>,
    /// Whether triggers of its own fire on its rows.
    pub has_triggers: bool,
}

#[derive(Clone, Debug)]
pub struct Column {
    pub name: String,
    pub kind: ColumnType,
}

/// The target types a value converts to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnType {
    Int,
    Bool,
    Float,
    Text,
    Bytes,
}

impl ColumnType {
    fn of(data_type: &str) -> Option<ColumnType> {
        Some(match data_type {
            "bigint" | "integer" | "smallint" => ColumnType::Int,
            "boolean" => ColumnType::Bool,
            "double precision" | "real" => ColumnType::Float,
            "text" | "character varying" => ColumnType::Text,
            "bytea" => ColumnType::Bytes,
            _ => return None,
        })
    }
}

/// The source's order: its rowid, or the primary key of a `WITHOUT ROWID` table (the order
/// each is stored in, so a batch is a range read).
#[derive(Clone, Debug)]
pub enum SourceKey {
    Rowid,
    Columns(Vec<String>),
}

/// An identifier, quoted for either dialect.
pub fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Tables the SQLite schema has for itself: full-text search and its shadow tables, SQLite's
/// bookkeeping and the migrator's.
fn is_sqlite_only(name: &str) -> bool {
    name.starts_with("search_fts") || name.starts_with("sqlite_") || name == "_sqlx_migrations"
}

/// The target's tables, parents before children, each checked against the source's.
pub async fn tables(from: &SqlitePool, to: &PgPool) -> Result<Vec<Table>, CopyError> {
    let columns: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT c.table_name::TEXT, c.column_name::TEXT, c.data_type::TEXT, c.is_identity::TEXT
           FROM information_schema.columns c
           JOIN information_schema.tables t
             ON t.table_schema = c.table_schema AND t.table_name = c.table_name
          WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
            AND c.table_name <> '_sqlx_migrations'
          ORDER BY c.table_name, c.ordinal_position",
    )
    .fetch_all(to)
    .await?;
    let triggered: BTreeSet<String> = sqlx::query_scalar(
        "SELECT DISTINCT c.relname::TEXT FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
          WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace",
    )
    .fetch_all(to)
    .await?
    .into_iter()
    .collect();
    let mut by_name: BTreeMap<String, Table> = BTreeMap::new();
    for (table, column, data_type, identity) in columns {
        let kind = ColumnType::of(&data_type).ok_or_else(|| {
            CopyError::Schema(format!(
                "{table}.{column} has a type the copy does not convert: {data_type}"
            ))
        })?;
        let entry = by_name.entry(table.clone()).or_insert_with(|| Table {
            has_triggers: triggered.contains(&table),
            name: table,
            columns: Vec::new(),
            source_key: SourceKey::Rowid,
            identity: None,
        });
        if identity == "YES" {
            entry.identity = Some(column.clone());
        }
        entry.columns.push(Column { name: column, kind });
    }
    check_source_tables(from, &by_name).await?;
    for table in by_name.values_mut() {
        table.source_key = source_key(from, table).await?;
    }
    let parents = foreign_keys(to).await?;
    Ok(in_foreign_key_order(by_name, &parents))
}

/// Every source table is one of the target's, or SQLite's own.
async fn check_source_tables(
    from: &SqlitePool,
    target: &BTreeMap<String, Table>,
) -> Result<(), CopyError> {
    let names: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .fetch_all(from)
            .await?;
    let extra: Vec<String> = names
        .into_iter()
        .filter(|n| !is_sqlite_only(n) && !target.contains_key(n))
        .collect();
    if !extra.is_empty() {
        return Err(CopyError::Schema(format!(
            "SQLite has tables PostgreSQL lacks: {}",
            extra.join(", ")
        )));
    }
    Ok(())
}

/// The source table's columns match the target's (by name), and its key.
async fn source_key(from: &SqlitePool, table: &Table) -> Result<SourceKey, CopyError> {
    let columns: Vec<(String, i64)> =
        sqlx::query_as("SELECT name, pk FROM pragma_table_info($1) ORDER BY pk, cid")
            .bind(&table.name)
            .fetch_all(from)
            .await?;
    if columns.is_empty() {
        return Err(CopyError::Schema(format!(
            "SQLite has no table {}",
            table.name
        )));
    }
    let source: BTreeSet<&str> = columns.iter().map(|(n, _)| n.as_str()).collect();
    let target: BTreeSet<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    if source != target {
        return Err(CopyError::Schema(format!(
            "{}: SQLite's columns {source:?}, PostgreSQL's {target:?}",
            table.name
        )));
    }
    let sql: Option<String> =
        sqlx::query_scalar("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = $1")
            .bind(&table.name)
            .fetch_optional(from)
            .await?;
    let without_rowid = sql.is_some_and(|s| s.to_ascii_uppercase().contains("WITHOUT ROWID"));
    if !without_rowid {
        return Ok(SourceKey::Rowid);
    }
    Ok(SourceKey::Columns(
        columns
            .into_iter()
            .filter(|(_, pk)| *pk > 0)
            .map(|(name, _)| name)
            .collect(),
    ))
}

/// Each table's parents (the tables its foreign keys reference).
async fn foreign_keys(to: &PgPool) -> Result<BTreeMap<String, BTreeSet<String>>, sqlx::Error> {
    let edges: Vec<(String, String)> = sqlx::query_as(
        "SELECT child.relname::TEXT, parent.relname::TEXT FROM pg_constraint k
           JOIN pg_class child ON child.oid = k.conrelid
           JOIN pg_class parent ON parent.oid = k.confrelid
          WHERE k.contype = 'f' AND child.relnamespace = current_schema()::regnamespace",
    )
    .fetch_all(to)
    .await?;
    let mut parents: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (child, parent) in edges {
        if child != parent {
            parents.entry(child).or_default().insert(parent);
        }
    }
    Ok(parents)
}

/// Parents first, by name among equals; a cycle (none in the schema) keeps name order.
fn in_foreign_key_order(
    mut tables: BTreeMap<String, Table>,
    parents: &BTreeMap<String, BTreeSet<String>>,
) -> Vec<Table> {
    let mut ordered = Vec::new();
    let mut placed: BTreeSet<String> = BTreeSet::new();
    while !tables.is_empty() {
        let ready: Vec<String> = tables
            .keys()
            .filter(|name| {
                parents.get(*name).is_none_or(|ps| {
                    ps.iter()
                        .all(|p| placed.contains(p) || !tables.contains_key(p))
                })
            })
            .cloned()
            .collect();
        let next = if ready.is_empty() {
            tables.keys().take(1).cloned().collect()
        } else {
            ready
        };
        for name in next {
            if let Some(table) = tables.remove(&name) {
                placed.insert(name);
                ordered.push(table);
            }
        }
    }
    ordered
}

/// Whether this role may turn triggers off for its session (a superuser's right).
pub async fn can_use_replica_role(to: &PgPool) -> Result<bool, sqlx::Error> {
    let mut tx = to.begin().await?;
    let set = sqlx::query("SET LOCAL session_replication_role = replica")
        .execute(&mut *tx)
        .await;
    tx.rollback().await?;
    match set {
        Ok(_) => Ok(true),
        // 42501: insufficient_privilege.
        Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("42501") => Ok(false),
        Err(e) => Err(e),
    }
}

/// Sets each identity sequence past the highest id the table holds or SQLite ever handed
/// out (`sqlite_sequence`, for ids never reused), so new rows get fresh ids.
pub async fn reset_sequences(
    from: &SqlitePool,
    to: &PgPool,
    tables: &[Table],
) -> Result<(), sqlx::Error> {
    let used: BTreeMap<String, i64> = sqlx::query_as("SELECT name, seq FROM sqlite_sequence")
        .fetch_all(from)
        .await
        .unwrap_or_default()
        .into_iter()
        .collect();
    for table in tables {
        let Some(column) = &table.identity else {
            continue;
        };
        let sql = format!(
            "SELECT setval(pg_get_serial_sequence($1, $2),
                           GREATEST((SELECT COALESCE(MAX({}), 0) FROM {}), $3) + 1, false)",
            quote(column),
            quote(&table.name)
        );
        sqlx::query(&sql)
            .bind(quote(&table.name))
            .bind(column)
            .bind(used.get(&table.name).copied().unwrap_or(0))
            .execute(to)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str) -> Table {
        Table {
            name: name.into(),
            columns: Vec::new(),
            source_key: SourceKey::Rowid,
            identity: None,
            has_triggers: false,
        }
    }

    #[test]
    fn parents_come_before_their_children() {
        let tables = ["votes", "options", "polls", "meta"]
            .map(|n| (n.to_string(), table(n)))
            .into_iter()
            .collect();
        let mut parents = BTreeMap::new();
        parents.insert("votes".to_string(), BTreeSet::from(["options".to_string()]));
        parents.insert("options".to_string(), BTreeSet::from(["polls".to_string()]));
        let order: Vec<String> = in_foreign_key_order(tables, &parents)
            .into_iter()
            .map(|t| t.name)
            .collect();
        assert_eq!(order, ["meta", "polls", "options", "votes"]);
    }

    #[test]
    fn identifiers_are_quoted() {
        assert_eq!(quote("meta"), "\"meta\"");
        assert_eq!(quote("a\"b"), "\"a\"\"b\"");
    }
}
