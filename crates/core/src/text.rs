//! A member-facing message named, not worded: a Fluent message id and its
//! values. The core only chooses one (`Error::User`); the root's `i18n`
//! formats it once the reader's language is known.

/// A value inside a deferred message.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Text(String),
    Number(f64),
}

macro_rules! arg_from_number {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(n as f64)
            }
        }
    )*};
}
arg_from_number!(i32, i64, u8, u16, u32, u64, usize, f64);

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}

/// A message chosen now and formatted later, once the reader's language is
/// known (errors of the bot layer travel as one).
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// `msg!("id", name = value, …)`: a [`Text`] to format later.
#[macro_export]
macro_rules! msg {
    ($id:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::text::Text {
            id: $id,
            args: vec![$((stringify!($name), $crate::text::Arg::from($value))),*],
        }
    };
}
