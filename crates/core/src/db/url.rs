//! `DATABASE_URL`, which may carry the database password: its `Debug` and
//! [`DatabaseUrl::redacted`] never show it, so the URL can be named in logs
//! and errors.

use super::Backend;
use std::fmt;

#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    pub fn new(url: impl Into<String>) -> Self {
        DatabaseUrl(url.into())
    }

    /// The whole URL, password included: only for opening the database.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn backend(&self) -> Option<Backend> {
        Backend::of_url(&self.0)
    }

    /// The URL with its password (in the user part or a `password=`
    /// parameter) replaced by `***`.
    pub fn redacted(&self) -> String {
        redact(&self.0)
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseUrl({:?})", self.redacted())
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

fn redact(url: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let mut shown = redact_user_password(base);
    if let Some(query) = query {
        let params: Vec<String> = query
            .split('&')
            .map(|param| match param.split_once('=') {
                Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
                _ => param.to_owned(),
            })
            .collect();
        shown.push('?');
        shown.push_str(&params.join("&"));
    }
    shown
}

/// `scheme://user:password@host/…` → `scheme://user:***@host/…`.
fn redact_user_password(base: &str) -> String {
    let Some((scheme, rest)) = base.split_once("://") else {
        return base.to_owned();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    let Some((userinfo, host)) = authority.rsplit_once('@') else {
        return base.to_owned();
    };
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}{path}"),
        None => base.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_never_shows() {
        let url =
            DatabaseUrl::new("postgres://ostbot:s3cr%40t@db.internal:5432/ostbot?sslmode=require");
        assert_eq!(
            url.redacted(),
            "postgres://ostbot:***@db.internal:5432/ostbot?sslmode=require"
        );
        assert!(!format!("{url:?} {url}").contains("s3cr"));
        let in_query = DatabaseUrl::new("postgres://db/ostbot?user=bot&password=hunter2");
        assert_eq!(
            in_query.redacted(),
            "postgres://db/ostbot?user=bot&password=***"
        );
        assert_eq!(
            in_query.expose(),
            "postgres://db/ostbot?user=bot&password=hunter2"
        );
    }

    #[test]
    fn urls_without_a_password_show_whole() {
        for url in [
            "sqlite://ostbot.db",
            "sqlite::memory:",
            "postgres://postgres@127.0.0.1/test",
            "postgresql:///ostbot",
        ] {
            assert_eq!(DatabaseUrl::new(url).redacted(), url);
        }
    }
}
