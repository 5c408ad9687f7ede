//! The one way a time is stored: INTEGER unix milliseconds, UTC (migration
//! 0016 says why). The model keeps `DateTime<Utc>`; [`Timestamp`] is how it
//! crosses into and out of the database. A stored value that is no time
//! (text, a number out of chrono's range) is a decode error, never the epoch.

use chrono::{DateTime, SubsecRound, Utc};
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::{Database, Decode, Encode, Type};

/// A UTC time to the millisecond, as the database stores it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(DateTime<Utc>);

impl Timestamp {
    /// `t` to the millisecond (what is stored; finer digits are dropped).
    pub fn new(t: DateTime<Utc>) -> Self {
        Timestamp(t.trunc_subsecs(3))
    }

    /// The time `ms` milliseconds after the unix epoch, if chrono can hold it.
    pub fn from_millis(ms: i64) -> Option<Self> {
        DateTime::from_timestamp_millis(ms).map(Timestamp)
    }

    pub fn millis(self) -> i64 {
        self.0.timestamp_millis()
    }

    pub fn get(self) -> DateTime<Utc> {
        self.0
    }
}

impl From<DateTime<Utc>> for Timestamp {
    fn from(t: DateTime<Utc>) -> Self {
        Timestamp::new(t)
    }
}

impl From<Timestamp> for DateTime<Utc> {
    fn from(t: Timestamp) -> Self {
        t.0
    }
}

/// Generic over the database and delegating to `i64`, like the ids' codec:
/// SQLite INTEGER today, PostgreSQL BIGINT with sqlx's feature on.
impl<DB: Database> Type<DB> for Timestamp
where
    i64: Type<DB>,
{
    fn type_info() -> DB::TypeInfo {
        <i64 as Type<DB>>::type_info()
    }

    fn compatible(ty: &DB::TypeInfo) -> bool {
        <i64 as Type<DB>>::compatible(ty)
    }
}

impl<'q, DB: Database> Encode<'q, DB> for Timestamp
where
    i64: Encode<'q, DB>,
{
    fn encode_by_ref(
        &self,
        buf: &mut <DB as Database>::ArgumentBuffer<'q>,
    ) -> Result<IsNull, BoxDynError> {
        self.millis().encode_by_ref(buf)
    }

    fn size_hint(&self) -> usize {
        self.millis().size_hint()
    }
}

impl<'r, DB: Database> Decode<'r, DB> for Timestamp
where
    i64: Decode<'r, DB>,
{
    fn decode(value: <DB as Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
        let ms = <i64 as Decode<DB>>::decode(value)?;
        Timestamp::from_millis(ms)
            .ok_or_else(|| format!("{ms} ms is out of the range of times").into())
    }
}

/// Binds a time as a [`Timestamp`].
pub fn at(t: DateTime<Utc>) -> Timestamp {
    Timestamp::new(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::SqlitePool;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[tokio::test]
    async fn times_round_trip_to_the_millisecond_and_sort_as_numbers() {
        let pool = SqlitePool::connect("sqlite::memory:").await.unwrap();
        for s in [
            "1970-01-01T00:00:00Z",
            "2026-11-24T12:00:00.5Z",
            "1969-07-20T20:17:40.123Z",
        ] {
            let back: Timestamp = sqlx::query_scalar("SELECT ?")
                .bind(at(t(s)))
                .fetch_one(&pool)
                .await
                .unwrap();
            assert_eq!(back.get(), t(s));
        }
        let stored: i64 = sqlx::query_scalar("SELECT ?")
            .bind(at(t("2026-11-24T12:00:00.5Z")))
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(stored, 1_795_521_600_500);
        assert_eq!(
            at(t("2026-11-24T12:00:00.123456Z")).get(),
            t("2026-11-24T12:00:00.123Z")
        );
        assert!(at(t("2026-11-24T12:00:00Z")) < at(t("2026-11-24T12:00:00.001Z")));
    }

    #[tokio::test]
    async fn what_is_no_time_is_an_error_not_the_epoch() {
        let pool = SqlitePool::connect("sqlite::memory:").await.unwrap();
        for junk in [
            "SELECT '2026-11-24T12:00:00Z'",
            "SELECT 'soon'",
            "SELECT 1.5",
            "SELECT 9223372036854775807",
        ] {
            let got = sqlx::query_scalar::<_, Timestamp>(junk)
                .fetch_one(&pool)
                .await;
            assert!(
                matches!(got, Err(sqlx::Error::ColumnDecode { .. })),
                "{junk}: {got:?}"
            );
        }
        let none: Option<Timestamp> = sqlx::query_scalar("SELECT NULL")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(none, None);
    }
}
