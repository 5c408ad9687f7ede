# Schedules (crates/core/src/schedule.rs): the weekly cycle's day, time and time zone.

schedule-error-unknown-time-zone = “{ $zone }” is not a time zone I know. Use an IANA name like Asia/Seoul or Europe/Berlin.
schedule-error-bad-time = Write the time as HH:MM, e.g. 20:00.
schedule-error-bad-day = Choose a day of the week.
