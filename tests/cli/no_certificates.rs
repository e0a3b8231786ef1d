//! The sandbox needs no certificate store: a machine without one (a minimal image without
//! `ca-certificates`) still runs numpick on its embedded sandbox, which speaks plain HTTP on
//! loopback. Only an https address needs the platform's certificates.

use crate::support::home::Home;

#[test]
fn the_sandbox_works_without_a_certificate_store() {
    let home = Home::new();
    let no_store = [
        ("SSL_CERT_FILE", "/nonexistent/certificates.pem"),
        ("SSL_CERT_DIR", "/nonexistent/certificates"),
    ];
    let run = home.run(&["regions", "US", "--sandbox", "--json"], &no_store);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("California"), "{run:?}");
    assert!(!run.stderr.contains("could not be built"), "{run:?}");
}
