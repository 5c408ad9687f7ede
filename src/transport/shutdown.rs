//! Shutdown on Ctrl-C or SIGTERM, shared by every long-running subcommand,
//! and the count of interactions still being answered.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use tokio::sync::{watch, Notify};

/// Counts interactions being answered, so shutdown can wait for them.
#[derive(Default)]
pub struct InFlight {
    count: AtomicUsize,
    idle: Notify,
}

impl InFlight {
    pub fn start(self: &Arc<Self>) -> InFlightGuard {
        self.count.fetch_add(1, Ordering::SeqCst);
        InFlightGuard(self.clone())
    }

    pub async fn wait_idle(&self) {
        while self.count.load(Ordering::SeqCst) > 0 {
            let notified = self.idle.notified();
            if self.count.load(Ordering::SeqCst) == 0 {
                break;
            }
            notified.await;
        }
    }
}

/// Held while one interaction is being answered.
pub struct InFlightGuard(Arc<InFlight>);

impl Drop for InFlightGuard {
    fn drop(&mut self) {
        if self.0.count.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.0.idle.notify_waiters();
        }
    }
}

/// Set once by [`listen`]: flips to `true` on Ctrl-C or SIGTERM.
static SHUTDOWN: OnceLock<watch::Receiver<bool>> = OnceLock::new();

/// Starts listening for Ctrl-C and SIGTERM now, before any server is up, so
/// a signal that arrives while the bot starts is not lost. Every
/// [`signal`] future resolves once one arrives.
pub fn listen() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut interrupt = signal(SignalKind::interrupt())?;
        let mut terminate = signal(SignalKind::terminate())?;
        let (tx, rx) = watch::channel(false);
        if SHUTDOWN.set(rx).is_ok() {
            tokio::spawn(async move {
                tokio::select! {
                    _ = interrupt.recv() => {}
                    _ = terminate.recv() => {}
                }
                let _ = tx.send(true);
            });
        }
    }
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM (every caller sees the same signal).
pub async fn signal() {
    if let Some(rx) = SHUTDOWN.get() {
        let mut rx = rx.clone();
        let _ = rx.wait_for(|stopped| *stopped).await;
        return;
    }
    let _ = tokio::signal::ctrl_c().await;
}
