//! `?api=` on the page's URL: a way to point one page load at another API
//! (previews, staging). It is **off unless `config.json` enables it**
//! (`allow_api_override`), because otherwise anyone could send a link that makes
//! the publisher's domain display their content. When enabled, only the page's
//! own origin and the origins listed in `api_override_origins` are accepted.
//!
//! Pure: the browser glue passes in `location.search` and `location.origin`.

/// What to do with the page's query string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// No `api` parameter: use `config.json`'s `api`.
    Absent,
    /// Use this URL instead of `config.json`'s `api`.
    Use(String),
    /// An `api` parameter was given and ignored; the text says why (for the console).
    Ignored(String),
}

/// Decides whether the `api` parameter of `query` (with or without its `?`)
/// replaces the configured API, for a page served from `page_origin`.
pub fn decide(query: &str, page_origin: &str, allow: bool, origins: &[String]) -> Decision {
    let Some(raw) = query_param(query, "api") else {
        return Decision::Absent;
    };
    if !allow {
        return Decision::Ignored(
            "the ?api= parameter is ignored: config.json does not set \"allow_api_override\": true".into(),
        );
    }
    let url = raw.trim();
    if url.is_empty() {
        return Decision::Ignored("the ?api= parameter is empty".into());
    }
    let Some(origin) = origin_of(url, page_origin) else {
        return Decision::Ignored(format!(
            "the ?api= parameter {url:?} is not an http(s) URL or a path on this site"
        ));
    };
    let page = normalize_origin(page_origin);
    if Some(&origin) == page.as_ref() || origins.iter().any(|o| normalize_origin(o).as_ref() == Some(&origin)) {
        Decision::Use(url.to_owned())
    } else {
        Decision::Ignored(format!(
            "the ?api= parameter points at {origin}, which is not listed in \"api_override_origins\""
        ))
    }
}

/// The first value of `name` in a query string, percent-decoded (`+` is a space).
pub fn query_param(query: &str, name: &str) -> Option<String> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k) == name).then(|| percent_decode(v))
        })
        .next()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// `scheme://host[:port]`, lower-cased and without a default port, for an
/// `http`/`https` origin; `None` for anything else (paths included).
pub fn normalize_origin(s: &str) -> Option<String> {
    let (scheme, rest) = s.trim().split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.is_empty() || authority.contains('@') || authority.contains(char::is_whitespace) {
        return None;
    }
    let authority = authority.to_ascii_lowercase();
    let default_port = if scheme == "https" { ":443" } else { ":80" };
    let authority = authority.strip_suffix(default_port).unwrap_or(&authority);
    Some(format!("{scheme}://{authority}"))
}

/// Whether `s` is exactly an origin (`https://host[:port]`, at most a trailing `/`),
/// as `api_override_origins` entries must be.
pub fn is_bare_origin(s: &str) -> bool {
    let t = s.trim().trim_end_matches('/');
    normalize_origin(t).is_some() && t.split_once("://").is_some_and(|(_, r)| !r.contains(['/', '?', '#']))
}

/// The origin a URL given in `?api=` would be fetched from: its own for an
/// absolute `http(s)` URL, the page's for a path, `None` for other schemes.
fn origin_of(url: &str, page_origin: &str) -> Option<String> {
    if let Some(rest) = url.strip_prefix("//") {
        let scheme = page_origin.split_once("://")?.0;
        return normalize_origin(&format!("{scheme}://{rest}"));
    }
    // A scheme is letters, digits, `+`, `-`, `.` before the first `:`; a path has
    // its first `:` (if any) after a `/`, `?` or `#`.
    let scheme_end = url.find(':');
    let path_end = url.find(['/', '?', '#']);
    match (scheme_end, path_end) {
        (Some(c), p) if p.is_none_or(|p| c < p) => normalize_origin(url),
        _ => normalize_origin(page_origin),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://stiri.example";

    #[test]
    fn no_parameter_means_config() {
        assert_eq!(decide("", PAGE, true, &[]), Decision::Absent);
        assert_eq!(decide("?page=2&apis=x", PAGE, true, &[]), Decision::Absent);
    }

    #[test]
    fn off_by_default_ignores_even_same_origin() {
        let d = decide("?api=%2Fwp-json%2Fwp%2Fv2%2F", PAGE, false, &[]);
        assert!(
            matches!(&d, Decision::Ignored(m) if m.contains("allow_api_override")),
            "{d:?}"
        );
        let d = decide(
            "?api=https://rau.example/wp-json/",
            PAGE,
            false,
            &["https://rau.example".into()],
        );
        assert!(matches!(d, Decision::Ignored(_)));
    }

    #[test]
    fn enabled_accepts_own_origin_and_listed_ones() {
        assert_eq!(
            decide("api=%2Fstaging%2Fwp-json%2Fwp%2Fv2%2F", PAGE, true, &[]),
            Decision::Use("/staging/wp-json/wp/v2/".into())
        );
        assert_eq!(
            decide("?x=1&api=https%3A%2F%2FSTIRI.example%3A443%2Fapi", PAGE, true, &[]),
            Decision::Use("https://STIRI.example:443/api".into())
        );
        let listed = vec!["https://staging.stiri.example/".to_string()];
        assert_eq!(
            decide("?api=https://staging.stiri.example/wp-json/wp/v2/", PAGE, true, &listed),
            Decision::Use("https://staging.stiri.example/wp-json/wp/v2/".into())
        );
        assert_eq!(
            decide("?api=feed.json", PAGE, true, &[]),
            Decision::Use("feed.json".into()),
            "a relative path stays on the page's origin"
        );
    }

    #[test]
    fn enabled_refuses_other_origins_and_schemes() {
        let listed = vec!["https://staging.stiri.example".to_string()];
        for q in [
            "?api=https://rau.example/wp-json/",
            "?api=http://staging.stiri.example/wp-json/",
            "?api=https://staging.stiri.example.rau.example/",
            "?api=https://staging.stiri.example@rau.example/",
            "?api=//rau.example/api",
            "?api=javascript:alert(1)",
            "?api=data:application/json,%7B%7D",
            "?api=",
        ] {
            let d = decide(q, PAGE, true, &listed);
            assert!(matches!(d, Decision::Ignored(_)), "{q}: {d:?}");
        }
        assert_eq!(
            decide("?api=//staging.stiri.example/api", PAGE, true, &listed),
            Decision::Use("//staging.stiri.example/api".into())
        );
    }

    #[test]
    fn query_decoding() {
        assert_eq!(query_param("?a=1&api=x%20y+z", "api").as_deref(), Some("x y z"));
        assert_eq!(query_param("api", "api").as_deref(), Some(""));
        assert_eq!(
            query_param("api=%zz%4", "api").as_deref(),
            Some("%zz%4"),
            "bad escapes stay literal"
        );
        assert_eq!(query_param("api=1&api=2", "api").as_deref(), Some("1"));
    }

    #[test]
    fn origins() {
        assert_eq!(
            normalize_origin("HTTP://A.example:80/x").as_deref(),
            Some("http://a.example")
        );
        assert_eq!(
            normalize_origin("https://a.example:8443").as_deref(),
            Some("https://a.example:8443")
        );
        assert_eq!(normalize_origin("ftp://a.example"), None);
        assert_eq!(normalize_origin("/path"), None);
        assert!(is_bare_origin("https://a.example") && is_bare_origin("http://127.0.0.1:8080/"));
        assert!(!is_bare_origin("https://a.example/api") && !is_bare_origin("a.example"));
    }
}
