//! The ledger of interactions already taken, on both backends: the first
//! delivery of an id claims it, every later one (by any process) does not.

extern crate ostbot_core as ostbot;
mod support;

use chrono::{Duration, TimeZone, Utc};
use ostbot::db::{Database, Writer};
use ostbot::deliveries::Ledger;
use ostbot::ids::InteractionId;

async fn story(db: &Database) -> Vec<bool> {
    let ledger = Ledger::new(Writer::new(db.clone()));
    let other_process = Ledger::new(Writer::new(db.clone()));
    let now = Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap();
    let (a, b) = (InteractionId::new(1_001), InteractionId::new(1_002));
    let mut seen = Vec::new();
    for (ledger, id) in [
        (&ledger, a),
        (&other_process, a),
        (&other_process, b),
        (&ledger, b),
    ] {
        seen.push(ledger.claim(id, now).await.expect("claim"));
    }
    let later = now + Duration::hours(1);
    ledger.prune(later).await.expect("prune");
    seen.push(
        other_process
            .claim(a, later)
            .await
            .expect("claim after prune"),
    );
    seen
}

#[tokio::test]
async fn an_interaction_is_taken_once_on_either_backend() {
    let Some((_dir, sqlite, postgres)) = support::both("deliveries").await else {
        return;
    };
    let on_sqlite = story(&sqlite).await;
    assert_eq!(on_sqlite, [true, false, true, false, true]);
    assert_eq!(
        story(&Database::Postgres(postgres.pool.clone())).await,
        on_sqlite
    );
    postgres.drop().await;
}

/// The server drops every connection (a restart, a failover): the next
/// claims still go through, on new connections, with no error to show.
#[tokio::test]
async fn the_ledger_carries_on_after_the_server_drops_its_connections() {
    let Some(postgres) = support::postgres::database("dropped connections").await else {
        return;
    };
    let db = postgres.database();
    let ledger = Ledger::new(Writer::new(db.clone()));
    let now = Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap();
    assert!(ledger
        .claim(InteractionId::new(1), now)
        .await
        .expect("claim"));
    db.ping().await.expect("the pool answers");
    // From a connection of its own, as an operator would.
    let mut operator = <sqlx::PgConnection as sqlx::Connection>::connect(&postgres.url)
        .await
        .expect("a connection");
    let dropped: Vec<bool> = sqlx::query_scalar(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .fetch_all(&mut operator)
    .await
    .expect("terminate");
    assert!(
        dropped.len() >= 2 && dropped.iter().all(|d| *d),
        "the writer's and the pool's connections: {dropped:?}"
    );
    // Idle past the writer's check, as between two clicks.
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    assert!(ledger
        .claim(InteractionId::new(2), now)
        .await
        .expect("claim after the drop"));
    assert!(!ledger
        .claim(InteractionId::new(1), now)
        .await
        .expect("claim after the drop"));
    db.ping().await.expect("the pool reconnects");
    postgres.drop().await;
}
