//! App paths under the public URL. The app may be served at `/` or under a
//! subpath (`make dist PUBLIC_URL=/news/`); the router's links must carry that
//! prefix, because leptos_router keeps an absolute `href` as written and leaves
//! a link outside its base to the browser (a full load of another page).

/// The router base for a document base path: the path without its trailing
/// slash, `""` at the root (`"/news/"` → `"/news"`).
pub fn router_base(base_path: &str) -> String {
    base_path.trim_end_matches('/').to_owned()
}

/// An app route (`"/articol/x"`, `"/"`) as a link under `router_base`.
pub fn app_href(router_base: &str, route: &str) -> String {
    let route = if route.starts_with('/') {
        route.to_owned()
    } else {
        format!("/{route}")
    };
    format!("{}{route}", router_base.trim_end_matches('/'))
}

/// The route prefix of an article page (`/articol/:slug` in the app's router).
pub const ARTICLE_PREFIX: &str = "/articol/";

/// The still-encoded slug when `pathname` (the page's `location.pathname`) is an
/// article page under `router_base`; `None` for any other page. The app uses it
/// to start the article's request before the router is built; the router's own
/// match stays the authority (a slug it decodes differently is simply refetched).
pub fn article_slug<'a>(router_base: &str, pathname: &'a str) -> Option<&'a str> {
    let route = pathname.strip_prefix(router_base.trim_end_matches('/'))?;
    let slug = route.strip_prefix(ARTICLE_PREFIX)?;
    let slug = slug.strip_suffix('/').unwrap_or(slug);
    (!slug.is_empty() && !slug.contains('/')).then_some(slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_slugs() {
        assert_eq!(article_slug("", "/articol/un-titlu"), Some("un-titlu"));
        assert_eq!(article_slug("", "/articol/un-titlu/"), Some("un-titlu"));
        assert_eq!(article_slug("/news", "/news/articol/x"), Some("x"));
        assert_eq!(article_slug("/news", "/articol/x"), None);
        assert_eq!(article_slug("", "/articol/"), None);
        assert_eq!(article_slug("", "/articol/a/b"), None);
        assert_eq!(article_slug("", "/"), None);
        assert_eq!(article_slug("", "/categorie/sport"), None);
    }

    #[test]
    fn at_the_root() {
        assert_eq!(router_base("/"), "");
        assert_eq!(app_href("", "/"), "/");
        assert_eq!(app_href("", "/articol/12"), "/articol/12");
    }

    #[test]
    fn under_a_subpath() {
        assert_eq!(router_base("/news/"), "/news");
        assert_eq!(router_base("/a/b/"), "/a/b");
        assert_eq!(app_href("/news", "/"), "/news/");
        assert_eq!(app_href("/news/", "articol/x"), "/news/articol/x");
        assert_eq!(app_href("/news", "/articol/un-titlu"), "/news/articol/un-titlu");
        assert_eq!(app_href("/a/b", "/categorie/sport"), "/a/b/categorie/sport");
    }
}
