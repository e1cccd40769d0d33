//! App paths under the public URL, and which page a path shows. The app may be
//! served at `/` or under a subpath (`make dist PUBLIC_URL=/news/`); its links
//! must carry that prefix, because the router leaves a link outside its base to
//! the browser (a full load of another page). The router itself is small and in
//! house (`components::router`, `web::history`): leptos_router cost about 50 KB
//! brotli for three routes (`bench/floor.sh`).

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

/// The pages of the app. Unknown paths, and paths outside the router base, are
/// `NotFound`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Home,
    Article(String),
    Category(String),
    /// An author's page, by [`crate::model::Author::route_key`].
    Author(String),
    NotFound,
}

/// A [`Page`] without its slug: the router remounts a page only when this changes,
/// so going from one article to another keeps the article page and refetches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Home,
    Article,
    Category,
    Author,
    NotFound,
}

impl Page {
    pub fn kind(&self) -> PageKind {
        match self {
            Page::Home => PageKind::Home,
            Page::Article(_) => PageKind::Article,
            Page::Category(_) => PageKind::Category,
            Page::Author(_) => PageKind::Author,
            Page::NotFound => PageKind::NotFound,
        }
    }

    /// The page of a term (`kind` `Author`, else a category) named `slug`.
    pub fn term(kind: PageKind, slug: String) -> Page {
        match kind {
            PageKind::Author => Page::Author(slug),
            _ => Page::Category(slug),
        }
    }

    /// The slug when this page is of `kind`.
    pub fn slug_of(&self, kind: PageKind) -> Option<&str> {
        match self {
            Page::Article(s) if kind == PageKind::Article => Some(s),
            Page::Category(s) if kind == PageKind::Category => Some(s),
            Page::Author(s) if kind == PageKind::Author => Some(s),
            _ => None,
        }
    }
}

/// Which page `path` (the URL's path, already `decodeURI`d) shows under
/// `router_base`. A trailing slash is ignored; `decode` turns a slug segment
/// into text (the browser's `decodeURIComponent`, so `%2F` in a slug stays in
/// the slug instead of splitting it).
pub fn page_for(router_base: &str, path: &str, decode: impl Fn(&str) -> String) -> Page {
    let base = router_base.trim_end_matches('/');
    let Some(rest) = path.strip_prefix(base) else {
        return Page::NotFound;
    };
    if !(rest.is_empty() || rest.starts_with('/')) {
        return Page::NotFound;
    }
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    if rest.is_empty() {
        return Page::Home;
    }
    let mut parts = rest.split('/');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("articol"), Some(slug), None) if !slug.is_empty() => Page::Article(decode(slug)),
        (Some("categorie"), Some(slug), None) if !slug.is_empty() => Page::Category(decode(slug)),
        (Some("autor"), Some(slug), None) if !slug.is_empty() => Page::Author(decode(slug)),
        _ => Page::NotFound,
    }
}

/// The route of a page, the inverse of [`page_for`] (slugs percent-encoded).
pub fn route_of(page: &Page) -> String {
    let enc = crate::endpoints::encode_query_value;
    match page {
        Page::Home | Page::NotFound => "/".into(),
        Page::Article(s) => format!("/articol/{}", enc(s)),
        Page::Category(s) => format!("/categorie/{}", enc(s)),
        Page::Author(s) => format!("/autor/{}", enc(s)),
    }
}

/// Whether a link to `href` points at the page at `path` (both absolute paths),
/// for `aria-current="page"`. `exact`: only the same path; otherwise also any
/// path below it (`/categorie/x` is current on `/categorie/x/…`). The root is
/// only ever current on itself, or every page would mark "Home".
pub fn is_current(href: &str, path: &str, exact: bool) -> bool {
    let href = href.split(['?', '#']).next().unwrap_or_default();
    let (h, p) = (href.trim_end_matches('/'), path.trim_end_matches('/'));
    h == p || (!exact && !h.is_empty() && p.strip_prefix(h).is_some_and(|r| r.starts_with('/')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_page_by_kind() {
        assert_eq!(Page::term(PageKind::Author, "ana".into()), Page::Author("ana".into()));
        assert_eq!(
            Page::term(PageKind::Category, "știri".into()),
            Page::Category("știri".into())
        );
        assert_eq!(route_of(&Page::term(PageKind::Author, "a b".into())), "/autor/a%20b");
    }

    fn page(base: &str, path: &str) -> Page {
        page_for(base, path, |s| s.replace("%2F", "/"))
    }

    #[test]
    fn pages_at_the_root() {
        assert_eq!(page("", "/"), Page::Home);
        assert_eq!(page("", ""), Page::Home);
        assert_eq!(page("", "/articol/un-titlu"), Page::Article("un-titlu".into()));
        assert_eq!(page("", "/articol/un-titlu/"), Page::Article("un-titlu".into()));
        assert_eq!(page("", "/articol/știri"), Page::Article("știri".into()));
        assert_eq!(page("", "/categorie/sport"), Page::Category("sport".into()));
        assert_eq!(page("", "/articol/a%2Fb"), Page::Article("a/b".into()));
        assert_eq!(page("", "/autor/ana-popescu"), Page::Author("ana-popescu".into()));
    }

    #[test]
    fn unknown_paths_are_not_found() {
        for path in [
            "/articol",
            "/articol/",
            "/articol/a/b",
            "/autor/",
            "/autor/x/y",
            "/categorie//",
            "/x",
            "//articol/a",
        ] {
            assert_eq!(page("", path), Page::NotFound, "{path}");
        }
    }

    #[test]
    fn pages_under_a_subpath() {
        assert_eq!(page("/news", "/news/"), Page::Home);
        assert_eq!(page("/news", "/news"), Page::Home);
        assert_eq!(page("/news/", "/news/articol/x"), Page::Article("x".into()));
        assert_eq!(page("/news", "/newsroom/articol/x"), Page::NotFound);
        assert_eq!(page("/news", "/articol/x"), Page::NotFound);
        assert_eq!(page("/news", "/"), Page::NotFound);
    }

    #[test]
    fn slugs_belong_to_their_kind() {
        let p = Page::Article("x".into());
        assert_eq!(p.kind(), PageKind::Article);
        assert_eq!(p.slug_of(PageKind::Article), Some("x"));
        assert_eq!(p.slug_of(PageKind::Category), None);
        assert_eq!(Page::Home.slug_of(PageKind::Article), None);
    }

    #[test]
    fn current_links() {
        assert!(is_current("/", "/", true));
        assert!(is_current("/", "/", false));
        assert!(!is_current("/", "/articol/x", false));
        assert!(is_current("/news/", "/news", true));
        assert!(is_current("/articol/x", "/articol/x", false));
        assert!(is_current("/articol/x", "/articol/x/", true));
        assert!(is_current("/categorie/x", "/categorie/x/y", false));
        assert!(!is_current("/categorie/x", "/categorie/x/y", true));
        assert!(!is_current("/categorie/x", "/categorie/xy", false));
        assert!(is_current("/articol/x?utm=1#top", "/articol/x", true));
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
