//! The `ostbot` binary as an operator uses it.

mod support;

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};
use tempfile::TempDir;

/// Runs the binary in `dir` on its database (`dir/bot.db`, or a PostgreSQL
/// database on that run of the suite), which starts as a copy of the
/// template database (the shipped catalog, imported once per test run).
fn ostbot(dir: &TempDir, args: &[&str], stdin: &str) -> Output {
    ostbot_at(dir, &database_of(dir), args, stdin)
}

/// The database of the tests in `dir`: seeded on first use, and its URL
/// kept in `dir/database-url` for the next command.
fn database_of(dir: &TempDir) -> String {
    let kept = dir.path().join("database-url");
    if let Ok(url) = std::fs::read_to_string(&kept) {
        return url;
    }
    let url = support::seed(dir.path(), "bot.db");
    std::fs::write(&kept, &url).unwrap();
    url
}

/// `ostbot` with `DATABASE_URL` set to `database`.
fn ostbot_at(dir: &TempDir, database: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ostbot"))
        .args(args)
        .current_dir(dir.path())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", database)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn run_without_a_token_explains_every_problem_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ostbot"));
    let output = cmd
        .arg("run")
        .current_dir(dir.path())
        .env_clear()
        .env("DEV_GUILD_ID", "not-a-number")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("DISCORD_TOKEN is not set"), "{err}");
    assert!(err.contains("DEV_GUILD_ID"), "{err}");
}

#[test]
fn the_token_never_reaches_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_ostbot"))
        .arg("run")
        .current_dir(dir.path())
        .env_clear()
        .env("DISCORD_TOKEN", "secret.token value")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let all = format!(
        "{}{}",
        stdout(&output),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!all.contains("secret.token"), "{all}");
    assert!(all.contains("DISCORD_TOKEN contains spaces"), "{all}");
}

#[test]
fn search_json_is_a_ranked_list_of_entries() {
    let dir = tempfile::tempdir().unwrap();
    // A deployment's database, created as `run` or `console` creates it.
    assert!(ostbot(&dir, &["console"], "").status.success());
    let output = ostbot(&dir, &["search", "Crash Landing on You", "--json"], "");
    assert!(output.status.success(), "{output:?}");
    let rows: Vec<Value> = serde_json::from_str(&stdout(&output)).unwrap();
    assert!(!rows.is_empty());
    for row in &rows {
        for key in ["id", "kind", "title", "title_ko", "artist", "drama", "year"] {
            assert!(row.get(key).is_some(), "{key} missing in {row}");
        }
    }
    assert_eq!(rows[0]["id"], "crash-landing-on-you");
    let tracks = ostbot(
        &dir,
        &[
            "search",
            "Crash Landing on You",
            "--kind",
            "track",
            "--json",
        ],
        "",
    );
    let rows: Vec<Value> = serde_json::from_str(&stdout(&tracks)).unwrap();
    assert!(rows.iter().all(|r| r["kind"] == "track"));
}

#[test]
fn search_json_lists_every_credited_artist_and_the_part() {
    let dir = tempfile::tempdir().unwrap();
    let credits = dir.path().join("credits.csv");
    std::fs::write(
        &credits,
        "track_id,artists\ndokkaebi-stay-with-me,찬열 (CHANYEOL)|펀치 (Punch)\n",
    )
    .unwrap();
    let imported = ostbot(&dir, &["import", credits.to_str().unwrap()], "");
    assert!(imported.status.success(), "{imported:?}");
    let output = ostbot(
        &dir,
        &["search", "stay with me punch", "--kind", "track", "--json"],
        "",
    );
    let rows: Vec<Value> = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(rows[0]["id"], "dokkaebi-stay-with-me", "{rows:?}");
    assert_eq!(rows[0]["part"], 1);
    assert_eq!(
        rows[0]["artists"],
        serde_json::json!([
            { "name_ko": "찬열", "name": "CHANYEOL" },
            { "name_ko": "펀치", "name": "Punch" }
        ])
    );
    for key in ["id", "kind", "title", "title_ko", "artist", "drama", "year"] {
        assert!(rows[0].get(key).is_some(), "{key} missing");
    }
    // Nonsense is no match at all.
    let nothing = ostbot(&dir, &["search", "qqqq", "--json"], "");
    let rows: Vec<Value> = serde_json::from_str(&stdout(&nothing)).unwrap();
    assert!(rows.is_empty(), "{rows:?}");
}

#[test]
fn import_dry_run_prints_each_field_it_would_change_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("moving.json");
    std::fs::write(
        &file,
        r#"{"dramas":[{"title":"Moving","title_ko":"무빙","year":2023}]}"#,
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let dry = ostbot(&dir, &["import", "--dry-run", path], "");
    assert!(dry.status.success(), "{dry:?}");
    let out = stdout(&dry);
    // Only the field that differs, before and after; the shipped year stays out of it.
    assert!(out.contains("moving: title_ko — → \"무빙\""), "{out}");
    assert!(!out.contains("year"), "{out}");
    assert!(
        out.contains("Dry run, nothing was written: 0 new, 1 would change, 0 unchanged."),
        "{out}"
    );
    // Nothing was written: the same dry run finds the same change.
    let twice = ostbot(&dir, &["import", "--dry-run", path], "");
    assert_eq!(stdout(&twice), out);

    let real = ostbot(&dir, &["import", path], "");
    assert!(real.status.success(), "{real:?}");
    let again = ostbot(&dir, &["import", "--dry-run", path], "");
    assert!(
        stdout(&again).contains("0 new, 0 would change, 1 unchanged"),
        "{}",
        stdout(&again)
    );
}

#[test]
fn import_is_atomic_and_idempotent_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.csv");
    std::fs::write(&good, "id,title,year\nmoonlit-harbor,Moonlit Harbor,2025\n").unwrap();
    let first = ostbot(&dir, &["import", good.to_str().unwrap()], "");
    assert!(first.status.success(), "{first:?}");
    assert!(stdout(&first).contains("1 new"), "{}", stdout(&first));
    let second = ostbot(&dir, &["import", good.to_str().unwrap()], "");
    assert!(
        stdout(&second).contains("0 new, 0 updated, 1 unchanged"),
        "{}",
        stdout(&second)
    );

    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "id,title,year\nfine,Fine,2020\nbroken,Broken,1234\n").unwrap();
    let refused = ostbot(&dir, &["import", bad.to_str().unwrap()], "");
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("line 3"),
        "{refused:?}"
    );
    let search = ostbot(&dir, &["search", "Fine", "--kind", "drama", "--json"], "");
    let rows: Vec<Value> = serde_json::from_str(&stdout(&search)).unwrap();
    assert!(
        rows.iter().all(|r| r["id"] != "fine"),
        "the refused file wrote a row"
    );
}

#[test]
fn backup_writes_a_consistent_copy() {
    let dir = tempfile::tempdir().unwrap();
    assert!(ostbot(&dir, &["console"], "").status.success());
    let copy = dir.path().join("copy.db");
    let output = ostbot(&dir, &["backup", copy.to_str().unwrap()], "");
    assert!(output.status.success(), "{output:?}");
    assert!(copy.metadata().unwrap().len() > 100_000);
    let again = ostbot(&dir, &["backup", copy.to_str().unwrap()], "");
    assert!(
        !again.status.success(),
        "must not overwrite an existing file"
    );
}

/// `ostbot restore`: a backup from this binary replaces the database (the
/// old one kept aside); a file that is not an ostbot backup is refused and
/// nothing is replaced.
#[test]
fn restore_checks_the_backup_before_it_replaces_the_database() {
    if support::skipped_on_postgres("restore_checks_the_backup_before_it_replaces_the_database") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.db");
    let output = ostbot(&dir, &["backup", copy.to_str().unwrap()], "");
    assert!(output.status.success(), "{output:?}");

    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"not a database at all").unwrap();
    let before = std::fs::read(dir.path().join("bot.db")).unwrap();
    let refused = ostbot(&dir, &["restore", junk.to_str().unwrap()], "");
    assert!(!refused.status.success(), "{refused:?}");
    assert_eq!(std::fs::read(dir.path().join("bot.db")).unwrap(), before);

    let restored = ostbot(&dir, &["restore", copy.to_str().unwrap()], "");
    assert!(restored.status.success(), "{}", stderr(&restored));
    assert!(
        stdout(&restored).contains("kept as"),
        "{}",
        stdout(&restored)
    );
    let kept = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".before-restore-"))
        .count();
    assert!(kept >= 1, "the replaced database is kept aside");
    let search = ostbot(&dir, &["search", "Goblin", "--json"], "");
    assert!(search.status.success(), "{}", stderr(&search));
}

#[test]
fn commands_json_is_the_bulk_overwrite_body() {
    let dir = tempfile::tempdir().unwrap();
    let output = ostbot(&dir, &["commands", "--json"], "");
    let commands: Vec<Value> = serde_json::from_str(&stdout(&output)).unwrap();
    let names: Vec<&str> = commands.iter().filter_map(|c| c["name"].as_str()).collect();
    for name in ["track", "drama", "catalog", "help"] {
        assert!(names.contains(&name), "{names:?}");
    }
}

#[test]
fn the_console_runs_a_script_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let output = ostbot(
        &dir,
        &["console"],
        "/help\n:as mina mod\n/catalog add-drama title:Moonlit Harbor\n",
    );
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(
        text.contains("> /help") && text.contains("/drama"),
        "{text}"
    );
    assert!(text.contains("Added **Moonlit Harbor**"), "{text}");
    let json = ostbot(&dir, &["console", "--json"], "/help\n");
    let body: Value = serde_json::from_str(stdout(&json).lines().next().unwrap()).unwrap();
    assert_eq!(body["type"], 4);
}

/// `ostbot console --json` is JSON Lines: every script the tests use, run
/// through the binary, prints nothing but JSON objects on stdout, and what
/// is not a reply or a post is a `{"kind":"meta"}` line.
#[test]
fn console_json_prints_only_json_lines_for_every_test_script() {
    let scripts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/console");
    let mut ran = 0;
    for entry in std::fs::read_dir(&scripts).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        let script = std::fs::read_to_string(&path).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let output = ostbot(&dir, &["console", "--json"], &script);
        assert!(output.status.success(), "{}: {output:?}", path.display());
        let text = stdout(&output);
        let mut meta = 0;
        for line in text.lines() {
            let value: Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{}: not JSON ({e}): {line}", path.display()));
            assert!(value.is_object(), "{line}");
            if value["kind"] == "meta" {
                assert!(value["text"].is_string(), "{line}");
                meta += 1;
            }
        }
        assert!(
            meta > 0,
            "{}: meta-commands answer as meta lines\n{text}",
            path.display()
        );
        ran += 1;
    }
    assert!(ran >= 4, "the console scripts of tests/console/");
}

/// Logs carry no colour codes when stderr is a file or a pipe.
#[test]
fn logs_have_no_colour_codes_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let database = database_of(&dir);
    let log = std::fs::File::create(dir.path().join("stderr.log")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ostbot"))
        .args(["console"])
        .current_dir(dir.path())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("RUST_LOG", "info")
        .env("DATABASE_URL", &database)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"/help\n").unwrap();
    assert!(child.wait().unwrap().success());
    let logged = std::fs::read_to_string(dir.path().join("stderr.log")).unwrap();
    assert!(logged.contains("interaction handled"), "{logged}");
    assert!(!logged.contains('\x1b'), "{logged:?}");
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn readers_refuse_a_database_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("ostobt.db");
    let database = format!("sqlite://{}", typo.display());
    let copy = dir.path().join("copy.db");
    for args in [
        vec!["backup", copy.to_str().unwrap()],
        vec!["search", "Goblin"],
    ] {
        let output = ostbot_at(&dir, &database, &args, "");
        assert!(
            !output.status.success(),
            "{args:?} accepted a missing database"
        );
        let err = stderr(&output);
        assert_eq!(err.trim().lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(&typo.display().to_string()), "{err}");
        assert!(err.contains("does not exist"), "{err}");
        assert!(
            !stdout(&output).contains("backed up"),
            "{}",
            stdout(&output)
        );
    }
    assert!(!typo.exists(), "a reader created the database");
    assert!(!copy.exists());
}

#[test]
fn the_console_creates_the_database_and_its_folders() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("data/ostbot/bot.db");
    let database = format!("sqlite://{}", nested.display());
    let output = ostbot_at(&dir, &database, &["console"], "/help\n");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(nested.exists());
    // Now that it exists, a reader opens it.
    let search = ostbot_at(&dir, &database, &["search", "Goblin", "--json"], "");
    assert!(search.status.success(), "{}", stderr(&search));
}

#[test]
fn a_database_that_cannot_be_opened_is_one_line_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the file should be: SQLite's "(code: 14) unable to open
    // database file".
    let folder = dir.path().join("not-a-file.db");
    std::fs::create_dir(&folder).unwrap();
    let database = format!("sqlite://{}", folder.display());
    let output = ostbot_at(&dir, &database, &["console"], "/help\n");
    assert!(!output.status.success());
    let err = stderr(&output);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains(&folder.display().to_string()), "{err}");
    assert_eq!(
        err.matches("unable to open database file").count(),
        1,
        "{err}"
    );
}

/// The operator's path for a member's suggestion: approved in one server,
/// reviewed there, exported, imported; then every server finds it and the
/// review counts for the global entry.
#[test]
fn an_exported_approval_becomes_global_with_its_review() {
    let dir = tempfile::tempdir().unwrap();
    let script = ":as jisoo
/suggest track drama:id:1 title:Harbor Lights singers:린
:as hana mod
/catalog queue
:click Approve
:as jisoo
/review track:Harbor Lights score:8 text:Lovely
";
    let console = ostbot(&dir, &["console"], script);
    let text = stdout(&console);
    assert!(text.contains("Approved: **Harbor Lights**"), "{text}");
    assert!(text.contains("Your review is saved"), "{text}");
    let local_only = ostbot(&dir, &["search", "harbor lights", "--json"], "");
    assert!(
        !stdout(&local_only).contains("Harbor Lights"),
        "local before the import"
    );

    let export = ostbot(
        &dir,
        &["suggestions", "export", "--approved", "out.json"],
        "",
    );
    assert!(export.status.success(), "{}", stderr(&export));
    assert!(
        stdout(&export).contains("Wrote 1 tracks"),
        "{}",
        stdout(&export)
    );
    let import = ostbot(&dir, &["import", "out.json"], "");
    assert!(import.status.success(), "{}", stderr(&import));
    assert!(
        stdout(&import).contains("1 server-local copy merged"),
        "{}",
        stdout(&import)
    );
    let found = ostbot(&dir, &["search", "harbor lights", "--json"], "");
    let hits: Value = serde_json::from_str(&stdout(&found)).unwrap();
    assert_eq!(hits[0]["title"], "Harbor Lights", "{hits}");

    let after = ostbot(&dir, &["console"], ":as jisoo\n/profile\n");
    assert!(
        stdout(&after).contains("Harbor Lights"),
        "{}",
        stdout(&after)
    );
    let again = ostbot(&dir, &["import", "out.json"], "");
    assert!(
        stdout(&again).contains("0 new, 0 updated") && !stdout(&again).contains("merged"),
        "{}",
        stdout(&again)
    );
}

/// The console scripts of tests/console/ in order, with their names.
fn console_scripts() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/console");
    let mut scripts: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().and_then(|e| e.to_str()) == Some("txt"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    scripts.sort();
    scripts
}

/// `DATABASE_URL=postgres://… ostbot console` gives the replies the SQLite
/// default gives, for every console script: the same catalog, ids, scores,
/// polls and refusals.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_console_script_replies_the_same_on_postgresql_as_on_sqlite() {
    let Some(admin) = support::postgres::admin("console on both backends").await else {
        return;
    };
    admin.close().await;
    use ostbot::db::Backend;
    for (name, script) in console_scripts() {
        let replies = |backend: Backend| {
            let dir = tempfile::tempdir().unwrap();
            let database = support::seed_on(backend, dir.path(), "bot.db");
            let output = ostbot_at(&dir, &database, &["console", "--json"], &script);
            assert!(output.status.success(), "{name} on {backend:?}: {output:?}");
            stdout(&output)
        };
        let (sqlite, postgres) = (
            without_snowflakes(&replies(Backend::Sqlite)),
            without_snowflakes(&replies(Backend::Postgres)),
        );
        assert!(sqlite.lines().count() > 3, "{name}: {sqlite}");
        for (line, (a, b)) in sqlite.lines().zip(postgres.lines()).enumerate() {
            assert_eq!(a, b, "{name}, reply {line}: SQLite, then PostgreSQL");
        }
        assert_eq!(sqlite.lines().count(), postgres.lines().count(), "{name}");
    }
}

/// `text` with the snowflakes the simulated Discord makes from the clock
/// (message ids: 17 digits or more) as `<snowflake>`.
fn without_snowflakes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut digits = String::new();
    for c in text.chars().chain(std::iter::once('\0')) {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if digits.len() >= 17 {
            out.push_str("<snowflake>");
        } else {
            out.push_str(&digits);
        }
        digits.clear();
        if c != '\0' {
            out.push(c);
        }
    }
    out
}

/// `ostbot copy-data` moves a deployment that members used (reviews with
/// their history, the weekly cycle with its poll and ballots, a server's own
/// catalog entries) into PostgreSQL, verified; refuses to write over it
/// without `--force`; and the same next steps then give the same replies on
/// both databases.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copy_data_moves_a_used_deployment_and_both_databases_answer_alike() {
    let Some(admin) = support::postgres::admin("copy-data").await else {
        return;
    };
    use ostbot::db::Backend;
    let dir = tempfile::tempdir().unwrap();
    let sqlite = support::seed_on(Backend::Sqlite, dir.path(), "bot.db");
    let scripts = console_scripts();
    let used = ["reviews.txt", "polls.txt", "catalog.txt"];
    let edited = ":guild Console Club\n:as minji\n/review drama:id:1 score:8 text:First\n\
                  /review drama:id:1 score:9 text:Second thoughts\n\
                  :as hana mod\n/poll create question:Best OST? duration:2d option1:Stay With Me option2:Beautiful\n\
                  :as minji\n:click Stay\n";
    let steps = scripts
        .iter()
        .filter(|(name, _)| used.contains(&name.as_str()))
        .map(|(name, script)| (name.as_str(), script.as_str()))
        .chain([("an edited review", edited)]);
    for (name, script) in steps {
        let output = ostbot_at(&dir, &sqlite, &["console"], script);
        assert!(output.status.success(), "{name}: {output:?}");
    }
    let name = support::postgres::new_name();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&admin)
        .await
        .unwrap();
    admin.close().await;
    let postgres = support::postgres::url_of(&name);

    let copy = [
        "copy-data",
        "--from",
        &sqlite,
        "--to",
        &postgres,
        "--batch",
        "50",
    ];
    let copied = ostbot_at(&dir, &sqlite, &copy, "");
    assert!(copied.status.success(), "{}", stderr(&copied));
    let report = stdout(&copied);
    assert!(report.contains("verified"), "{report}");
    for table in [
        "reviews",
        "review_history",
        "voices",
        "polls",
        "poll_options",
        "poll_votes",
        "nominations",
        "weekly_jobs",
        "guild_settings",
    ] {
        let line = report
            .lines()
            .find(|l| l.split_whitespace().next() == Some(table))
            .unwrap_or_else(|| panic!("{table} in the report:\n{report}"));
        assert!(!line.contains(" 0 rows"), "{line}\n{report}");
    }
    let again = ostbot_at(&dir, &sqlite, &copy, "");
    assert!(
        !again.status.success(),
        "a second copy over the first is refused"
    );
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    let forced: Vec<&str> = copy.iter().copied().chain(["--force"]).collect();
    let replaced = ostbot_at(&dir, &sqlite, &forced, "");
    assert!(replaced.status.success(), "{}", stderr(&replaced));

    // The next steps, on each: the copied reviews, scores, poll and local entries answer alike.
    let next = ":guild Console Club\n:as jisoo\n/reviews drama:id:1\n/top\n/profile\n\
                :as hana mod\n/poll results\n/drama query:Moonlit Harbor\n\
                /review drama:id:2 score:7 text:After the move\n/reviews drama:id:2\n";
    let replies = |database: &str| {
        let output = ostbot_at(&dir, database, &["console", "--json"], next);
        assert!(output.status.success(), "{output:?}");
        without_snowflakes(&stdout(&output))
    };
    let (on_sqlite, on_postgres) = (replies(&sqlite), replies(&postgres));
    assert!(on_sqlite.contains("After the move"), "{on_sqlite}");
    assert_eq!(on_sqlite.lines().count(), on_postgres.lines().count());
    for (line, (a, b)) in on_sqlite.lines().zip(on_postgres.lines()).enumerate() {
        assert_eq!(a, b, "reply {line}: SQLite, then PostgreSQL");
    }
}
