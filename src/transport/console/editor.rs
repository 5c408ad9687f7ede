//! Line editing for the console on a terminal: history (↑/↓, Ctrl-R) and
//! Tab completion of meta-commands, command names and option names, from
//! the same command table that Discord registers.

use crate::bot::commands::COMMANDS;
use rustyline::completion::{Completer, Pair};
use rustyline::history::DefaultHistory;
use rustyline::{Context, Editor, Helper, Highlighter, Hinter, Validator};
use serde_json::Value;
use std::collections::BTreeMap;

/// The meta-commands of the console (`:help` explains them).
const META: &[&str] = &[
    ":help",
    ":as",
    ":guild",
    ":channel",
    ":clock",
    ":locale",
    ":complete",
    ":click",
    ":select",
    ":submit",
    ":save",
    ":quit",
];

/// Command names, and for each the names of its subcommands and options
/// (at every level), as the console's `/name option:value` syntax uses them.
#[derive(Helper, Hinter, Highlighter, Validator)]
pub struct Completions {
    commands: BTreeMap<String, Vec<Word>>,
}

#[derive(Clone, Debug, PartialEq)]
struct Word {
    name: String,
    /// Options are typed `name:value`; subcommands and groups `name `.
    takes_value: bool,
}

impl Completions {
    pub fn new() -> Completions {
        let commands = COMMANDS
            .iter()
            .map(|c| {
                let definition = serde_json::to_value((c.register)()).unwrap_or_default();
                let mut words = Vec::new();
                collect_options(&definition, &mut words);
                (c.name.to_owned(), words)
            })
            .collect();
        Completions { commands }
    }

    /// Where the word being completed starts, and what it may become.
    fn candidates(&self, line: &str, pos: usize) -> (usize, Vec<Pair>) {
        let before = &line[..pos];
        let start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let word = &before[start..];
        let pairs: Vec<Pair> = if start == 0 && word.starts_with(':') {
            META.iter()
                .filter(|m| m.starts_with(word))
                .map(|m| pair(m, " "))
                .collect()
        } else if start == 0 && word.starts_with('/') {
            self.commands
                .keys()
                .filter(|name| name.starts_with(&word[1..]))
                .map(|name| pair(&format!("/{name}"), " "))
                .collect()
        } else if let Some(words) = self.command_of(line) {
            words
                .iter()
                .filter(|w| !word.contains(':') && w.name.starts_with(word))
                .map(|w| pair(&w.name, if w.takes_value { ":" } else { " " }))
                .collect()
        } else {
            Vec::new()
        };
        (start, pairs)
    }

    fn command_of(&self, line: &str) -> Option<&Vec<Word>> {
        let name = line.strip_prefix('/')?.split_whitespace().next()?;
        self.commands.get(name)
    }
}

impl Default for Completions {
    fn default() -> Self {
        Completions::new()
    }
}

fn pair(word: &str, after: &str) -> Pair {
    Pair {
        display: word.to_owned(),
        replacement: format!("{word}{after}"),
    }
}

/// Subcommands (type 1) and groups (type 2) are words of their own; every
/// other option type takes a value.
fn collect_options(node: &Value, words: &mut Vec<Word>) {
    for option in node["options"].as_array().into_iter().flatten() {
        let Some(name) = option["name"].as_str() else {
            continue;
        };
        let kind = option["type"].as_u64().unwrap_or(3);
        let word = Word {
            name: name.to_owned(),
            takes_value: !matches!(kind, 1 | 2),
        };
        if !words.contains(&word) {
            words.push(word);
        }
        collect_options(option, words);
    }
}

impl Completer for Completions {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        Ok(self.candidates(line, pos))
    }
}

/// A line editor with history and completion, for an interactive terminal.
pub type LineEditor = Editor<Completions, DefaultHistory>;

pub fn line_editor() -> rustyline::Result<LineEditor> {
    let mut editor = LineEditor::new()?;
    editor.set_helper(Some(Completions::new()));
    Ok(editor)
}

#[cfg(test)]
mod tests {
    use super::Completions;

    fn replacements(line: &str) -> Vec<String> {
        let (_, pairs) = Completions::new().candidates(line, line.len());
        pairs.into_iter().map(|p| p.replacement).collect()
    }

    #[test]
    fn completes_meta_commands_commands_and_their_options() {
        assert_eq!(replacements(":cl"), vec![":clock ", ":click "]);
        assert!(replacements("/rev").contains(&"/review ".to_owned()));
        assert!(replacements("/rev").contains(&"/reviews ".to_owned()));
        assert_eq!(replacements("/track qu"), vec!["query:"]);
        // Subcommands are words; their options take values.
        assert!(replacements("/poll cr").contains(&"create ".to_owned()));
        assert!(replacements("/poll create dur").contains(&"duration:".to_owned()));
    }

    #[test]
    fn nothing_to_complete_inside_a_value_or_an_unknown_command() {
        assert!(replacements("/track query:sta").is_empty());
        assert!(replacements("/nope qu").is_empty());
        assert!(replacements("hello").is_empty());
    }
}
