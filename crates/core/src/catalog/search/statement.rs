//! A search statement built for one backend: its text with `$N` placeholders and its values,
//! run on a [`Handle`] of either. Search builds its candidate lookups piece by piece (one
//! subquery per form, per head, per trigram), and the few pieces the dialects write
//! differently ask [`Statement::is_postgres`] or come from [`Statement::push_postgres`].

use crate::db::{Backend, Handle};
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::FromRow;

pub(super) struct Statement {
    backend: Backend,
    text: String,
    values: Vec<Value>,
}

enum Value {
    Int(i64),
    Text(String),
    Ids(Vec<i64>),
    /// PostgreSQL only: a TEXT[].
    Texts(Vec<String>),
}

impl Statement {
    pub fn new(backend: Backend, text: impl Into<String>) -> Statement {
        Statement {
            backend,
            text: text.into(),
            values: Vec::new(),
        }
    }

    pub fn is_postgres(&self) -> bool {
        self.backend == Backend::Postgres
    }

    pub fn push(&mut self, sql: &str) -> &mut Self {
        self.text.push_str(sql);
        self
    }

    /// `sql` on PostgreSQL only: an order SQLite's indexes give by themselves (ties), say.
    pub fn push_postgres(&mut self, sql: &str) -> &mut Self {
        if self.is_postgres() {
            self.text.push_str(sql);
        }
        self
    }

    fn placeholder(&mut self, value: Value) -> &mut Self {
        self.values.push(value);
        let n = self.values.len();
        self.text.push_str(&format!("${n}"));
        self
    }

    pub fn bind_int(&mut self, value: i64) -> &mut Self {
        self.placeholder(Value::Int(value))
    }

    /// A value for the next `$N` the text already holds (written by hand, used twice…).
    pub fn append_int(&mut self, value: i64) -> &mut Self {
        self.values.push(Value::Int(value));
        self
    }

    pub fn bind_text(&mut self, value: impl Into<String>) -> &mut Self {
        self.placeholder(Value::Text(value.into()))
    }

    /// A subquery listing `ids`, for `x IN (…)`: one value bound, however many ids.
    pub fn push_ids(&mut self, ids: &[i64]) -> &mut Self {
        match self.backend {
            Backend::Sqlite => {
                self.push("SELECT value FROM json_each(");
                self.placeholder(Value::Ids(ids.to_vec()));
                self.push(")");
            }
            Backend::Postgres => {
                self.push("SELECT unnest(CAST(");
                self.placeholder(Value::Ids(ids.to_vec()));
                self.push(" AS BIGINT[]))");
            }
        }
        self
    }

    /// `texts` as one PostgreSQL array, `CAST($N AS TEXT[])` (for `unnest`).
    pub fn push_text_array(&mut self, texts: Vec<String>) -> &mut Self {
        debug_assert!(self.is_postgres(), "SQLite has no arrays");
        self.push("CAST(");
        self.placeholder(Value::Texts(texts));
        self.push(" AS TEXT[])")
    }

    /// The rows of the statement, on the backend it was built for.
    pub async fn fetch_all<R>(&self, db: Handle<'_>) -> Result<Vec<R>, sqlx::Error>
    where
        R: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin,
    {
        debug_assert_eq!(
            db.backend(),
            self.backend,
            "a statement for another backend"
        );
        match db {
            Handle::SqlitePool(pool) => self.sqlite().fetch_all(pool).await,
            Handle::Sqlite(conn) => self.sqlite().fetch_all(conn).await,
            Handle::PostgresPool(pool) => self.postgres().fetch_all(pool).await,
            Handle::Postgres(conn) => self.postgres().fetch_all(conn).await,
        }
    }

    fn sqlite<R>(
        &self,
    ) -> sqlx::query::QueryAs<'_, sqlx::Sqlite, R, sqlx::sqlite::SqliteArguments<'_>>
    where
        R: for<'r> FromRow<'r, SqliteRow>,
    {
        let mut query = sqlx::query_as(&self.text);
        for value in &self.values {
            query = match value {
                Value::Int(v) => query.bind(*v),
                Value::Text(v) => query.bind(v.as_str()),
                Value::Ids(ids) => query.bind(serde_json::to_string(ids).unwrap_or_default()),
                Value::Texts(texts) => query.bind(serde_json::to_string(texts).unwrap_or_default()),
            };
        }
        query
    }

    fn postgres<R>(
        &self,
    ) -> sqlx::query::QueryAs<'_, sqlx::Postgres, R, sqlx::postgres::PgArguments>
    where
        R: for<'r> FromRow<'r, PgRow>,
    {
        let mut query = sqlx::query_as(&self.text);
        for value in &self.values {
            query = match value {
                Value::Int(v) => query.bind(*v),
                Value::Text(v) => query.bind(v.as_str()),
                Value::Ids(ids) => query.bind(ids.as_slice()),
                Value::Texts(texts) => query.bind(texts.as_slice()),
            };
        }
        query
    }
}
