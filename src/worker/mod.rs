//! The I/O worker: performs the wizard's commands and answers over a channel.

pub mod protocol;

pub use protocol::{Answer, Call, Command, RequestId, WorkerMsg};
