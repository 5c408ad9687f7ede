//! When the weekly job runs next, in the server's own time zone, daylight
//! saving included. The durable loop that runs due work is
//! `bot::scheduler` (it posts messages); the due rows live in the tables
//! of the concepts that own them (`polls`, `weekly_jobs`).

use crate::guild_settings::WeeklySchedule;
use crate::{Error, Result};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// Why a schedule value was refused (worded by `bot::error_text`).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ScheduleError {
    #[error("unknown time zone {0:?}")]
    UnknownTimeZone(String),
    #[error("unreadable time of day")]
    BadTime,
    #[error("unknown day of the week")]
    BadDay,
}

/// An IANA zone name such as `Asia/Seoul`, or a clear error.
pub fn parse_timezone(name: &str) -> Result<Tz> {
    name.trim()
        .parse::<Tz>()
        .map_err(|_| ScheduleError::UnknownTimeZone(name.trim().to_owned()).into())
}

/// A time zone as a member typed it.
#[derive(Clone, Debug, PartialEq)]
pub enum ZoneInput {
    /// An IANA name, e.g. `Asia/Seoul`.
    Named(Tz),
    /// A common abbreviation that means one zone only, e.g. `KST`.
    Abbreviation {
        abbreviation: &'static str,
        zone: Tz,
    },
    /// An abbreviation that means several zones, e.g. `PST` (Pacific or Philippine).
    Ambiguous {
        abbreviation: &'static str,
        zones: &'static [Tz],
    },
}

/// Abbreviations fans use that name exactly one zone.
const ABBREVIATIONS: &[(&str, Tz)] = &[
    ("KST", Tz::Asia__Seoul),
    ("JST", Tz::Asia__Tokyo),
    ("HKT", Tz::Asia__Hong_Kong),
    ("SGT", Tz::Asia__Singapore),
    ("PHT", Tz::Asia__Manila),
    ("MYT", Tz::Asia__Kuala_Lumpur),
    ("WIB", Tz::Asia__Jakarta),
    ("WITA", Tz::Asia__Makassar),
    ("WIT", Tz::Asia__Jayapura),
    ("BRT", Tz::America__Sao_Paulo),
];

/// Abbreviations with more than one common meaning: refused, with the choices.
const AMBIGUOUS: &[(&str, &[Tz])] = &[
    ("PST", &[Tz::America__Los_Angeles, Tz::Asia__Manila]),
    ("CST", &[Tz::America__Chicago, Tz::Asia__Shanghai]),
    (
        "IST",
        &[Tz::Asia__Kolkata, Tz::Europe__Dublin, Tz::Asia__Jerusalem],
    ),
    ("BST", &[Tz::Europe__London, Tz::Asia__Dhaka]),
];

/// An IANA name, or an abbreviation (any case) from the lists above.
pub fn read_timezone(text: &str) -> Result<ZoneInput> {
    let upper = text.trim().to_uppercase();
    if let Some((abbreviation, zone)) = ABBREVIATIONS.iter().find(|(a, _)| *a == upper) {
        return Ok(ZoneInput::Abbreviation {
            abbreviation,
            zone: *zone,
        });
    }
    if let Some((abbreviation, zones)) = AMBIGUOUS.iter().find(|(a, _)| *a == upper) {
        return Ok(ZoneInput::Ambiguous {
            abbreviation,
            zones,
        });
    }
    parse_timezone(text).map(ZoneInput::Named)
}

/// `HH:MM` on a 24-hour clock.
pub fn parse_time(text: &str) -> Result<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").map_err(|_| ScheduleError::BadTime.into())
}

/// Day names (English or Korean) to 0 = Monday … 6 = Sunday.
pub fn parse_day(text: &str) -> Result<u8> {
    let t = text.trim().to_lowercase();
    let days = [
        ("monday", "월"),
        ("tuesday", "화"),
        ("wednesday", "수"),
        ("thursday", "목"),
        ("friday", "금"),
        ("saturday", "토"),
        ("sunday", "일"),
    ];
    days.iter()
        .position(|(en, ko)| {
            t.len() >= 3 && en.starts_with(&t) || t == *ko || t == format!("{ko}요일")
        })
        .map(|d| d as u8)
        .ok_or_else(|| ScheduleError::BadDay.into())
}

/// The first scheduled moment strictly after `after`.
///
/// A wall time that does not exist that day (skipped by a spring-forward)
/// runs at the first valid minute after the gap; one that happens twice
/// (fall-back) runs at its first occurrence.
pub fn next_run(schedule: &WeeklySchedule, after: DateTime<Utc>) -> Result<DateTime<Utc>> {
    let tz = parse_timezone(&schedule.timezone)?;
    let time = parse_time(&schedule.time)?;
    let local_today = after.with_timezone(&tz).date_naive();
    // Start a day early: the local date may lag the UTC instant.
    for offset in -1..=8 {
        let date = local_today + Duration::days(offset);
        if date.weekday().num_days_from_monday() != u32::from(schedule.day) {
            continue;
        }
        if let Some(at) = local_instant(tz, date, time) {
            if at > after {
                return Ok(at);
            }
        }
    }
    Err(Error::Internal(format!(
        "no weekly run found after {after} for {schedule:?}"
    )))
}

fn local_instant(tz: Tz, date: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    let wall = date.and_time(time);
    // Gaps are at most a few hours; step minute by minute past one.
    (0..=24 * 60).find_map(|minutes| {
        tz.from_local_datetime(&(wall + Duration::minutes(minutes)))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::ChannelId;

    #[test]
    fn common_abbreviations_map_to_one_zone_and_ambiguous_ones_are_refused() {
        assert_eq!(
            read_timezone(" kst ").unwrap(),
            ZoneInput::Abbreviation {
                abbreviation: "KST",
                zone: Tz::Asia__Seoul
            }
        );
        assert!(matches!(
            read_timezone("JST").unwrap(),
            ZoneInput::Abbreviation {
                zone: Tz::Asia__Tokyo,
                ..
            }
        ));
        match read_timezone("PST").unwrap() {
            ZoneInput::Ambiguous { zones, .. } => {
                assert!(zones.contains(&Tz::America__Los_Angeles));
                assert!(zones.contains(&Tz::Asia__Manila));
            }
            other => panic!("PST is ambiguous, not {other:?}"),
        }
        assert_eq!(
            read_timezone("Asia/Seoul").unwrap(),
            ZoneInput::Named(Tz::Asia__Seoul)
        );
        assert!(read_timezone("Mars/Olympus").is_err());
        assert!(read_timezone("XYZ").is_err());
        // Every listed zone is one that parse_timezone accepts by name.
        for (_, zone) in ABBREVIATIONS {
            assert_eq!(parse_timezone(zone.name()).unwrap(), *zone);
        }
    }

    fn weekly(day: u8, time: &str, tz: &str) -> WeeklySchedule {
        WeeklySchedule {
            channel: ChannelId::new(1),
            day,
            time: time.into(),
            timezone: tz.into(),
            candidates: 5,
        }
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn seoul_friday_evening() {
        let s = weekly(4, "20:00", "Asia/Seoul");
        // Tuesday 2026-11-24 20:00 UTC is Wednesday 05:00 in Seoul.
        let next = next_run(&s, utc("2026-11-24T20:00:00Z")).unwrap();
        assert_eq!(next, utc("2026-11-27T11:00:00Z"));
        // Exactly at the run: the next one is a week later.
        assert_eq!(next_run(&s, next).unwrap(), utc("2026-12-04T11:00:00Z"));
    }

    #[test]
    fn new_york_keeps_wall_time_across_dst() {
        let s = weekly(6, "20:00", "America/New_York");
        // 2026-03-01 is a Sunday in EST (UTC-5); DST starts 2026-03-08.
        let first = next_run(&s, utc("2026-02-28T12:00:00Z")).unwrap();
        assert_eq!(first, utc("2026-03-02T01:00:00Z"));
        let second = next_run(&s, first).unwrap();
        assert_eq!(second, utc("2026-03-09T00:00:00Z"));
        assert_eq!(second - first, Duration::hours(167));
        // Fall back on 2026-11-01: the week is an hour longer.
        let before = next_run(&s, utc("2026-10-25T12:00:00Z")).unwrap();
        let after = next_run(&s, before).unwrap();
        assert_eq!(after - before, Duration::hours(169));
    }

    #[test]
    fn skipped_and_repeated_wall_times() {
        // 02:30 does not exist on 2026-03-08 in New York: runs at 03:00 EDT.
        let s = weekly(6, "02:30", "America/New_York");
        let next = next_run(&s, utc("2026-03-07T12:00:00Z")).unwrap();
        assert_eq!(next, utc("2026-03-08T07:00:00Z"));
        // 01:30 happens twice on 2026-11-01: the first (EDT) is used.
        let s = weekly(6, "01:30", "America/New_York");
        let next = next_run(&s, utc("2026-10-31T12:00:00Z")).unwrap();
        assert_eq!(next, utc("2026-11-01T05:30:00Z"));
    }

    #[test]
    fn parsing() {
        assert!(parse_timezone("Mars/Olympus").is_err());
        assert!(parse_timezone("Europe/Berlin").is_ok());
        assert!(parse_time("25:00").is_err());
        assert_eq!(parse_day("fri").unwrap(), 4);
        assert_eq!(parse_day("일요일").unwrap(), 6);
        assert!(parse_day("f").is_err());
    }
}
