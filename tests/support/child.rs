//! The `ostbot` binary as a child process, its log lines on a channel.

/// A child `ostbot` process whose log lines arrive on a channel.
pub struct Child {
    child: std::process::Child,
    lines: tokio::sync::mpsc::UnboundedReceiver<String>,
    /// Every line read so far, for tests that check the whole log.
    seen: Vec<String>,
}

impl Child {
    pub fn spawn(dir: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> Child {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_ostbot"));
        command
            .args(args)
            .current_dir(dir)
            .env_clear()
            .env("RUST_LOG", "info,serenity=warn")
            .env("NO_COLOR", "1")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped());
        for (name, value) in env {
            command.env(name, value);
        }
        let mut child = command.spawn().expect("ostbot starts");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, lines) = tokio::sync::mpsc::unbounded_channel();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
            {
                let _ = tx.send(line);
            }
        });
        Child {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// The next log line, kept in `seen`.
    async fn next_line(&mut self) -> Option<String> {
        let line = self.lines.recv().await?;
        self.seen.push(line.clone());
        Some(line)
    }

    /// Waits up to `within` for a log line containing `marker`.
    pub async fn line_within(
        &mut self,
        marker: &str,
        within: std::time::Duration,
    ) -> Option<String> {
        tokio::time::timeout(within, async {
            while let Some(line) = self.next_line().await {
                if line.contains(marker) {
                    return Some(line);
                }
            }
            None
        })
        .await
        .ok()
        .flatten()
    }

    /// Waits for a log line containing `marker` and returns it.
    pub async fn line(&mut self, marker: &str) -> String {
        self.line_within(marker, super::fake::PATIENCE)
            .await
            .unwrap_or_else(|| panic!("ostbot never logged {marker:?}"))
    }

    /// A line containing `marker`, among those already read or the next ones:
    /// for lines whose order against other awaited lines is not fixed.
    pub async fn logged(&mut self, marker: &str) -> String {
        let seen = self.log().into_iter().find(|line| line.contains(marker));
        match seen {
            Some(line) => line,
            None => self.line(marker).await,
        }
    }

    /// Waits for a log line containing `marker` and returns the address in it.
    pub async fn address(&mut self, marker: &str) -> String {
        address_in(&self.line(marker).await)
    }

    /// Every log line so far, those already read included.
    pub fn log(&mut self) -> Vec<String> {
        while let Ok(line) = self.lines.try_recv() {
            self.seen.push(line);
        }
        self.seen.clone()
    }

    /// SIGKILL: no shutdown, no flush, nothing finished.
    pub fn kill(mut self) {
        self.child.kill().expect("SIGKILL");
        let _ = self.child.wait();
    }

    /// SIGTERM, then the exit status.
    pub async fn terminate(self) -> std::process::ExitStatus {
        self.stop("TERM", super::fake::PATIENCE).await
    }

    /// Sends `signal` (`TERM`, `INT`) and returns the exit status, failing
    /// the test if the process is still running after `within`.
    pub async fn stop(
        mut self,
        signal: &str,
        within: std::time::Duration,
    ) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        let sent = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .expect("kill runs");
        assert!(sent.success());
        let waited = tokio::task::spawn_blocking(move || {
            let status = self.child.wait();
            (self, status)
        });
        let (child, status) = tokio::time::timeout(within, waited)
            .await
            .unwrap_or_else(|_| panic!("ostbot still runs {within:?} after SIG{signal}"))
            .expect("join");
        drop(child);
        status.expect("wait")
    }
}

/// The loopback address (`127.0.0.1:PORT`) a log line names.
pub fn address_in(line: &str) -> String {
    line.find("127.0.0.1:")
        .map(|at| {
            let rest = &line[at + "127.0.0.1:".len()..];
            let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
            format!("127.0.0.1:{port}")
        })
        .unwrap_or_else(|| panic!("no address in {line:?}"))
}

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
