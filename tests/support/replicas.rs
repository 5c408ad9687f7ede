//! `ostbot serve` processes as replicas of one application (one signing
//! key, one database), and Discord's signed POSTs to them.

use super::child::Child;
use super::fake::FakeDiscord;
use ed25519_dalek::{Signer, SigningKey};
use ostbot::transport::http;
use serde_json::Value;

/// `ostbot serve` on a free port, as one of several replicas of one application.
pub fn serve_with_key(
    fake: &FakeDiscord,
    dir: &std::path::Path,
    database: &str,
    key: &SigningKey,
    more: &[(&str, &str)],
) -> Child {
    let public_key = hex::encode(key.verifying_key().to_bytes());
    let mut env = vec![
        ("DISCORD_TOKEN", super::TOKEN),
        ("DISCORD_API_BASE", fake.api_base()),
        ("DISCORD_PUBLIC_KEY", public_key.as_str()),
        ("DATABASE_URL", database),
    ];
    env.extend_from_slice(more);
    Child::spawn(dir, &["serve", "--listen", "127.0.0.1:0"], &env)
}

/// Signs `body` like Discord and POSTs it to `address`'s `/interactions`.
pub fn signed_post(
    client: &reqwest::Client,
    address: &str,
    key: &SigningKey,
    body: &Value,
) -> impl std::future::Future<Output = reqwest::Result<reqwest::Response>> {
    let body = body.to_string().into_bytes();
    let timestamp = chrono::Utc::now().timestamp().to_string();
    let mut message = timestamp.as_bytes().to_vec();
    message.extend_from_slice(&body);
    client
        .post(format!("http://{address}/interactions"))
        .header(
            http::SIGNATURE_HEADER,
            hex::encode(key.sign(&message).to_bytes()),
        )
        .header(http::TIMESTAMP_HEADER, timestamp)
        .header("content-type", "application/json")
        .body(body)
        .send()
}
