//! Pieces shared by the screens: header, key hints, search box, lists, spinner, countdown,
//! dialogs, the notice line and the "too small" message.

pub mod command_line;
pub mod countdown;
pub mod dialog;
pub mod header;
pub mod hints;
pub mod list;
pub mod notice;
pub mod search;
pub mod spinner;
pub mod status;
pub mod too_small;
