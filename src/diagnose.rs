//! Why a request got no response, from what a page is allowed to observe.
//!
//! A browser reports every failed `fetch` as the same `TypeError`, whatever
//! happened: the server is down, it sent no CORS headers, or it redirected.
//! A cross-origin redirect without CORS headers fails the CORS check on the
//! redirect itself, so even a `redirect: "manual"` re-ask cannot see it
//! (`opaqueredirect` only comes back when the redirect carries CORS headers or
//! the API is on the page's own origin). What a page *can* do: re-ask with
//! `redirect: "manual"`, ask opaquely (`no-cors`: did anything answer?), and try
//! the addresses a site most often redirects to (https, with or without `www.`)
//! with an ordinary CORS request. The web layer (`web::fetch`) makes those
//! requests; this module decides what to make of them.

/// What the probes found out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Seen {
    /// The API is on another origin than the page.
    pub cross_origin: bool,
    /// A `redirect: "manual"` re-ask came back as an `opaqueredirect`.
    pub redirected: bool,
    /// An opaque `no-cors` request got an answer (the server is there).
    pub reachable: bool,
}

/// The diagnosis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing answered: offline, DNS, refused connection.
    Unreachable,
    /// The server answers but does not let this site read it (CORS), and no
    /// usual other address of it does either.
    Cors,
    /// The API redirects somewhere this site cannot follow; `to` is an origin
    /// where it does answer, when one was found.
    Redirect { to: Option<String> },
}

/// Whether the other usual addresses of the API are worth trying: only for a
/// cross-origin API that answers (or redirects) but could not be read.
pub fn try_other_addresses(seen: Seen) -> bool {
    seen.cross_origin && (seen.redirected || seen.reachable)
}

/// The verdict, given what was seen and the first other address (an origin)
/// that answered a CORS request, if any.
pub fn verdict(seen: Seen, answers_at: Option<String>) -> Verdict {
    match answers_at {
        Some(origin) => Verdict::Redirect { to: Some(origin) },
        None if seen.redirected => Verdict::Redirect { to: None },
        None if seen.cross_origin && seen.reachable => Verdict::Cors,
        None => Verdict::Unreachable,
    }
}

/// The addresses a site most often redirects its API to, most likely first:
/// `https://` for an `http://` URL, then the host with `www.` added or taken
/// away (not for an IP address), then both. Same path and query.
pub fn other_addresses(url: &str) -> Vec<String> {
    let Some((scheme, rest)) = url.split_once("://") else {
        return Vec::new();
    };
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Vec::new();
    }
    let split = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(split);
    if authority.is_empty() || authority.contains('@') {
        return Vec::new();
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') && p.bytes().all(|b| b.is_ascii_digit()) => (h, Some(p)),
        _ => (authority, None),
    };
    let is_ip = host.starts_with('[') || host.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let with_port = |h: &str| match port {
        Some(p) => format!("{h}:{p}"),
        None => h.to_owned(),
    };
    let toggled = (!is_ip).then(|| match host.strip_prefix("www.") {
        Some(bare) => bare.to_owned(),
        None => format!("www.{host}"),
    });
    let mut out = Vec::new();
    if scheme == "http" {
        out.push(format!("https://{}{tail}", with_port(host)));
    }
    if let Some(t) = &toggled {
        out.push(format!("{scheme}://{}{tail}", with_port(t)));
        if scheme == "http" {
            out.push(format!("https://{}{tail}", with_port(t)));
        }
    }
    out
}

/// The origin (`scheme://host[:port]`) of a URL, for naming where an API answers.
pub fn origin_of(url: &str) -> String {
    crate::sanitize::origin_of(url).unwrap_or(url).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_was_seen_decides() {
        let seen = |cross_origin, redirected, reachable| Seen {
            cross_origin,
            redirected,
            reachable,
        };
        // Same origin: a redirect (loop) is visible; anything else is unreachable.
        assert_eq!(verdict(seen(false, true, true), None), Verdict::Redirect { to: None });
        assert_eq!(verdict(seen(false, false, false), None), Verdict::Unreachable);
        assert!(!try_other_addresses(seen(false, true, true)));
        // Cross origin, answering but unreadable: CORS, unless another address answers.
        let s = seen(true, false, true);
        assert!(try_other_addresses(s));
        assert_eq!(verdict(s, None), Verdict::Cors);
        assert_eq!(
            verdict(s, Some("https://www.example.com".into())),
            Verdict::Redirect {
                to: Some("https://www.example.com".into())
            }
        );
        // Cross origin, nothing answers: unreachable, no other address tried.
        assert!(!try_other_addresses(seen(true, false, false)));
        assert_eq!(verdict(seen(true, false, false), None), Verdict::Unreachable);
        // A redirect with CORS headers on it shows through a manual re-ask.
        assert_eq!(verdict(seen(true, true, true), None), Verdict::Redirect { to: None });
    }

    #[test]
    fn the_usual_other_addresses() {
        assert_eq!(
            other_addresses("http://example.com/wp-json/wp/v2/posts?per_page=6"),
            [
                "https://example.com/wp-json/wp/v2/posts?per_page=6",
                "http://www.example.com/wp-json/wp/v2/posts?per_page=6",
                "https://www.example.com/wp-json/wp/v2/posts?per_page=6",
            ]
        );
        assert_eq!(
            other_addresses("https://www.example.com/feed.json"),
            ["https://example.com/feed.json"]
        );
        assert_eq!(
            other_addresses("http://www.localhost:8080/wp-json/"),
            [
                "https://www.localhost:8080/wp-json/",
                "http://localhost:8080/wp-json/",
                "https://localhost:8080/wp-json/",
            ]
        );
        assert_eq!(
            other_addresses("http://127.0.0.1:9/x"),
            ["https://127.0.0.1:9/x"],
            "no www. on an IP"
        );
        assert_eq!(other_addresses("https://[::1]:9/x"), Vec::<String>::new());
        assert_eq!(other_addresses("ftp://x.ro/"), Vec::<String>::new());
        assert_eq!(other_addresses("https://user@x.ro/"), Vec::<String>::new());
        assert_eq!(origin_of("http://localhost:8080/wp-json/?a=1"), "http://localhost:8080");
    }
}
