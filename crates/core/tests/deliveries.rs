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
