//! The bench's smoke runs, as part of `cargo test`: the quick data set, once
//! on SQLite and once on PostgreSQL when a server is reachable, in the test
//! build (so CI compiles nothing twice). Timings are never asserted; what is
//! checked is that every figure was measured and that the ones with a floor
//! measured that floor in the same run.
//!
//! PostgreSQL: `OSTBOT_TEST_POSTGRES_URL` (default
//! `postgres://postgres@127.0.0.1:5432/test`); without a server the run is
//! skipped and says so, unless `OSTBOT_TEST_POSTGRES` is set, which requires it.

use serde_json::Value;
use std::io::Write as _;
use std::net::{TcpStream, ToSocketAddrs};
use std::process::Command;
use std::sync::Mutex;
use std::time::Duration;

/// The two runs take turns: each is quick alone, and the machine's cores are few.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

const DEFAULT_POSTGRES: &str = "postgres://postgres@127.0.0.1:5432/test";

#[test]
fn quick_run_measures_every_figure_beside_its_floor() {
    let report = quick_run(&[]);
    assert_eq!(report["database"], "sqlite");
    assert_figures(&report, 5);
    let names = names(&report);
    assert!(names.iter().any(|n| n.contains("during a backup")));
}

#[test]
fn quick_run_on_postgres_measures_every_figure_beside_its_floor() {
    let url = std::env::var("OSTBOT_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_POSTGRES.into());
    if !reachable(&url) {
        assert!(
            std::env::var_os("OSTBOT_TEST_POSTGRES").is_none(),
            "OSTBOT_TEST_POSTGRES is set, but PostgreSQL at {url} cannot be reached"
        );
        let _ = writeln!(
            std::io::stderr(),
            "quick_run_on_postgres: skipped, no PostgreSQL at {url}; OSTBOT_TEST_POSTGRES=1 requires it"
        );
        return;
    }
    let report = quick_run(&["--database", &url]);
    assert_eq!(report["database"], "postgres");
    assert_figures(&report, 5);
    // The same workloads as on SQLite, less its backup (PostgreSQL has its own tools).
    let names = names(&report);
    for figure in [
        "/review writes",
        "poll votes, 8 in flight",
        "/leaderboard p99",
    ] {
        assert!(names.contains(&figure.to_owned()), "no {figure}: {names:?}");
    }
    assert!(!names.iter().any(|n| n.contains("during a backup")));
}

fn quick_run(more: &[&str]) -> Value {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let out = Command::new(env!("CARGO_BIN_EXE_ostbot-bench"))
        .args(["--quick", "--json"])
        .args(more)
        .output()
        .expect("the bench starts");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the bench failed:\n{stderr}");
    let report: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(report["scale"]["quick"], true);
    eprintln!(
        "{}",
        serde_json::to_string_pretty(&report).unwrap_or_default()
    );
    report
}

fn names(report: &Value) -> Vec<String> {
    report["figures"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["name"].as_str().map(str::to_owned))
        .collect()
}

/// Every figure measured, and at least `at_least` beside a floor.
fn assert_figures(report: &Value, at_least: usize) {
    let figures = report["figures"].as_array().expect("a list of figures");
    assert!(figures.len() >= 10, "only {} figures", figures.len());
    let mut floors = 0;
    for figure in figures {
        let name = figure["name"].as_str().unwrap_or("?");
        let value = figure["value"].as_f64();
        assert!(
            value.is_some_and(|v| v.is_finite() && v >= 0.0),
            "{name}: {figure}"
        );
        if let Some(floor) = figure["floor"].as_f64() {
            // Rounded to a microsecond, a raw key read can print as 0.
            assert!(
                floor.is_finite() && floor >= 0.0,
                "{name}'s floor: {figure}"
            );
            floors += 1;
        }
    }
    assert!(floors >= at_least, "only {floors} figures beside a floor");
}

/// Whether the server of `url` accepts a TCP connection (the bench reports
/// anything else, such as a refused login, as a failure).
fn reachable(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host_port = if host_port
        .rsplit_once(':')
        .is_some_and(|(_, p)| p.parse::<u16>().is_ok())
    {
        host_port.to_owned()
    } else {
        format!("{host_port}:5432")
    };
    host_port
        .to_socket_addrs()
        .ok()
        .and_then(|mut addresses| addresses.next())
        .is_some_and(|address| TcpStream::connect_timeout(&address, Duration::from_secs(2)).is_ok())
}
