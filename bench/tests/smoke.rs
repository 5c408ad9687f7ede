//! The bench's smoke run, as part of `cargo test`: the quick data set, once,
//! in the test build (so CI compiles nothing twice). Timings are never
//! asserted; what is checked is that every figure was measured and that the
//! ones with a floor measured that floor in the same run.

use serde_json::Value;
use std::process::Command;

#[test]
fn quick_run_measures_every_figure_beside_its_floor() {
    let out = Command::new(env!("CARGO_BIN_EXE_ostbot-bench"))
        .args(["--quick", "--json"])
        .output()
        .expect("the bench starts");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the bench failed:\n{stderr}");
    let report: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(report["scale"]["quick"], true);
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
    assert!(floors >= 5, "only {floors} figures beside a floor");
    eprintln!(
        "{}",
        serde_json::to_string_pretty(&report).unwrap_or_default()
    );
}
