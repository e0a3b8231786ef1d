//! Pieces shared by the screens: header, key hints, search box, lists, spinner, countdown,
//! dialogs, the notice line and the "too small" message.

pub(super) mod basket_marks;
pub(super) mod checklist;
pub(super) mod command_line;
pub(super) mod countdown;
pub(super) mod dialog;
pub(super) mod fields;
pub(super) mod header;
pub(super) mod hints;
pub(super) mod list;
pub(super) mod notice;
pub(super) mod search;
pub(super) mod spinner;
pub(super) mod status;
pub(super) mod too_small;
