//! `ostbot serve`: Discord's "Interactions Endpoint URL" mode. Discord POSTs
//! each interaction here, signed with the application's Ed25519 key; the
//! answer travels back as the HTTP response. Follow-ups (deferred edits,
//! announcements) use the same REST client as the gateway mode.

use super::answer::{self, Deadline, Reply};
use super::metrics::{self, Metrics};
use super::rest;
use super::shutdown::InFlight;
use crate::bot::dispatch::parse_interaction;
use crate::bot::Bot;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::post;
use axum::{Json, Router};
use ed25519_dalek::{Signature, VerifyingKey};
use serenity::all::{Http, Interaction, InteractionId};
use std::future::Future;
use std::sync::Arc;

/// The largest interaction body accepted. Discord's interactions are a few
/// kilobytes; resolved data for many options stays far below this.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

pub const SIGNATURE_HEADER: &str = "x-signature-ed25519";
pub const TIMESTAMP_HEADER: &str = "x-signature-timestamp";

/// Everything the endpoint needs.
#[derive(Clone)]
pub struct Endpoint {
    pub bot: Bot,
    /// The application's public key (`DISCORD_PUBLIC_KEY`).
    pub key: VerifyingKey,
    /// REST client for deferred edits and responses with files.
    pub rest: Arc<Http>,
    pub metrics: Arc<Metrics>,
    pub deadline: Deadline,
    pub in_flight: Arc<InFlight>,
}

/// Why a request was refused before it reached the dispatcher.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum BadSignature {
    #[error("a signature header is missing")]
    MissingHeader,
    #[error("the signature is not 64 bytes of hex")]
    Malformed,
    #[error("the signature does not match the body")]
    Mismatch,
}

/// Parses `DISCORD_PUBLIC_KEY` (64 hex characters).
pub fn parse_public_key(hex_key: &str) -> anyhow::Result<VerifyingKey> {
    let bytes: [u8; 32] = hex::decode(hex_key.trim())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| anyhow::anyhow!("DISCORD_PUBLIC_KEY must be 64 hexadecimal characters"))?;
    VerifyingKey::from_bytes(&bytes)
        .map_err(|_| anyhow::anyhow!("DISCORD_PUBLIC_KEY is not a valid Ed25519 public key"))
}

/// Checks `X-Signature-Ed25519` over `X-Signature-Timestamp` + the raw body.
pub fn verify(key: &VerifyingKey, headers: &HeaderMap, body: &[u8]) -> Result<(), BadSignature> {
    let signature = headers
        .get(SIGNATURE_HEADER)
        .ok_or(BadSignature::MissingHeader)?;
    let timestamp = headers
        .get(TIMESTAMP_HEADER)
        .ok_or(BadSignature::MissingHeader)?;
    let signature: [u8; 64] = hex::decode(signature.as_bytes())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or(BadSignature::Malformed)?;
    let signature = Signature::from_bytes(&signature);
    let mut message = Vec::with_capacity(timestamp.len() + body.len());
    message.extend_from_slice(timestamp.as_bytes());
    message.extend_from_slice(body);
    key.verify_strict(&message, &signature)
        .map_err(|_| BadSignature::Mismatch)
}

/// `POST /interactions` (and `POST /`), `GET /healthz`, `GET /metrics` and
/// the public pages (`GET /s/…`).
pub fn router(endpoint: Endpoint) -> Router {
    let exposed = metrics::router(endpoint.metrics.clone(), endpoint.bot.pool.clone());
    let pages = crate::web::router(crate::app::site(&endpoint.bot));
    Router::new()
        .route("/interactions", post(interactions))
        .route("/", post(interactions))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(Arc::new(endpoint))
        .merge(exposed)
        .merge(pages)
}

/// Serves on `listener` until `shutdown` resolves, then lets deferred work
/// finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    endpoint: Endpoint,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let in_flight = endpoint.in_flight.clone();
    axum::serve(listener, router(endpoint))
        .with_graceful_shutdown(shutdown)
        .await?;
    in_flight.wait_idle().await;
    Ok(())
}

async fn interactions(
    State(endpoint): State<Arc<Endpoint>>,
    headers: HeaderMap,
    body: Bytes,
) -> axum::response::Response {
    if let Err(why) = verify(&endpoint.key, &headers, &body) {
        tracing::debug!(%why, "refused an unsigned interaction");
        return (StatusCode::UNAUTHORIZED, "invalid request signature").into_response();
    }
    // A valid signature over an old (or far future) timestamp is a replay.
    let timestamp = headers
        .get(TIMESTAMP_HEADER)
        .and_then(|t| t.to_str().ok())
        .unwrap_or_default();
    if !crate::deliveries::within_window(timestamp, endpoint.bot.clock.now()) {
        tracing::info!(
            timestamp,
            "refused a signed interaction outside the replay window"
        );
        return (
            StatusCode::UNAUTHORIZED,
            "request timestamp outside the replay window",
        )
            .into_response();
    }
    let interaction = match parse_interaction(&body) {
        Ok(interaction) => interaction,
        Err(error) => {
            tracing::warn!(%error, "a signed interaction could not be parsed");
            return (StatusCode::BAD_REQUEST, "malformed interaction").into_response();
        }
    };
    if let Interaction::Ping(_) = interaction {
        // Exactly Discord's example; serenity's builder adds `"data": null`.
        return (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"type":1}"#,
        )
            .into_response();
    }
    // Deferred edits and follow-ups name the application in their route;
    // without a gateway READY, the interaction is where it comes from.
    if let Some(application) = application_id(&interaction) {
        endpoint.rest.set_application_id(application);
    }
    // Every kind the dispatcher can defer or answer with files has these.
    let (id, token) =
        identity(&interaction).unwrap_or_else(|| (InteractionId::new(1), String::new()));
    let guard = endpoint.in_flight.start();
    match answer::answer(
        &endpoint.bot,
        &endpoint.metrics,
        interaction,
        endpoint.deadline,
    )
    .await
    {
        Reply::Now(response) if response.files().is_empty() => json(&response.into_serenity()),
        Reply::Now(response) => {
            // Files cannot travel in the HTTP response: send them through the
            // callback route (multipart) and tell Discord with a 202.
            let endpoint = endpoint.clone();
            tokio::spawn(async move {
                let _guard = guard;
                if !rest::respond(&endpoint.rest, id, &token, response).await {
                    endpoint.metrics.rest_failed();
                }
            });
            StatusCode::ACCEPTED.into_response()
        }
        Reply::Duplicate(harmless) => json(&harmless),
        Reply::Deferred { ack, work } => {
            let endpoint = endpoint.clone();
            let ack_sent = ack.clone();
            tokio::spawn(async move {
                let _guard = guard;
                answer::finish_deferred(&endpoint.rest, &endpoint.metrics, &ack_sent, &token, work)
                    .await;
            });
            json(&ack)
        }
    }
}

/// The id and token of an interaction the bot answers.
fn identity(interaction: &Interaction) -> Option<(InteractionId, String)> {
    match interaction {
        Interaction::Command(i) | Interaction::Autocomplete(i) => Some((i.id, i.token.clone())),
        Interaction::Component(i) => Some((i.id, i.token.clone())),
        Interaction::Modal(i) => Some((i.id, i.token.clone())),
        _ => None,
    }
}

fn application_id(interaction: &Interaction) -> Option<serenity::all::ApplicationId> {
    match interaction {
        Interaction::Command(i) | Interaction::Autocomplete(i) => Some(i.application_id),
        Interaction::Component(i) => Some(i.application_id),
        Interaction::Modal(i) => Some(i.application_id),
        _ => None,
    }
}

fn json(body: &serenity::all::CreateInteractionResponse) -> axum::response::Response {
    match serde_json::to_value(body) {
        Ok(value) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            Json(value),
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "the response could not be serialized");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::{Signer, SigningKey};

    fn key_pair() -> (SigningKey, VerifyingKey) {
        let signing = SigningKey::from_bytes(&[7; 32]);
        let verifying = signing.verifying_key();
        (signing, verifying)
    }

    fn signed(signing: &SigningKey, timestamp: &str, body: &[u8]) -> HeaderMap {
        let mut message = timestamp.as_bytes().to_vec();
        message.extend_from_slice(body);
        let mut headers = HeaderMap::new();
        let signature = hex::encode(signing.sign(&message).to_bytes());
        headers.insert(SIGNATURE_HEADER, signature.parse().unwrap());
        headers.insert(TIMESTAMP_HEADER, timestamp.parse().unwrap());
        headers
    }

    #[test]
    fn a_correct_signature_verifies() {
        let (signing, verifying) = key_pair();
        let headers = signed(&signing, "1700000000", b"{\"type\":1}");
        assert_eq!(verify(&verifying, &headers, b"{\"type\":1}"), Ok(()));
    }

    #[test]
    fn every_tampering_is_refused() {
        let (signing, verifying) = key_pair();
        let body = b"{\"type\":1}";
        let headers = signed(&signing, "1700000000", body);
        assert_eq!(
            verify(&verifying, &headers, b"{\"type\":2}"),
            Err(BadSignature::Mismatch)
        );
        let mut later = headers.clone();
        later.insert(TIMESTAMP_HEADER, "1700000001".parse().unwrap());
        assert_eq!(
            verify(&verifying, &later, body),
            Err(BadSignature::Mismatch)
        );
        let mut garbage = headers.clone();
        garbage.insert(SIGNATURE_HEADER, "zz".parse().unwrap());
        assert_eq!(
            verify(&verifying, &garbage, body),
            Err(BadSignature::Malformed)
        );
        let mut missing = headers.clone();
        missing.remove(TIMESTAMP_HEADER);
        assert_eq!(
            verify(&verifying, &missing, body),
            Err(BadSignature::MissingHeader)
        );
        let other = SigningKey::from_bytes(&[8; 32]).verifying_key();
        assert_eq!(verify(&other, &headers, body), Err(BadSignature::Mismatch));
    }

    #[test]
    fn public_keys_parse_from_hex() {
        let (_, verifying) = key_pair();
        let hex_key = hex::encode(verifying.to_bytes());
        assert_eq!(parse_public_key(&hex_key).unwrap(), verifying);
        assert!(parse_public_key("abcd").is_err());
    }
}
