//! A round-robin load balancer on 127.0.0.1: each request goes whole to the
//! next backend in turn (method, path, headers, body), and its answer comes
//! back as the backend gave it. It stands in front of `serve` replicas.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::IntoResponse;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

struct Balancer {
    backends: Vec<String>,
    next: AtomicUsize,
    served: Vec<AtomicUsize>,
    client: reqwest::Client,
}

pub struct RoundRobin {
    pub address: String,
    balancer: Arc<Balancer>,
    task: JoinHandle<()>,
}

impl Drop for RoundRobin {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl RoundRobin {
    /// Listens on a free port and sends the n-th request to backend `n % len`.
    pub async fn start(backends: &[String]) -> RoundRobin {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let address = listener.local_addr().expect("address").to_string();
        let balancer = Arc::new(Balancer {
            backends: backends.to_vec(),
            next: AtomicUsize::new(0),
            served: backends.iter().map(|_| AtomicUsize::new(0)).collect(),
            client: reqwest::Client::new(),
        });
        let app = axum::Router::new()
            .fallback(forward)
            .with_state(balancer.clone());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        RoundRobin {
            address,
            balancer,
            task,
        }
    }

    /// Requests each backend answered so far.
    pub fn served(&self) -> Vec<usize> {
        self.balancer
            .served
            .iter()
            .map(|n| n.load(Ordering::SeqCst))
            .collect()
    }
}

async fn forward(
    State(balancer): State<Arc<Balancer>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> axum::response::Response {
    let turn = balancer.next.fetch_add(1, Ordering::SeqCst) % balancer.backends.len();
    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    let url = format!("http://{}{path}", balancer.backends[turn]);
    let mut request = balancer.client.request(method, url).body(body);
    for (name, value) in &headers {
        if name != "host" && name != "content-length" {
            request = request.header(name, value);
        }
    }
    match request.send().await {
        Ok(answer) => {
            balancer.served[turn].fetch_add(1, Ordering::SeqCst);
            let status = answer.status();
            let content_type = answer.headers().get("content-type").cloned();
            let body = answer.bytes().await.unwrap_or_default();
            let mut response = (status, body).into_response();
            if let Some(value) = content_type {
                response.headers_mut().insert("content-type", value);
            }
            response
        }
        Err(_) => StatusCode::BAD_GATEWAY.into_response(),
    }
}
