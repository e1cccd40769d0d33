//! Request URLs for each source kind, built from the config. Pure and tested.

use crate::sources::Kind;

/// Percent-encodes a query value (RFC 3986 unreserved characters pass through).
pub fn encode_query_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-encodes a decoded path for a URL, keeping its `/` separators.
pub fn encode_path(path: &str) -> String {
    path.split('/').map(encode_query_value).collect::<Vec<_>>().join("/")
}

/// Decodes `%XX` escapes as UTF-8 (the browser's `decodeURIComponent`);
/// `None` when an escape is malformed or the bytes are not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Recognizes well-known APIs from their URL, before any response is seen.
///
/// Only a guess for building the request: the response is still detected.
pub fn guess_kind(api: &str) -> Option<Kind> {
    let lower = api.trim().to_ascii_lowercase();
    let (before_query, _) = lower.split_once(['?', '#']).unwrap_or((&lower, ""));
    let path = before_query.trim_end_matches('/');
    let host = before_query
        .split_once("://")
        .map(|(_, rest)| rest.split('/').next().unwrap_or(""))
        .unwrap_or("");
    if path.contains("/wp-json") || path.ends_with("/wp/v2") || lower.contains("rest_route=") {
        Some(Kind::WordPress)
    } else if path.contains("/ghost/api/") {
        Some(Kind::Ghost)
    } else if host.ends_with("newsapi.org") || path.ends_with("/v2/top-headlines") || path.ends_with("/v2/everything") {
        Some(Kind::NewsApi)
    } else if host.ends_with("guardianapis.com") {
        Some(Kind::Guardian)
    } else if path.ends_with("/api/articles") || path.contains("/api/articles/latest") {
        Some(Kind::DevTo)
    } else if host.starts_with("hacker-news.firebaseio.com") || path.ends_with("stories.json") {
        Some(Kind::HackerNews)
    } else if path.ends_with(".json") || path.ends_with("/feed") {
        Some(Kind::JsonFeed)
    } else {
        None
    }
}

/// Which kind to request as, before any response is seen.
///
/// A forced kind wins; then a URL that names a known API; anything else is
/// taken as a WordPress REST base. Detection on the response then confirms it
/// and names what it found.
pub fn request_kind(api: &str, forced: Option<Kind>) -> Kind {
    forced.or_else(|| guess_kind(api)).unwrap_or(Kind::WordPress)
}

/// Like [`request_kind`], but an unrecognized URL with a custom mapping in the
/// config is requested verbatim as a custom API rather than as WordPress.
pub fn request_kind_with_mapping(api: &str, forced: Option<Kind>, has_mapping: bool) -> Kind {
    match (forced, guess_kind(api)) {
        (Some(k), _) => k,
        (None, Some(k)) => k,
        (None, None) if has_mapping => Kind::Custom,
        (None, None) => Kind::WordPress,
    }
}

/// Sets query parameters on a URL, replacing any with the same name and
/// keeping the others (an API key, `country=ro`) as the publisher wrote them.
pub fn with_params(url: &str, params: &[(&str, String)]) -> String {
    let url = url.trim();
    let (no_frag, frag) = match url.split_once('#') {
        Some((u, f)) => (u, Some(f)),
        None => (url, None),
    };
    let (path, query) = no_frag.split_once('?').unwrap_or((no_frag, ""));
    let mut parts: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let name = p.split('=').next().unwrap_or("");
            !params.iter().any(|(k, _)| *k == name)
        })
        .map(str::to_owned)
        .collect();
    parts.extend(params.iter().map(|(k, v)| format!("{k}={}", encode_query_value(v))));
    let mut out = path.to_owned();
    if !parts.is_empty() {
        out.push('?');
        out.push_str(&parts.join("&"));
    }
    if let Some(f) = frag {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// Whether the URL's query already names `param` (so a default doesn't override it).
pub fn has_param(url: &str, param: &str) -> bool {
    url.split_once('?')
        .map(|(_, q)| q.split(['&', '#']).any(|p| p.split('=').next() == Some(param)))
        .unwrap_or(false)
}

/// Appends path segments to a URL's path, before its query (Ghost's
/// `posts/slug/{slug}/` after `posts/?key=…`, dev.to's `articles/{id}`).
pub fn join_path(url: &str, segments: &str) -> String {
    let url = url.trim();
    let (path, query) = match url.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (url, None),
    };
    let mut out = format!("{}/{}", path.trim_end_matches('/'), segments.trim_start_matches('/'));
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

/// A WordPress REST route under the API base, with a query: `{base}posts?…`
/// for the usual `…/wp-json/wp/v2/`, or `…/?rest_route=/wp/v2/posts&…` for a
/// site without pretty permalinks, whose base is `…/?rest_route=/wp/v2/`.
pub fn wp_url(api_dir: &str, route: &str, query: &str) -> String {
    let Some(at) = api_dir.find("rest_route=") else {
        return format!("{api_dir}{route}?{query}");
    };
    let value_start = at + "rest_route=".len();
    let value_end = api_dir[value_start..]
        .find(['&', '#'])
        .map_or(api_dir.len(), |i| value_start + i);
    let prefix = api_dir[value_start..value_end].trim_end_matches('/');
    let rest = api_dir[value_end..].trim_end_matches('/');
    format!("{}rest_route={prefix}/{route}{rest}&{query}", &api_dir[..at])
}

/// The live list's URL: the newest `per_page` posts, with only the fields the
/// list shows where the API can select fields (WordPress `_fields`, Ghost
/// `fields`, Guardian `show-fields`), so an idle poll against an API without
/// validators downloads a few KB instead of whole posts. Other APIs get
/// their page-1 list URL.
pub fn live_list_url(api_dir: &str, api: &str, kind: Kind, per_page: usize) -> String {
    match kind {
        Kind::WordPress => wp_url(
            api_dir,
            "posts",
            &format!("_fields={}&per_page={per_page}", crate::sources::wordpress::LIST_FIELDS),
        ),
        Kind::Ghost => {
            let mut params = vec![("limit", per_page.to_string())];
            if !has_param(api, "fields") {
                params.push(("fields", GHOST_LIST_FIELDS.into()));
            }
            with_params(api, &params)
        }
        Kind::Guardian => {
            let mut params = vec![("page-size", per_page.to_string())];
            if !has_param(api, "show-fields") {
                params.push(("show-fields", "headline,trailText,lastModified,lang".into()));
            }
            with_params(api, &params)
        }
        _ => list_url(api_dir, api, kind, 1, per_page),
    }
}

/// What the live list reads of a Ghost post (`fields` does not mix with `include`).
const GHOST_LIST_FIELDS: &str = "id,slug,url,title,custom_excerpt,excerpt,published_at,updated_at";

/// The list endpoint: newest first, one page.
pub fn list_url(api_dir: &str, api: &str, kind: Kind, page: u32, per_page: usize) -> String {
    let paging = |p: &'static str, pp: &'static str| vec![(p, page.to_string()), (pp, per_page.to_string())];
    match kind {
        Kind::WordPress => wp_url(api_dir, "posts", &format!("_embed=1&per_page={per_page}&page={page}")),
        Kind::JsonFeed if page <= 1 => api.trim().to_owned(),
        Kind::JsonFeed => {
            let sep = if api.contains('?') { '&' } else { '?' };
            format!("{}{sep}page={page}", api.trim())
        }
        Kind::NewsApi => with_params(api, &paging("page", "pageSize")),
        Kind::Guardian => {
            let mut params = paging("page", "page-size");
            if !has_param(api, "show-fields") {
                params.push((
                    "show-fields",
                    "headline,trailText,body,thumbnail,byline,lastModified,lang".into(),
                ));
            }
            if !has_param(api, "show-tags") {
                params.push(("show-tags", "contributor,keyword".into()));
            }
            with_params(api, &params)
        }
        Kind::Ghost => {
            let mut params = paging("page", "limit");
            if !has_param(api, "include") {
                params.push(("include", "authors,tags".into()));
            }
            with_params(api, &params)
        }
        Kind::DevTo => with_params(api, &paging("page", "per_page")),
        // The id list is one document; the client slices it.
        Kind::HackerNews | Kind::Custom => api.trim().to_owned(),
        Kind::Ziar => format!("{api_dir}posts?page={page}&per_page={per_page}"),
    }
}

/// A custom API's list URL: verbatim, plus the mapping's page parameters when
/// it names them (page 1 is asked for as written, unless a page size is set).
pub fn custom_list_url(
    api: &str,
    page: u32,
    per_page: usize,
    page_param: Option<&str>,
    per_page_param: Option<&str>,
) -> String {
    let mut params = Vec::new();
    if let Some(p) = page_param.filter(|p| !p.is_empty() && page > 1) {
        params.push((p, page.to_string()));
    }
    if let Some(pp) = per_page_param.filter(|p| !p.is_empty()) {
        params.push((pp, per_page.to_string()));
    }
    with_params(api, &params)
}

/// A Hacker News item URL, beside the story list (`…/v0/topstories.json` → `…/v0/item/{id}.json`).
pub fn hn_item_url(api: &str, id: u64) -> String {
    crate::model::resolve_url(api.trim(), &format!("item/{id}.json"))
}

/// A single post by slug, where the API can look one up; `None` means search the list.
pub fn by_slug_url(api_dir: &str, kind: Kind, slug: &str) -> Option<String> {
    match kind {
        Kind::WordPress => Some(wp_url(
            api_dir,
            "posts",
            &format!("_embed=1&slug={}", encode_query_value(slug)),
        )),
        Kind::Ziar => Some(format!("{api_dir}posts/{}", encode_query_value(slug))),
        _ => None,
    }
}

/// A WordPress post by its numeric id, for a route key no slug matched: links
/// of the `?p=123` and `/archives/123` kinds open at `/articol/123`
/// (`sanitize::PostLinks`). `None` for other kinds and non-numeric keys.
pub fn by_id_url(api_dir: &str, kind: Kind, key: &str) -> Option<String> {
    let numeric = !key.is_empty() && key.len() <= 20 && key.bytes().all(|b| b.is_ascii_digit());
    (kind == Kind::WordPress && numeric).then(|| format!("{api_dir}posts?_embed=1&include={key}"))
}

/// Like [`by_slug_url`], also for APIs whose single-item URL hangs off the
/// configured URL (Ghost's `posts/slug/{slug}/`, keeping `?key=`).
pub fn single_url(api_dir: &str, api: &str, kind: Kind, slug: &str) -> Option<String> {
    match kind {
        Kind::Ghost => {
            let url = join_path(api, &format!("slug/{}/", encode_query_value(slug)));
            Some(if has_param(api, "include") {
                url
            } else {
                with_params(&url, &[("include", "authors,tags".into())])
            })
        }
        _ => by_slug_url(api_dir, kind, slug),
    }
}

/// Posts of one category, one page (WordPress: the category's numeric id).
pub fn category_url(api_dir: &str, kind: Kind, category_id: &str, page: u32, per_page: usize) -> Option<String> {
    match kind {
        Kind::WordPress => Some(wp_url(
            api_dir,
            "posts",
            &format!(
                "_embed=1&per_page={per_page}&page={page}&categories={}",
                encode_query_value(category_id)
            ),
        )),
        _ => None,
    }
}

/// The category lookup by slug (WordPress).
pub fn category_by_slug_url(api_dir: &str, slug: &str) -> String {
    wp_url(api_dir, "categories", &format!("slug={}", encode_query_value(slug)))
}

/// The author lookup by slug (WordPress lists only users who have published posts).
pub fn author_by_slug_url(api_dir: &str, slug: &str) -> String {
    wp_url(api_dir, "users", &format!("slug={}", encode_query_value(slug)))
}

/// One author's newest posts, one page (WordPress: the user's numeric id).
pub fn author_posts_url(api_dir: &str, author_id: &str, page: u32, per_page: usize) -> String {
    wp_url(
        api_dir,
        "posts",
        &format!(
            "_embed=1&per_page={per_page}&page={page}&author={}",
            encode_query_value(author_id)
        ),
    )
}

/// A category or author page of ziar-server (`collection`: `categories` or `authors`).
pub fn ziar_term_url(api_dir: &str, collection: &str, slug: &str, page: u32, per_page: usize) -> String {
    format!(
        "{api_dir}{collection}/{}?page={page}&per_page={per_page}",
        encode_query_value(slug)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_encode_and_decode() {
        assert_eq!(encode_path("/articol/știri noi"), "/articol/%C8%99tiri%20noi");
        assert_eq!(percent_decode("%C8%99tiri%20noi").as_deref(), Some("știri noi"));
        assert_eq!(percent_decode("100%"), None);
        assert_eq!(percent_decode("%FF"), None);
        assert_eq!(percent_decode("%zz"), None);
    }

    #[test]
    fn urls_per_kind() {
        let dir = "http://h/wp-json/wp/v2/";
        assert_eq!(request_kind("http://h/wp-json/wp/v2/", None), Kind::WordPress);
        assert_eq!(request_kind("http://h/feed.json?x", None), Kind::JsonFeed);
        assert_eq!(
            request_kind("http://h/feed.json", Some(Kind::WordPress)),
            Kind::WordPress
        );
        assert_eq!(
            list_url(dir, dir, Kind::WordPress, 2, 6),
            "http://h/wp-json/wp/v2/posts?_embed=1&per_page=6&page=2"
        );
        assert_eq!(
            list_url(dir, "http://h/feed.json", Kind::JsonFeed, 2, 6),
            "http://h/feed.json?page=2"
        );
        assert_eq!(
            by_slug_url(dir, Kind::WordPress, "știre & #1").unwrap(),
            "http://h/wp-json/wp/v2/posts?_embed=1&slug=%C8%99tire%20%26%20%231"
        );
        assert_eq!(by_slug_url(dir, Kind::JsonFeed, "x"), None);
        let own = "http://h/_ziar/api/";
        assert_eq!(
            list_url(own, own, Kind::Ziar, 3, 6),
            "http://h/_ziar/api/posts?page=3&per_page=6"
        );
        assert_eq!(
            by_slug_url(own, Kind::Ziar, "a/b").unwrap(),
            "http://h/_ziar/api/posts/a%2Fb"
        );
        assert_eq!(
            ziar_term_url(own, "authors", "ana", 2, 10),
            "http://h/_ziar/api/authors/ana?page=2&per_page=10"
        );
        assert_eq!(
            author_posts_url(dir, "3", 1, 5),
            "http://h/wp-json/wp/v2/posts?_embed=1&per_page=5&page=1&author=3"
        );
        assert_eq!(
            category_url(dir, Kind::WordPress, "4", 2, 5).unwrap(),
            "http://h/wp-json/wp/v2/posts?_embed=1&per_page=5&page=2&categories=4"
        );
        assert_eq!(
            by_id_url(dir, Kind::WordPress, "123").as_deref(),
            Some("http://h/wp-json/wp/v2/posts?_embed=1&include=123")
        );
        for key in ["", "12a", "1 2", "-1", "123456789012345678901"] {
            assert_eq!(by_id_url(dir, Kind::WordPress, key), None, "{key:?}");
        }
        assert_eq!(by_id_url(dir, Kind::JsonFeed, "123"), None);
    }

    #[test]
    fn known_apis_are_guessed_from_the_url() {
        let cases = [
            ("https://blog.test/ghost/api/content/posts/?key=abc", Some(Kind::Ghost)),
            (
                "https://newsapi.org/v2/top-headlines?country=ro&apiKey=k",
                Some(Kind::NewsApi),
            ),
            (
                "https://content.guardianapis.com/search?api-key=test",
                Some(Kind::Guardian),
            ),
            ("https://dev.to/api/articles", Some(Kind::DevTo)),
            (
                "https://hacker-news.firebaseio.com/v0/topstories.json",
                Some(Kind::HackerNews),
            ),
            ("http://h/feed.json", Some(Kind::JsonFeed)),
            ("https://x.ro/wp-json/wp/v2", Some(Kind::WordPress)),
            ("https://x.ro/api/stiri", None),
        ];
        for (url, kind) in cases {
            assert_eq!(guess_kind(url), kind, "{url}");
        }
        assert_eq!(
            request_kind_with_mapping("https://x.ro/api/stiri", None, true),
            Kind::Custom
        );
        assert_eq!(
            request_kind_with_mapping("https://x.ro/api/stiri", None, false),
            Kind::WordPress
        );
        assert_eq!(
            request_kind_with_mapping("https://dev.to/api/articles", None, true),
            Kind::DevTo
        );
    }

    #[test]
    fn paging_params_keep_the_publishers_own() {
        let dir = "unused/";
        assert_eq!(
            list_url(
                dir,
                "https://newsapi.org/v2/top-headlines?country=ro&apiKey=k&page=9",
                Kind::NewsApi,
                2,
                10
            ),
            "https://newsapi.org/v2/top-headlines?country=ro&apiKey=k&page=2&pageSize=10"
        );
        assert_eq!(
            list_url(
                dir,
                "https://b.test/ghost/api/content/posts/?key=abc",
                Kind::Ghost,
                1,
                6
            ),
            "https://b.test/ghost/api/content/posts/?key=abc&page=1&limit=6&include=authors%2Ctags"
        );
        assert_eq!(
            list_url(
                dir,
                "https://g.test/search?api-key=t&show-fields=all",
                Kind::Guardian,
                3,
                5
            ),
            "https://g.test/search?api-key=t&show-fields=all&page=3&page-size=5&show-tags=contributor%2Ckeyword"
        );
        assert_eq!(
            list_url(dir, "https://dev.to/api/articles?username=ana", Kind::DevTo, 1, 30),
            "https://dev.to/api/articles?username=ana&page=1&per_page=30"
        );
        let hn = "https://hacker-news.firebaseio.com/v0/topstories.json";
        assert_eq!(list_url(dir, hn, Kind::HackerNews, 3, 30), hn);
        assert_eq!(
            hn_item_url(hn, 41),
            "https://hacker-news.firebaseio.com/v0/item/41.json"
        );
        assert_eq!(
            custom_list_url("https://x.ro/api?k=1", 2, 10, Some("p"), None),
            "https://x.ro/api?k=1&p=2"
        );
        assert_eq!(
            custom_list_url("https://x.ro/api", 1, 10, Some("p"), None),
            "https://x.ro/api"
        );
        assert_eq!(
            single_url(
                dir,
                "https://b.test/ghost/api/content/posts/?key=abc",
                Kind::Ghost,
                "o-stire"
            ),
            Some("https://b.test/ghost/api/content/posts/slug/o-stire/?key=abc&include=authors%2Ctags".into())
        );
        assert_eq!(
            join_path("https://dev.to/api/articles/", "4101"),
            "https://dev.to/api/articles/4101"
        );
        assert_eq!(with_params("https://x/a#f", &[("p", "1".into())]), "https://x/a?p=1#f");
    }

    #[test]
    fn the_live_list_asks_only_for_what_it_shows() {
        let dir = "http://h/wp-json/wp/v2/";
        assert_eq!(
            live_list_url(dir, dir, Kind::WordPress, 6),
            "http://h/wp-json/wp/v2/posts?_fields=id,date_gmt,modified_gmt,slug,link,title,excerpt&per_page=6"
        );
        assert!(!live_list_url(dir, dir, Kind::WordPress, 6).contains("_embed"));
        assert_eq!(
            live_list_url(dir, "https://b.test/ghost/api/content/posts/?key=abc", Kind::Ghost, 6),
            "https://b.test/ghost/api/content/posts/?key=abc&limit=6&fields=id%2Cslug%2Curl%2Ctitle%2Ccustom_excerpt%2Cexcerpt%2Cpublished_at%2Cupdated_at"
        );
        assert_eq!(
            live_list_url(dir, "https://g.test/search?api-key=t", Kind::Guardian, 6),
            "https://g.test/search?api-key=t&page-size=6&show-fields=headline%2CtrailText%2ClastModified%2Clang"
        );
        // The publisher's own choice stays.
        assert_eq!(
            live_list_url(dir, "https://g.test/search?show-fields=all", Kind::Guardian, 2),
            "https://g.test/search?show-fields=all&page-size=2"
        );
        // No field selection: the ordinary first page.
        assert_eq!(
            live_list_url(dir, "https://dev.to/api/articles", Kind::DevTo, 6),
            list_url(dir, "https://dev.to/api/articles", Kind::DevTo, 1, 6)
        );
        assert_eq!(
            live_list_url(dir, "http://h/feed.json", Kind::JsonFeed, 6),
            "http://h/feed.json"
        );
    }

    #[test]
    fn wordpress_without_pretty_permalinks() {
        let dir = "https://x.ro/?rest_route=/wp/v2/";
        assert_eq!(guess_kind(dir), Some(Kind::WordPress));
        assert_eq!(
            list_url(dir, dir, Kind::WordPress, 2, 6),
            "https://x.ro/?rest_route=/wp/v2/posts&_embed=1&per_page=6&page=2"
        );
        assert_eq!(
            category_by_slug_url(dir, "sport"),
            "https://x.ro/?rest_route=/wp/v2/categories&slug=sport"
        );
        assert_eq!(
            wp_url("https://x.ro/blog/index.php?rest_route=/wp/v2&lang=ro/", "posts", "a=1"),
            "https://x.ro/blog/index.php?rest_route=/wp/v2/posts&lang=ro&a=1"
        );
        assert_eq!(
            wp_url("http://h/wp-json/wp/v2/", "posts", "a=1"),
            "http://h/wp-json/wp/v2/posts?a=1"
        );
    }
}
