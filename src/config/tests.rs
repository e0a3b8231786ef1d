//! The settings' tests: precedence, bad files, a blank key, and the values each key defaults to.

use super::*;

fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let pairs: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    move |name| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }
}

#[test]
fn the_default_file_parses_to_nothing_set() {
    assert_eq!(FileConfig::parse(DEFAULT_CONFIG), Ok(FileConfig::default()));
}

#[test]
fn flags_beat_env_beat_file_beat_defaults() {
    let file =
        FileConfig::parse("base_url = \"http://file\"\ntheme = \"high-contrast\"").expect("valid");
    let flag = Overrides {
        base_url: Some("http://flag".into()),
        theme: Some(ThemeChoice::Default),
        allow_insecure_http: false,
    };
    let env = env_of(&[(BASE_URL_VAR, "http://env"), (NO_COLOR_VAR, "1")]);
    let all = Settings::resolve(&flag, &env, None, Some(file.clone()));
    assert_eq!(
        (all.base_url.as_str(), all.base_url_source),
        ("http://flag", Source::Flag)
    );
    assert_eq!(all.theme, ThemeName::Default);
    let no_flag = Settings::resolve(&Overrides::default(), &env, None, Some(file.clone()));
    assert_eq!(
        (no_flag.base_url.as_str(), no_flag.theme),
        ("http://env", ThemeName::NoColor)
    );
    let file_only = Settings::resolve(&Overrides::default(), env_of(&[]), None, Some(file));
    assert_eq!(file_only.base_url_source, Source::File);
    assert_eq!(file_only.theme, ThemeName::HighContrast);
    let none = Settings::resolve(
        &Overrides::default(),
        env_of(&[(NO_COLOR_VAR, "")]),
        None,
        None,
    );
    assert_eq!(
        (none.base_url.as_str(), none.theme),
        (DEFAULT_BASE_URL, ThemeName::Default)
    );
    assert_eq!(none.request_timeout, Duration::from_secs(20));
}

#[test]
fn bad_files_are_refused_with_the_reason() {
    assert!(
        FileConfig::parse("base_ulr = \"x\"")
            .unwrap_err()
            .contains("base_ulr")
    );
    assert!(
        FileConfig::parse("default_country = \"USA\"")
            .unwrap_err()
            .contains("USA")
    );
    assert!(FileConfig::parse("request_timeout_secs = 0").is_err());
    assert!(FileConfig::parse("theme = \"pink\"").is_err());
}

#[test]
fn a_key_set_but_blank_is_an_error_not_the_sandbox() {
    use secrecy::ExposeSecret;
    for blank in ["", "  ", "\t\n"] {
        let error = key_from_value(Some(blank)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "TWOCHAT_API_KEY is set but empty; unset it to use the sandbox"
        );
    }
    assert!(key_from_value(None).unwrap().is_none());
    let key = key_from_value(Some(" sk-1 \n")).unwrap().unwrap();
    assert_eq!(key.expose_secret(), "sk-1");
}

#[test]
fn insecure_http_is_allowed_by_the_flag_or_the_file_only() {
    let resolve = |flag: bool, file: &str| {
        let overrides = Overrides {
            allow_insecure_http: flag,
            ..Overrides::default()
        };
        let file = FileConfig::parse(file).expect("valid");
        Settings::resolve(&overrides, env_of(&[]), None, Some(file)).allow_insecure_http
    };
    assert!(!resolve(false, ""));
    assert!(!resolve(false, "allow_insecure_http = false"));
    assert!(resolve(false, "allow_insecure_http = true"));
    assert!(resolve(true, ""));
}

#[test]
fn the_currency_is_usd_unless_the_file_names_another() {
    let resolve = |file: &str| {
        let file = FileConfig::parse(file).expect("valid");
        Settings::resolve(&Overrides::default(), env_of(&[]), None, Some(file)).currency
    };
    assert_eq!(resolve("").code(), "USD");
    assert_eq!(resolve("currency = \"eur\"").code(), "EUR");
    let error = FileConfig::parse("currency = \"euro\"").unwrap_err();
    assert!(error.contains("euro"), "{error}");
}

#[test]
fn the_settle_window_is_two_minutes_unless_the_file_says_otherwise() {
    let window = |file: &str| {
        let file = FileConfig::parse(file).expect("valid");
        Settings::resolve(&Overrides::default(), env_of(&[]), None, Some(file)).settle_window
    };
    assert_eq!(window(""), Duration::from_secs(120));
    assert_eq!(window("settle_window_secs = 300"), Duration::from_secs(300));
    assert_eq!(window("settle_window_secs = 0"), Duration::ZERO);
}

#[test]
fn the_search_confirmation_threshold_comes_from_the_file() {
    let resolve = |text: &str| {
        let file = FileConfig::parse(text).expect("valid");
        Settings::resolve(&Overrides::default(), env_of(&[]), None, Some(file))
            .search_confirm_above_credits
    };
    assert_eq!(resolve(""), 5);
    assert_eq!(resolve("search_confirm_above_credits = 20"), 20);
}

#[test]
fn alerts_and_the_mouse_are_on_unless_the_file_turns_them_off() {
    let resolve = |text: &str| {
        let file = FileConfig::parse(text).expect("valid");
        Settings::resolve(&Overrides::default(), env_of(&[]), None, Some(file))
    };
    let defaults = resolve("");
    assert_eq!(defaults.expiry_alert, Some(Duration::from_secs(60)));
    assert!(defaults.desktop_notifications && defaults.mouse);
    assert_eq!(
        resolve("expiry_alert_secs = 120").expiry_alert,
        Some(Duration::from_secs(120))
    );
    assert_eq!(resolve("expiry_alert_secs = 0").expiry_alert, None);
    assert!(!resolve("desktop_notifications = false").desktop_notifications);
    assert!(!resolve("mouse = false").mouse);
    assert!(FileConfig::parse("mouse = \"no\"").is_err());
}

#[test]
fn a_home_relative_key_file_is_expanded() {
    let file = FileConfig::parse("key_file = \"~/keys/2chat\"").expect("valid");
    let settings = Settings::resolve(
        &Overrides::default(),
        env_of(&[("HOME", "/home/op")]),
        None,
        Some(file),
    );
    assert_eq!(
        settings.key_file,
        Some(PathBuf::from("/home/op/keys/2chat"))
    );
}
