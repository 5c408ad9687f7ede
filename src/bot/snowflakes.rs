//! serenity's ids and ours hold the same non-zero snowflake, so they convert
//! both ways without a check. The core never sees serenity's; these traits
//! are the one crossing. (Traits of this crate, not `From` impls: both id
//! types are foreign here, ours being `ostbot-core`'s.)

use crate::ids;

/// serenity's id for one of ours: `ours.to_serenity()`.
pub trait ToSerenity {
    type Id;
    fn to_serenity(self) -> Self::Id;
}

/// Our id for one of serenity's: `theirs.to_core()`.
pub trait ToCore {
    type Id;
    fn to_core(self) -> Self::Id;
}

macro_rules! same_snowflake {
    ($($ours:ident <=> $theirs:ident),* $(,)?) => {$(
        impl ToCore for serenity::all::$theirs {
            type Id = ids::$ours;
            fn to_core(self) -> ids::$ours {
                ids::$ours::from_nonzero(self.into())
            }
        }

        impl ToSerenity for ids::$ours {
            type Id = serenity::all::$theirs;
            fn to_serenity(self) -> serenity::all::$theirs {
                self.into_nonzero().into()
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
            let ours = theirs.to_core();
            assert_eq!(ours.get(), n);
            assert_eq!(ours.to_serenity(), theirs);
        }
    }
}
