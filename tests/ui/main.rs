//! What the operator sees: every screen in every state, reached with the scripted wizard of
//! `numpick::testkit`, drawn on a `TestBackend` and kept as insta snapshots (in `snapshots/`,
//! named `ui__MODULE__NAME.snap`).

/// Draws the run at 80×24 (or the size given) and compares it with the snapshot `NAME`.
macro_rules! snap {
    ($name:literal, $run:expr) => {
        snap!($name, $run, 80, 24)
    };
    ($name:literal, $run:expr, $width:expr, $height:expr) => {
        insta::assert_snapshot!($name, $run.draw($width, $height).backend())
    };
}

/// Draws the run at 60×16, 80×24 and 120×40, each compared with `NAME_WIDTHxHEIGHT`.
macro_rules! snap_sizes {
    ($name:literal, $run:expr) => {
        for (width, height) in [(60, 16), (80, 24), (120, 40)] {
            let name = format!("{}_{width}x{height}", $name);
            insta::assert_snapshot!(name, $run.draw(width, height).backend());
        }
    };
}

mod basket;
mod everywhere;
mod history;
mod holdings;
mod list_columns;
mod prefix_jump;
mod reading;
mod refused_countries;
mod screens;
