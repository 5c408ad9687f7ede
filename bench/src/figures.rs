//! One reported figure, and the table and JSON it is printed as. Shared with
//! `benches/e2e.rs` (through `#[path]`), so both benches print alike.

use serde_json::{json, Value};

/// One reported figure: its value, unit, and ratio to its floor if any.
pub struct Figure {
    pub name: &'static str,
    pub value: f64,
    pub unit: &'static str,
    pub floor: Option<f64>,
    pub target: &'static str,
}

/// The figures as JSON objects: name, value, unit, floor, floor_ratio, target.
pub fn to_json(figures: &[Figure]) -> Vec<Value> {
    figures
        .iter()
        .map(|f| {
            json!({
                "name": f.name, "value": round(f.value), "unit": f.unit,
                "floor": f.floor.map(round), "floor_ratio": f.floor.map(|fl| round(ratio(f.value, fl))),
                "target": f.target,
            })
        })
        .collect()
}

/// The human table, after its title line.
pub fn print_table(figures: &[Figure]) {
    println!(
        "{:<28} {:>10} {:>6} {:>10} {:>8}  target",
        "figure", "value", "unit", "floor", "× floor"
    );
    for f in figures {
        let floor = f
            .floor
            .map(|x| format!("{x:.3}"))
            .unwrap_or_else(|| "—".into());
        let times = f
            .floor
            .map(|x| format!("{:.1}", ratio(f.value, x)))
            .unwrap_or_else(|| "—".into());
        println!(
            "{:<28} {:>10.3} {:>6} {:>10} {:>8}  {}",
            f.name, f.value, f.unit, floor, times, f.target
        );
    }
}

pub fn ratio(value: f64, floor: f64) -> f64 {
    if floor > 0.0 {
        value / floor
    } else {
        0.0
    }
}

pub fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
