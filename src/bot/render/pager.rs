//! The "Previous" and "Next" buttons under every paged list.

use crate::locale::Locale;
use crate::t;
use serenity::all::ButtonStyle;
use serenity::builder::{CreateActionRow, CreateButton};

/// Previous and Next for `page` of `pages` (0-based), each disabled at its end; `id_of` gives
/// the custom id of another page.
pub fn buttons(page: u64, pages: u64, l: Locale, id_of: impl Fn(u64) -> String) -> CreateActionRow {
    CreateActionRow::Buttons(vec![
        CreateButton::new(id_of(page.saturating_sub(1)))
            .label(t!(l, "page-previous"))
            .style(ButtonStyle::Secondary)
            .disabled(page == 0),
        CreateButton::new(id_of(page + 1))
            .label(t!(l, "page-next"))
            .style(ButtonStyle::Secondary)
            .disabled(page + 1 >= pages),
    ])
}
