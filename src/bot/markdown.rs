//! Member text shown inside a reply: escaped so that it reads as typed and
//! cannot restyle the reply around it. (It never pings either way:
//! `allowed_mentions` is empty on everything the bot sends.)

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

#[cfg(test)]
mod tests {
    use super::escape;

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
}
