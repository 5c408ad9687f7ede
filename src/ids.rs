//! Typed Discord ids for the core. Discord ids are u64 snowflakes; SQLite
//! stores them as i64, converted only through [`crate::db`].

use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// A Discord server.
    GuildId
);
id_type!(
    /// A Discord user (a member when inside a server).
    UserId
);
id_type!(
    /// A text channel.
    ChannelId
);
id_type!(
    /// A server role.
    RoleId
);
id_type!(
    /// A message the bot posted.
    MessageId
);
