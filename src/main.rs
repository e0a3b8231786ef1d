//! The `numpick` binary.
fn main() {
    println!("numpick: the wizard is not built yet");
}
