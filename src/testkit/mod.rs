//! The test kit: the wizard driven by a script, shared by this crate's unit tests, the
//! integration tests and the benchmarks.
//!
//! It is compiled for the unit tests (`cfg(test)`) and, through the `testkit` feature, for
//! the integration tests and benchmarks: the package's dev-dependency on itself turns the
//! feature on, so `cargo test` and `cargo bench` need no flag, and a build of the program
//! leaves the kit out.
//!
//! - [`Run`]: a wizard, the commands it asked for, and clocks that move only when told;
//!   the worker's answers are made up by the test.
//! - [`fixtures`]: the API's models as the tests make them (listings, regions, cities,
//!   groups, numbers, reservations) and the commands read back.
//! - [`los_angeles`]: the catalogue of United States › California › Los Angeles that the
//!   snapshots walk through.
//! - [`walks`]: a run walked to each step: the groups, the numbers, the review, a
//!   reservation.
//! - [`frame`]: one frame of a wizard drawn on a `TestBackend`.
//!
//! The kit sits beside the layers of the crate (see the map in `lib.rs`): it may use every
//! layer, and nothing but tests and benchmarks uses it.

pub mod fixtures;
pub mod frame;
pub mod los_angeles;
pub mod run;
pub mod walks;

pub use fixtures::*;
pub use frame::*;
pub use los_angeles::*;
pub use run::Run;
pub use walks::*;
