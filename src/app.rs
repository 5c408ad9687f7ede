//! Start-up shared by every subcommand: open the database, migrate, load
//! the shipped catalog, and assemble the bot.

use crate::bot::announcer::{Announcer, NoAnnouncer};
use crate::bot::files::{AttachmentFetcher, LocalFiles};
use crate::bot::Bot;
use crate::clock::{Clock, SystemClock};
use crate::Result;
use sqlx::SqlitePool;
use std::sync::Arc;

/// Opens (creating) the database, runs migrations, loads the shipped catalog.
pub async fn open_database(url: &str) -> Result<SqlitePool> {
    let pool = crate::db::connect(url).await?;
    crate::catalog::import::load_shipped(&pool).await?;
    Ok(pool)
}

/// A bot with the system clock that posts nowhere and reads local files;
/// transports replace the parts they provide.
pub fn offline_bot(pool: SqlitePool) -> Bot {
    let writer = crate::db::Writer::new(pool.clone());
    Bot {
        ledger: crate::deliveries::Ledger::new(writer.clone()),
        writer,
        pool,
        clock: Arc::new(SystemClock) as Arc<dyn Clock>,
        announcer: Arc::new(NoAnnouncer) as Arc<dyn Announcer>,
        files: Arc::new(LocalFiles) as Arc<dyn AttachmentFetcher>,
    }
}
