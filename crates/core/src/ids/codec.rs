//! Ids in the database: stored as the database's 64-bit integer with the bits
//! kept ([`Id::to_i64_bits`]), so a u64 snowflake above `i64::MAX` survives.
//! A stored 0 is a decode error, never a default.
//!
//! The impls are generic over the database and delegate to `i64`'s, so SQLite
//! (INTEGER) and PostgreSQL (BIGINT) share them: enabling sqlx's `postgres`
//! feature is all a PostgreSQL store needs.

use super::{Id, IdError, Marker};
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::{Database, Decode, Encode, Type};

impl<M, DB: Database> Type<DB> for Id<M>
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

impl<'q, M, DB: Database> Encode<'q, DB> for Id<M>
where
    i64: Encode<'q, DB>,
{
    fn encode_by_ref(
        &self,
        buf: &mut <DB as Database>::ArgumentBuffer<'q>,
    ) -> Result<IsNull, BoxDynError> {
        self.to_i64_bits().encode_by_ref(buf)
    }

    fn size_hint(&self) -> usize {
        self.to_i64_bits().size_hint()
    }
}

impl<'r, M: Marker, DB: Database> Decode<'r, DB> for Id<M>
where
    i64: Decode<'r, DB>,
{
    fn decode(value: <DB as Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
        let bits = <i64 as Decode<DB>>::decode(value)?;
        Id::from_i64_bits(bits).map_err(|e: IdError| format!("{}: {e}", M::NAME).into())
    }
}

#[cfg(test)]
mod tests {
    use crate::ids::*;
    use sqlx::SqlitePool;

    async fn pool() -> SqlitePool {
        let pool = SqlitePool::connect("sqlite::memory:").await.expect("pool");
        sqlx::query("CREATE TABLE ids (kind TEXT NOT NULL, id INTEGER NOT NULL)")
            .execute(&pool)
            .await
            .expect("table");
        pool
    }

    /// Stores `id` in an INTEGER column and reads it back as its own type.
    async fn through_table<M: Marker>(pool: &SqlitePool, id: Id<M>) -> Id<M> {
        sqlx::query("DELETE FROM ids")
            .execute(pool)
            .await
            .expect("clear");
        sqlx::query("INSERT INTO ids (kind, id) VALUES (?, ?)")
            .bind(M::NAME)
            .bind(id)
            .execute(pool)
            .await
            .expect("insert");
        let (back,): (Id<M>,) = sqlx::query_as("SELECT id FROM ids WHERE kind = ?")
            .bind(M::NAME)
            .fetch_one(pool)
            .await
            .expect("select");
        back
    }

    macro_rules! every_kind_round_trips {
        ($pool:expr, $($kind:ty),*) => {$(
            for n in [1, 42, i64::MAX as u64, i64::MAX as u64 + 1, u64::MAX] {
                let id = <$kind>::new(n);
                assert_eq!(through_table($pool, id).await, id, "{id:?}");
            }
        )*};
    }

    #[tokio::test]
    async fn every_kind_of_id_round_trips_through_the_database() {
        let pool = pool().await;
        every_kind_round_trips!(
            &pool,
            GuildId,
            UserId,
            ChannelId,
            RoleId,
            MessageId,
            InteractionId,
            DramaId,
            TrackId,
            ArtistId,
            ReviewId,
            PollId
        );
    }

    #[tokio::test]
    async fn the_bits_are_stored_as_they_are() {
        let pool = pool().await;
        let stored: i64 = sqlx::query_scalar("SELECT ?")
            .bind(UserId::new(u64::MAX))
            .fetch_one(&pool)
            .await
            .expect("select");
        assert_eq!(stored, -1);
        let row: i64 = sqlx::query_scalar("SELECT ?")
            .bind(DramaId::new(883))
            .fetch_one(&pool)
            .await
            .expect("select");
        assert_eq!(row, 883);
    }

    #[tokio::test]
    async fn a_stored_zero_is_a_decode_error_and_null_is_none() {
        let pool = pool().await;
        sqlx::query("INSERT INTO ids (kind, id) VALUES ('guild', 0)")
            .execute(&pool)
            .await
            .expect("insert");
        let zero = sqlx::query_scalar::<_, GuildId>("SELECT id FROM ids WHERE kind = 'guild'")
            .fetch_one(&pool)
            .await;
        match zero {
            Err(sqlx::Error::ColumnDecode { source, .. }) => {
                assert_eq!(source.to_string(), "GuildId: an id is never 0");
            }
            other => panic!("expected a decode error, got {other:?}"),
        }
        let zero = sqlx::query_as::<_, (PollId,)>("SELECT 0")
            .fetch_one(&pool)
            .await;
        assert!(
            matches!(zero, Err(sqlx::Error::ColumnDecode { .. })),
            "{zero:?}"
        );
        let none: Option<ChannelId> = sqlx::query_scalar("SELECT NULL")
            .fetch_one(&pool)
            .await
            .expect("select");
        assert_eq!(none, None);
    }

    #[tokio::test]
    async fn text_is_no_id() {
        let pool = pool().await;
        let text = sqlx::query_scalar::<_, UserId>("SELECT '42'")
            .fetch_one(&pool)
            .await;
        assert!(text.is_err(), "{text:?}");
    }
}
