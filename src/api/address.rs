//! Where the API lives, and whether the key may travel there.
//!
//! The key goes only to the API over TLS, or to this machine (the embedded sandbox, a local
//! test server). These checks read the URL alone: they never resolve a name, so a refused
//! address costs no lookup and nothing is sent.

use std::net::IpAddr;

use reqwest::Url;

use super::error::ApiError;

/// Whether `url` names this machine: `localhost` (and names under it), `127.0.0.0/8` or `::1`.
/// Decided from the text of the URL, without asking any resolver.
pub(crate) fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    // An IPv6 literal is written in brackets in a URL.
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<IpAddr>() {
        Ok(IpAddr::V4(ip)) => ip.is_loopback(),
        Ok(IpAddr::V6(ip)) => {
            ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
        Err(_) => {
            let name = host.trim_end_matches('.').to_ascii_lowercase();
            // RFC 6761: `localhost` and every name under it are this machine.
            name == "localhost" || name.ends_with(".localhost")
        }
    }
}

/// Refuses a plain `http://` address off this machine, where the key (and the account's
/// data) would cross the network in clear, unless the operator allowed it.
pub(crate) fn check_key_stays_private(
    url: &Url,
    allow_insecure_http: bool,
) -> Result<(), ApiError> {
    if url.scheme() == "http" && !is_loopback(url) && !allow_insecure_http {
        return Err(ApiError::Config {
            detail: format!(
                "the API address {} is plain http: the key would travel in clear; use https://, \
                 or pass --allow-insecure-http if this network is trusted",
                display_origin(url)
            ),
        });
    }
    Ok(())
}

/// Whether requests may go through the proxies of `HTTPS_PROXY`/`ALL_PROXY`. Only to a
/// remote https address: there a proxy sees a CONNECT tunnel and never the key. Loopback
/// traffic stays on this machine, and a plain-http request is never handed to a proxy, which
/// would read the key in clear.
pub(crate) fn may_use_proxy(url: &Url) -> bool {
    url.scheme() == "https" && !is_loopback(url)
}

/// `scheme://host[:port]`, without any path, query or credentials.
fn display_origin(url: &Url) -> String {
    url.origin().ascii_serialization()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).expect("a URL")
    }

    #[test]
    fn loopback_is_told_from_the_text_alone() {
        for local in [
            "http://127.0.0.1:8080",
            "http://127.3.4.5",
            "http://[::1]:9000",
            "http://[::ffff:127.0.0.1]",
            "http://localhost:1234",
            "http://LOCALHOST.",
            "http://api.localhost",
        ] {
            assert!(is_loopback(&url(local)), "{local}");
        }
        for remote in [
            "http://numpick.invalid",
            "http://10.0.0.1",
            "http://0.0.0.0",
            "http://[::]",
            "http://localhost.example.com",
            "https://api.p.2chat.io",
        ] {
            assert!(!is_loopback(&url(remote)), "{remote}");
        }
    }

    #[test]
    fn plain_http_off_this_machine_is_refused_unless_allowed() {
        let remote = url("http://user:pw@numpick.invalid:8080/path?q=1");
        let error = check_key_stays_private(&remote, false).unwrap_err();
        let text = error.to_string();
        assert!(text.contains("in clear"), "{text}");
        assert!(text.contains("--allow-insecure-http"), "{text}");
        assert!(text.contains("http://numpick.invalid:8080"), "{text}");
        assert!(!text.contains("pw") && !text.contains("path"), "{text}");
        assert!(check_key_stays_private(&remote, true).is_ok());
        assert!(check_key_stays_private(&url("http://127.0.0.1:1"), false).is_ok());
        assert!(check_key_stays_private(&url("https://numpick.invalid"), false).is_ok());
    }

    #[test]
    fn only_remote_https_may_go_through_a_proxy() {
        assert!(may_use_proxy(&url("https://api.p.2chat.io")));
        assert!(!may_use_proxy(&url("https://127.0.0.1:8443")));
        assert!(!may_use_proxy(&url("http://127.0.0.1:8080")));
        assert!(!may_use_proxy(&url("http://numpick.invalid")));
    }
}
