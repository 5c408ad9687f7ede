//! The Fluent files agree: every message exists in every language, with the
//! same variables, and every message is used by the code.

use super::*;
use fluent_syntax::ast;
use std::collections::{BTreeMap, BTreeSet};

type Messages = BTreeMap<String, BTreeSet<String>>;

fn messages_of(folder: &str) -> Messages {
    let mut messages = Messages::new();
    for (f, name, text) in files() {
        if *f != folder {
            continue;
        }
        let resource = fluent_syntax::parser::parse(*text)
            .unwrap_or_else(|(_, errors)| panic!("{folder}/{name}: {errors:?}"));
        for entry in resource.body {
            if let ast::Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern_vars(p, &mut vars);
                }
                for a in &m.attributes {
                    pattern_vars(&a.value, &mut vars);
                    vars.insert(format!(".{}", a.id.name));
                }
                let previous = messages.insert(m.id.name.to_owned(), vars);
                assert!(
                    previous.is_none(),
                    "{folder}: {} is defined twice",
                    m.id.name
                );
            }
        }
    }
    messages
}

fn pattern_vars(pattern: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(expression: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        ast::Expression::Inline(inline) => inline_vars(inline, vars),
    }
}

fn inline_vars(inline: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, vars);
            }
            for a in &arguments.named {
                inline_vars(&a.value, vars);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

#[test]
fn every_message_exists_in_every_language_with_the_same_variables() {
    let english = messages_of(Locale::En.folder());
    assert!(!english.is_empty(), "no English messages were embedded");
    for locale in Locale::ALL {
        let other = messages_of(locale.folder());
        for (id, vars) in &english {
            match other.get(id) {
                None => panic!("{}: {id} is missing", locale.folder()),
                Some(v) => assert_eq!(v, vars, "{}: {id} has other variables", locale.folder()),
            }
        }
        for id in other.keys() {
            assert!(
                english.contains_key(id),
                "{}: {id} is not in English",
                locale.folder()
            );
        }
    }
}

#[test]
fn every_message_is_used_by_the_code() {
    // The core's errors name message ids too (`msg!`, `Error::User`).
    let mut source = String::new();
    for dir in ["src", "crates/core/src"] {
        read_sources(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir),
            &mut source,
        );
    }
    for id in messages_of(Locale::En.folder()).keys() {
        let used = source.contains(&format!("\"{id}\"")) || source.contains(&format!("\"{id}."));
        assert!(used, "{id} is in locales/en but no code uses it");
    }
}

fn read_sources(dir: &std::path::Path, out: &mut String) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            read_sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("i18n/tests.rs") {
            out.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
        }
    }
}

#[test]
fn missing_messages_fall_back_to_english_and_plurals_follow_the_language() {
    assert_eq!(tr(Locale::En, "no-such-message", &[]), "no-such-message");
    for locale in Locale::ALL {
        assert!(has(locale, "error-internal"), "{locale:?}");
        let text = t!(locale, "error-internal");
        assert!(!text.is_empty());
    }
}

/// Korean particles depend on the word before them (받침), which a
/// placeholder cannot know: messages are built so that none follows one,
/// and none is written as "을(를)".
#[test]
fn korean_messages_never_guess_a_particle() {
    const BOTH: [&str; 8] = [
        "을(를)", "를(을)", "이(가)", "가(이)", "은(는)", "는(은)", "와(과)", "(으)로",
    ];
    const PARTICLES: [&str; 9] = ["을", "를", "이", "가", "은", "는", "과", "와", "으로"];
    for (folder, name, text) in files() {
        if *folder != Locale::Ko.folder() {
            continue;
        }
        for line in text.lines() {
            for both in BOTH {
                assert!(!line.contains(both), "ko/{name}: {line}");
            }
            for (at, _) in line.match_indices('}') {
                let after = &line[at + 1..];
                for p in PARTICLES {
                    let Some(rest) = after.strip_prefix(p) else {
                        continue;
                    };
                    // "{ $n }이에요"-like words start with a particle's letter
                    // but go on in Hangul; a particle ends the word.
                    let ends_word = rest
                        .chars()
                        .next()
                        .is_none_or(|c| !('\u{AC00}'..='\u{D7A3}').contains(&c));
                    assert!(
                        !ends_word,
                        "ko/{name}: a particle after a placeholder: {line}"
                    );
                }
            }
        }
    }
}

#[test]
fn plurals_follow_the_count_in_english_and_korean_has_none() {
    let one = t!(
        Locale::En,
        "review-summary-everywhere",
        mean = "7.0",
        voices = 1
    );
    let two = t!(
        Locale::En,
        "review-summary-everywhere",
        mean = "7.0",
        voices = 2
    );
    assert!(one.ends_with("from one voice"), "{one}");
    assert!(two.ends_with("from 2 voices"), "{two}");
    let ko = t!(
        Locale::Ko,
        "review-summary-everywhere",
        mean = "7.0",
        voices = 2
    );
    assert!(ko.contains("(2명)"), "{ko}");
    let edited = t!(
        Locale::En,
        "review-footer-edited",
        date = "2026-01-02",
        edits = 1
    );
    assert!(edited.ends_with("edited once"), "{edited}");
    let rows = t!(Locale::En, "import-refused", rows = 1);
    assert!(rows.contains("one row has a problem"), "{rows}");
}

/// The count variables of a message: those a select expression picks a
/// plural variant by, when one of its variants is `[one]`.
fn plural_selectors(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        let ast::PatternElement::Placeable {
            expression: ast::Expression::Select { selector, variants },
        } = element
        else {
            continue;
        };
        let has_one = variants
            .iter()
            .any(|v| matches!(v.key, ast::VariantKey::Identifier { name: "one" }));
        if let (true, ast::InlineExpression::VariableReference { id }) = (has_one, selector) {
            out.insert(id.name.to_owned());
        }
        for v in variants {
            plural_selectors(&v.value, out);
        }
    }
}

/// Portuguese puts 0 in the plural category "one" (CLDR: i = 0..1), so a
/// `[one] uma avaliação` variant would also say "uma avaliação" for none.
/// In every language, a count of 0 must read otherwise than a count of 1.
#[test]
fn a_count_of_zero_never_reads_as_one() {
    let mut same = Vec::new();
    for locale in Locale::ALL {
        for (folder, name, text) in files() {
            if *folder != locale.folder() {
                continue;
            }
            let resource = fluent_syntax::parser::parse(*text).expect("parses");
            for entry in resource.body {
                let ast::Entry::Message(m) = entry else {
                    continue;
                };
                let Some(pattern) = &m.value else { continue };
                let mut counts = BTreeSet::new();
                plural_selectors(pattern, &mut counts);
                let mut vars = BTreeSet::new();
                pattern_vars(pattern, &mut vars);
                for count in &counts {
                    let render = |n: i64| {
                        let args: Vec<(&str, FluentValue<'_>)> = vars
                            .iter()
                            .map(|v| {
                                let value = if v == count {
                                    FluentValue::from(n)
                                } else {
                                    FluentValue::from("x")
                                };
                                (v.as_str(), value)
                            })
                            .collect();
                        tr(locale, m.id.name, &args)
                    };
                    if render(0) == render(1) {
                        same.push(format!("{folder}/{name}: {} (${count})", m.id.name));
                    }
                }
            }
        }
    }
    assert!(same.is_empty(), "the same text for 0 and 1: {same:#?}");
}
