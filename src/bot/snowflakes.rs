//! serenity's ids and ours hold the same non-zero snowflake, so they convert
//! both ways without a check. The core never sees serenity's; these impls
//! are the one crossing.

use crate::ids;

macro_rules! same_snowflake {
    ($($ours:ident <=> $theirs:ident),* $(,)?) => {$(
        impl From<serenity::all::$theirs> for ids::$ours {
            fn from(id: serenity::all::$theirs) -> Self {
                ids::$ours::from_nonzero(id.into())
            }
        }

        impl From<ids::$ours> for serenity::all::$theirs {
            fn from(id: ids::$ours) -> Self {
                id.into_nonzero().into()
            }
        }
    )*};
}

same_snowflake! {
    GuildId <=> GuildId,
    UserId <=> UserId,
    ChannelId <=> ChannelId,
    RoleId <=> RoleId,
    MessageId <=> MessageId,
    InteractionId <=> InteractionId,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snowflakes_convert_whole_both_ways() {
        for n in [1, 775_799_577_604_522_054, u64::MAX] {
            let theirs = serenity::all::ChannelId::new(n);
            let ours = ids::ChannelId::from(theirs);
            assert_eq!(ours.get(), n);
            assert_eq!(serenity::all::ChannelId::from(ours), theirs);
        }
    }
}
