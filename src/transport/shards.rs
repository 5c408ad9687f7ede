//! Which gateway shards a process runs, and whether it registers the
//! commands. A bot past one process splits its shards into ranges
//! (`--shards 0-3 --shard-total 8` here, `--shards 4-7 --shard-total 8` on
//! the next machine); each guild's events go to shard
//! `(guild_id >> 22) % total`, so every process must name the same total.

use std::fmt;
use std::str::FromStr;

/// The shards to run, as given on the command line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ShardPlan {
    /// `--shards FIRST-LAST`: `None` runs every shard.
    pub range: Option<ShardRange>,
    /// `--shard-total N`: `None` takes the count Discord recommends.
    pub total: Option<u32>,
}

/// Shards `first..=last`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShardRange {
    pub first: u32,
    pub last: u32,
}

/// The shards this process connects, out of `total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shards {
    pub first: u32,
    pub last: u32,
    pub total: u32,
}

/// The most shards one process may be given (Discord's largest bots run a
/// few thousand in all; a typo such as `--shard-total 80000` is refused).
pub const MAX_TOTAL: u32 = 4096;

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ShardError {
    #[error("--shards takes FIRST-LAST (such as 0-3) or one shard number, got {0:?}")]
    Malformed(String),
    #[error("--shards {first}-{last} goes backwards: the first shard comes first")]
    Backwards { first: u32, last: u32 },
    #[error("--shards needs --shard-total: every process must name the same total")]
    RangeWithoutTotal,
    #[error("--shard-total must be between 1 and {MAX_TOTAL}, got {0}")]
    Total(u32),
    #[error("--shards {first}-{last} is outside the {total} shards of --shard-total (numbered 0 to {})", .total - 1)]
    Outside { first: u32, last: u32, total: u32 },
}

impl FromStr for ShardRange {
    type Err = ShardError;

    fn from_str(text: &str) -> Result<Self, ShardError> {
        let malformed = || ShardError::Malformed(text.to_owned());
        let number = |part: &str| part.trim().parse::<u32>().map_err(|_| malformed());
        let (first, last) = match text.split_once('-') {
            Some((first, last)) => (number(first)?, number(last)?),
            None => {
                let only = number(text)?;
                (only, only)
            }
        };
        if first > last {
            return Err(ShardError::Backwards { first, last });
        }
        Ok(ShardRange { first, last })
    }
}

impl ShardPlan {
    /// Checks what needs no answer from Discord (clap calls this before
    /// anything connects).
    pub fn check(&self) -> Result<(), ShardError> {
        match (self.range, self.total) {
            (Some(_), None) => Err(ShardError::RangeWithoutTotal),
            (_, Some(total)) if total == 0 || total > MAX_TOTAL => Err(ShardError::Total(total)),
            (Some(range), Some(total)) if range.last >= total => Err(ShardError::Outside {
                first: range.first,
                last: range.last,
                total,
            }),
            _ => Ok(()),
        }
    }

    /// The shards to connect, given the count Discord recommends
    /// (`GET /gateway/bot`), which applies when no total was given.
    pub fn resolve(&self, recommended: u32) -> Result<Shards, ShardError> {
        self.check()?;
        let total = self.total.unwrap_or(recommended.clamp(1, MAX_TOTAL));
        let range = self.range.unwrap_or(ShardRange {
            first: 0,
            last: total - 1,
        });
        Ok(Shards {
            first: range.first,
            last: range.last,
            total,
        })
    }
}

impl Shards {
    pub fn count(&self) -> u32 {
        self.last - self.first + 1
    }

    /// Whether this process runs the first shard (the one that registers
    /// the commands unless told otherwise).
    pub fn has_first(&self) -> bool {
        self.first == 0
    }
}

impl fmt::Display for Shards {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{} of {}", self.first, self.last, self.total)
    }
}

/// Which process sends the command definitions to Discord on connecting.
/// Two processes registering at once is harmless but wasteful (a bulk
/// overwrite each, against a daily limit); none registering leaves new
/// commands unknown to Discord.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Register {
    /// The process that runs shard 0.
    #[default]
    Auto,
    /// This process, whatever shards it runs.
    Always,
    /// Not this process.
    Never,
}

impl Register {
    pub fn here(self, shards: &Shards) -> bool {
        match self {
            Register::Auto => shards.has_first(),
            Register::Always => true,
            Register::Never => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(range: Option<&str>, total: Option<u32>) -> ShardPlan {
        ShardPlan {
            range: range.map(|r| r.parse().expect("a range")),
            total,
        }
    }

    #[test]
    fn a_range_is_first_dash_last_or_one_shard() {
        assert_eq!(
            "0-3".parse::<ShardRange>(),
            Ok(ShardRange { first: 0, last: 3 })
        );
        assert_eq!(
            "5".parse::<ShardRange>(),
            Ok(ShardRange { first: 5, last: 5 })
        );
        for bad in ["", "a-b", "1-", "-2", "1-2-3", "0..3"] {
            assert_eq!(
                bad.parse::<ShardRange>(),
                Err(ShardError::Malformed(bad.to_owned())),
                "{bad}"
            );
        }
        assert_eq!(
            "4-2".parse::<ShardRange>(),
            Err(ShardError::Backwards { first: 4, last: 2 })
        );
    }

    #[test]
    fn without_a_range_every_shard_runs_here() {
        let all = plan(None, None).resolve(3).expect("valid");
        assert_eq!((all.first, all.last, all.total), (0, 2, 3));
        let given = plan(None, Some(8)).resolve(3).expect("valid");
        assert_eq!((given.first, given.last, given.total), (0, 7, 8));
        assert_eq!(plan(None, None).resolve(0).expect("valid").total, 1);
    }

    #[test]
    fn a_range_needs_a_total_it_fits_in() {
        let part = plan(Some("4-7"), Some(8)).resolve(1).expect("valid");
        assert_eq!(part.to_string(), "4-7 of 8");
        assert_eq!(part.count(), 4);
        assert_eq!(
            plan(Some("0-3"), None).check(),
            Err(ShardError::RangeWithoutTotal)
        );
        assert_eq!(
            plan(Some("6-8"), Some(8)).check(),
            Err(ShardError::Outside {
                first: 6,
                last: 8,
                total: 8
            })
        );
        assert_eq!(plan(None, Some(0)).check(), Err(ShardError::Total(0)));
        let message = plan(Some("6-8"), Some(8))
            .check()
            .expect_err("outside")
            .to_string();
        assert!(message.contains("0 to 7"), "{message}");
    }

    #[test]
    fn the_process_with_shard_zero_registers_unless_told() {
        let first = plan(Some("0-3"), Some(8)).resolve(1).expect("valid");
        let second = plan(Some("4-7"), Some(8)).resolve(1).expect("valid");
        assert!(Register::Auto.here(&first) && !Register::Auto.here(&second));
        assert!(Register::Always.here(&second));
        assert!(!Register::Never.here(&first));
    }
}
