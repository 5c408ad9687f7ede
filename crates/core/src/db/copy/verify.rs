//! The check that ends a copy: per table, the row count, and per column the count of values
//! and a sum, computed by each database over its own rows.

use super::schema::{quote, ColumnType, Table};
use sqlx::{PgConnection, Row, SqlitePool};

/// A figure that differs between the two sides.
#[derive(Clone, Debug, PartialEq)]
pub struct Mismatch {
    pub table: String,
    /// What was measured: "rows", "count(x)", "sum(x)"…
    pub figure: String,
    pub sqlite: f64,
    pub postgres: f64,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}.{}: SQLite {}, PostgreSQL {}",
            self.table, self.figure, self.sqlite, self.postgres
        )
    }
}

/// Integers are summed modulo this prime, so that sums of snowflakes cannot overflow.
const MODULUS: i64 = 1_000_000_007;

/// One figure: its name, SQLite's expression and PostgreSQL's, and whether it is a float
/// (compared with a tolerance for the order of summation).
struct Figure {
    name: String,
    sqlite: String,
    postgres: String,
    float: bool,
}

fn figures(table: &Table) -> Vec<Figure> {
    let mut figures = vec![Figure {
        name: "rows".into(),
        sqlite: "count(*)".into(),
        postgres: "count(*)".into(),
        float: false,
    }];
    for column in &table.columns {
        let c = quote(&column.name);
        let count = Figure {
            name: format!("count({})", column.name),
            sqlite: format!("count({c})"),
            postgres: format!("count({c})"),
            float: false,
        };
        let name = format!("sum({})", column.name);
        let sum = match column.kind {
            ColumnType::Int => Figure {
                name,
                sqlite: format!("COALESCE(SUM(CAST({c} AS INTEGER) % {MODULUS}), 0)"),
                postgres: format!("COALESCE(CAST(SUM({c} % {MODULUS}) AS BIGINT), 0)"),
                float: false,
            },
            ColumnType::Bool => Figure {
                name,
                sqlite: format!(
                    "COALESCE(SUM(CASE WHEN CAST({c} AS INTEGER) <> 0 THEN 1 ELSE 0 END), 0)"
                ),
                postgres: format!("COALESCE(SUM(CASE WHEN {c} THEN 1 ELSE 0 END), 0)"),
                float: false,
            },
            ColumnType::Float => Figure {
                name,
                sqlite: format!("TOTAL(CAST({c} AS REAL))"),
                postgres: format!("COALESCE(SUM({c}), 0)"),
                float: true,
            },
            ColumnType::Text => Figure {
                name: format!("length({})", column.name),
                sqlite: format!("COALESCE(SUM(length(CAST({c} AS TEXT))), 0)"),
                postgres: format!("COALESCE(SUM(length({c})), 0)"),
                float: false,
            },
            ColumnType::Bytes => Figure {
                name: format!("length({})", column.name),
                sqlite: format!("COALESCE(SUM(length(CAST({c} AS BLOB))), 0)"),
                postgres: format!("COALESCE(SUM(length({c})), 0)"),
                float: false,
            },
        };
        figures.push(count);
        figures.push(sum);
    }
    figures
}

/// Compares every table's figures; the row counts, in `tables`' order, when all agree.
pub async fn verify(
    from: &SqlitePool,
    to: &mut PgConnection,
    tables: &[Table],
) -> Result<Vec<u64>, super::CopyError> {
    let mut mismatches = Vec::new();
    let mut rows = Vec::new();
    for table in tables {
        let figures = figures(table);
        let select = |side: fn(&Figure) -> &str| {
            let all: Vec<&str> = figures.iter().map(side).collect();
            format!("SELECT {} FROM {}", all.join(", "), quote(&table.name))
        };
        let sqlite = sqlx::query(&select(|f| &f.sqlite)).fetch_one(from).await?;
        let postgres = sqlx::query(&select(|f| &f.postgres))
            .fetch_one(&mut *to)
            .await?;
        for (i, figure) in figures.iter().enumerate() {
            let (a, b) = if figure.float {
                (sqlite.try_get::<f64, _>(i)?, postgres.try_get::<f64, _>(i)?)
            } else {
                let (a, b) = (sqlite.try_get::<i64, _>(i)?, postgres.try_get::<i64, _>(i)?);
                if a == b {
                    continue;
                }
                (a as f64, b as f64)
            };
            if (a - b).abs() > 1e-9 * a.abs().max(b.abs()).max(1.0) {
                mismatches.push(Mismatch {
                    table: table.name.clone(),
                    figure: figure.name.clone(),
                    sqlite: a,
                    postgres: b,
                });
            }
        }
        rows.push(u64::try_from(postgres.try_get::<i64, _>(0)?).unwrap_or(0));
    }
    if mismatches.is_empty() {
        Ok(rows)
    } else {
        Err(super::CopyError::Mismatch(mismatches))
    }
}
