//! Member text shown inside a reply: escaped so that it reads as typed and cannot restyle or
//! break out of the reply around it, and fitted to Discord's limits. (It never pings either way:
//! `allowed_mentions` is empty on everything the bot sends.)

use crate::bot::response::clip;

/// Escapes Discord markdown in `text`: every character markdown gives a
/// meaning to gets a backslash (Discord then shows it as typed), mentions
/// (`<@…>`, `<#…>`, `<@&…>`) show their text instead of a chip, `@everyone`
/// and `@here` are broken by a zero-width space, and line breaks become
/// spaces so a quote stays on its line.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        match c {
            '\\' | '*' | '_' | '~' | '`' | '|' | '>' | '<' | '#' | '-' | '[' | ']' | '(' | ')'
            | ':' | '=' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' | '\u{2028}' | '\u{2029}' => out.push(' '),
            '@' => {
                out.push('@');
                let lower = rest.to_lowercase();
                if lower.starts_with("everyone") || lower.starts_with("here") {
                    out.push('\u{200B}');
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Member text made safe to show: markdown and spoiler marks cannot be
/// broken out of, and mentions (`@everyone`, `<@id>`) show without pinging.
pub fn safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '*' | '_' | '~' | '`' | '|' | '>' | '#' | '[' | ']' | '<' => {
                out.push('\\');
                out.push(c);
            }
            '@' => out.push_str("@\u{200B}"),
            _ => out.push(c),
        }
    }
    out
}

/// Review text as shown: clipped to `max` characters of the member's text,
/// made safe, and wrapped in spoiler marks when asked.
pub fn show_text(text: &str, spoiler: bool, max: usize) -> String {
    let shown = safe(&clip(text, max));
    if spoiler {
        format!("||{shown}||")
    } else {
        shown
    }
}

/// Joins whole lines up to `max` characters: a review line is never cut,
/// so spoiler marks always come in pairs.
pub fn fit_lines(lines: &[String], separator: &str, max: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for line in lines {
        let sep = if out.is_empty() {
            0
        } else {
            separator.chars().count()
        };
        let len = line.chars().count();
        if used + sep + len > max {
            break;
        }
        if sep > 0 {
            out.push_str(separator);
        }
        out.push_str(line);
        used += sep + len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_in_member_text_is_shown_as_typed() {
        assert_eq!(
            escape("**bold** _it_ `code`"),
            r"\*\*bold\*\* \_it\_ \`code\`"
        );
        assert_eq!(escape("||spoiler|| ~~x~~"), r"\|\|spoiler\|\| \~\~x\~\~");
        assert_eq!(escape("# Big\n> quote"), r"\# Big \> quote");
        assert_eq!(
            escape("[link](https://x.example)"),
            r"\[link\]\(https\://x.example\)"
        );
        assert_eq!(escape(r"a\*b"), r"a\\\*b");
    }

    #[test]
    fn mentions_lose_their_chip_and_everyone_its_highlight() {
        assert_eq!(escape("<@&456> <@12> <#34>"), r"\<@&456\> \<@12\> \<\#34\>");
        assert_eq!(
            escape("@everyone @Here @minji"),
            "@\u{200B}everyone @\u{200B}Here @minji"
        );
        assert!(!escape("<@&456>").starts_with("<@"));
    }

    #[test]
    fn plain_and_korean_text_is_unchanged() {
        assert_eq!(escape("첫눈처럼 너에게 가겠다"), "첫눈처럼 너에게 가겠다");
        assert_eq!(escape("Stay with me 2016"), "Stay with me 2016");
    }

    #[test]
    fn member_text_cannot_break_out_of_spoilers_or_ping() {
        let shown = show_text("end|| @everyone **bold** <@123>\\", true, 2000);
        assert!(shown.starts_with("||") && shown.ends_with("||"));
        let inner = &shown[2..shown.len() - 2];
        assert!(!inner.replace("\\|", "").contains('|'));
        assert!(!inner.contains("@everyone"));
        assert!(inner.contains("@\u{200B}everyone"));
        assert!(inner.contains("\\*\\*bold\\*\\*"));
        // A trailing backslash is escaped and cannot swallow the closing marks.
        assert!(inner.ends_with("\\\\"));
    }

    #[test]
    fn lines_are_kept_whole() {
        let lines = vec!["a".repeat(600), "||b||".repeat(100), "c".repeat(10)];
        assert_eq!(fit_lines(&lines, "\n", 1024), "a".repeat(600));
        assert_eq!(fit_lines(&lines[2..], "\n", 1024), "c".repeat(10));
    }
}
