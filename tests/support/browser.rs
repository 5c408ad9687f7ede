//! Headless Chromium driven over its DevTools protocol (a WebSocket of JSON
//! messages): enough to load a page at a size and in a language, read its
//! text, take a screenshot, and see every request and console error.

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

const STEP: Duration = Duration::from_secs(30);

/// Debian's `chromium`, or `CHROMIUM` when set.
pub fn find() -> Option<PathBuf> {
    let path = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    path.exists().then_some(path)
}

pub struct Browser {
    child: std::process::Child,
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    /// Every event received, in order.
    pub events: Vec<Value>,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts Chromium headless with a fresh profile and no background
    /// traffic, and connects to it.
    pub async fn launch(chromium: &std::path::Path) -> Browser {
        let profile = tempfile::tempdir().expect("profile dir");
        let mut child = std::process::Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
                "--no-default-browser-check",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                "about:blank",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("chromium starts");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
            {
                if let Some(at) = line.find("ws://") {
                    let _ = tx.send(line[at..].trim().to_owned());
                }
            }
        });
        let url = tokio::task::spawn_blocking(move || rx.recv_timeout(STEP))
            .await
            .expect("reader")
            .expect("chromium prints its DevTools address");
        let (socket, _) = tokio_tungstenite::connect_async(url.as_str())
            .await
            .expect("DevTools connects");
        Browser {
            child,
            socket,
            next_id: 0,
            events: Vec::new(),
            _profile: profile,
        }
    }

    /// One protocol call (in a page's session, or the browser's), its result.
    pub async fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        self.socket
            .send(Message::Text(message.to_string()))
            .await
            .expect("sent");
        loop {
            let message = self.receive().await;
            if message["id"] == id {
                assert!(message.get("error").is_none(), "{method}: {message}");
                return message["result"].clone();
            }
            self.events.push(message);
        }
    }

    async fn receive(&mut self) -> Value {
        loop {
            let frame = tokio::time::timeout(STEP, self.socket.next())
                .await
                .expect("chromium answers in time")
                .expect("socket open")
                .expect("frame");
            if let Message::Text(text) = frame {
                return serde_json::from_str(&text).expect("JSON");
            }
        }
    }

    /// Waits for an event of `method` in `session` that arrives after
    /// `after` events (those already seen count too).
    pub async fn event_after(&mut self, after: usize, session: &str, method: &str) -> Value {
        let found = |e: &Value| e["method"] == method && e["sessionId"] == session;
        if let Some(event) = self.events[after..].iter().find(|e| found(e)) {
            return event.clone();
        }
        loop {
            let message = self.receive().await;
            self.events.push(message.clone());
            if found(&message) {
                return message;
            }
        }
    }

    /// A new tab, with pages, network, console and log events on.
    pub async fn tab(&mut self) -> String {
        let target = self
            .call(None, "Target.createTarget", json!({ "url": "about:blank" }))
            .await;
        let attached = self
            .call(
                None,
                "Target.attachToTarget",
                json!({ "targetId": target["targetId"], "flatten": true }),
            )
            .await;
        let session = attached["sessionId"].as_str().expect("session").to_owned();
        for domain in [
            "Page.enable",
            "Network.enable",
            "Runtime.enable",
            "Log.enable",
        ] {
            self.call(Some(&session), domain, json!({})).await;
        }
        session
    }

    /// Loads `url` in the tab and waits for its load event.
    pub async fn load(&mut self, session: &str, url: &str) {
        let before = self.events.len();
        self.call(Some(session), "Page.navigate", json!({ "url": url }))
            .await;
        self.event_after(before, session, "Page.loadEventFired")
            .await;
    }

    /// A JavaScript expression's value in the tab.
    pub async fn eval(&mut self, session: &str, expression: &str) -> Value {
        let result = self
            .call(
                Some(session),
                "Runtime.evaluate",
                json!({ "expression": expression, "returnByValue": true }),
            )
            .await;
        result["result"]["value"].clone()
    }

    /// A PNG of the viewport.
    pub async fn screenshot(&mut self, session: &str) -> Vec<u8> {
        use base64::Engine as _;
        let shot = self
            .call(
                Some(session),
                "Page.captureScreenshot",
                json!({ "format": "png" }),
            )
            .await;
        base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().expect("data"))
            .expect("base64")
    }

    /// Every URL the browser requested.
    pub fn requested(&self) -> Vec<String> {
        self.events
            .iter()
            .filter(|e| e["method"] == "Network.requestWillBeSent")
            .filter_map(|e| e["params"]["request"]["url"].as_str().map(str::to_owned))
            .collect()
    }

    /// Console errors, uncaught exceptions and error log entries (CSP
    /// violations and failed loads among them).
    pub fn errors(&self) -> Vec<Value> {
        self.events
            .iter()
            .filter(|e| {
                e["method"] == "Runtime.exceptionThrown"
                    || (e["method"] == "Runtime.consoleAPICalled" && e["params"]["type"] == "error")
                    || (e["method"] == "Log.entryAdded" && e["params"]["entry"]["level"] == "error")
            })
            .cloned()
            .collect()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
