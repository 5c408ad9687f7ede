//! Latency samples and their summary.

use std::time::{Duration, Instant};

#[derive(Clone, Debug, Default)]
pub struct Samples(Vec<Duration>);

impl Samples {
    pub fn with_capacity(n: usize) -> Self {
        Samples(Vec::with_capacity(n))
    }

    pub fn push(&mut self, d: Duration) {
        self.0.push(d);
    }

    /// Times one run of `f` and records it.
    pub async fn time<F: std::future::Future<Output = T>, T>(&mut self, f: F) -> T {
        let start = Instant::now();
        let out = f.await;
        self.0.push(start.elapsed());
        out
    }

    pub fn summary(&mut self) -> Summary {
        self.0.sort_unstable();
        let n = self.0.len();
        let at = |q: f64| -> f64 {
            if n == 0 {
                return 0.0;
            }
            let i = ((n as f64 - 1.0) * q).round() as usize;
            self.0[i.min(n - 1)].as_secs_f64() * 1e3
        };
        Summary {
            p50_ms: at(0.50),
            p99_ms: at(0.99),
        }
    }
}

#[derive(Clone, Copy, Debug, Default)]
pub struct Summary {
    pub p50_ms: f64,
    pub p99_ms: f64,
}

/// A sustained rate: operations per second over the time spent in them, and the p99 of one.
#[derive(Clone, Copy, Debug, Default)]
pub struct Rate {
    pub per_s: f64,
    pub p99_ms: f64,
}

impl Samples {
    pub fn total(&self) -> Duration {
        self.0.iter().sum()
    }

    pub fn rate(&mut self) -> Rate {
        let secs = self.total().as_secs_f64();
        let n = self.0.len();
        Rate {
            per_s: if secs > 0.0 { n as f64 / secs } else { 0.0 },
            p99_ms: self.summary().p99_ms,
        }
    }
}
