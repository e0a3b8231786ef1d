//! Which API numpick talks to: the live one, or its embedded sandbox. The client is made for
//! one of them; the wizard and the commands only show which (a badge, a `"backend"` field).

/// Whether numpick talks to the live API or to its embedded sandbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    Sandbox,
    Live,
}
