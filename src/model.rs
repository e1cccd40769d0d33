//! The normalized model every source adapter produces and every component reads.
//!
//! Components never see an API's own JSON: adding an API means adding an adapter,
//! not touching the UI.

use crate::time::Instant;
use serde::{Deserialize, Serialize};

/// One news item, whatever API it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Post {
    /// Stable id within its source (stringly, since APIs differ).
    pub id: String,
    /// URL slug, when the API has one; used for article routes.
    pub slug: Option<String>,
    /// Canonical URL on the publisher's site.
    pub url: Option<String>,
    /// Plain text, entities decoded.
    pub title: String,
    /// Plain text, not yet cut.
    pub excerpt: String,
    /// Raw HTML from the API; sanitized only when rendered.
    pub content_html: String,
    /// When first published; `None` when the source gives no date (JSON Feed
    /// makes it optional): such a post shows no time and keeps the source's order.
    pub published: Option<Instant>,
    /// When last modified (`published` when the API has no such field).
    pub modified: Option<Instant>,
    pub authors: Vec<Author>,
    pub categories: Vec<Term>,
    pub tags: Vec<Term>,
    pub image: Option<Image>,
    /// BCP 47 tag of the content, when the API says.
    pub language: Option<String>,
    /// The site or outlet the item came from.
    pub source: Option<String>,
}

impl Post {
    /// The `lang` for this post's own text (`i18n::content_language`): its
    /// language when the source gives a real one, else none (the UI's applies).
    pub fn content_lang(&self) -> Option<String> {
        crate::i18n::content_language(self.language.as_deref()).map(str::to_owned)
    }

    /// The key for routes: the slug when known, otherwise the id.
    pub fn route_key(&self) -> &str {
        self.slug.as_deref().filter(|s| !s.is_empty()).unwrap_or(&self.id)
    }

    /// The last edit worth showing: `modified` when it is more than a minute
    /// after `published` (a save right after publishing is not an update).
    pub fn updated(&self) -> Option<Instant> {
        match (self.published, self.modified) {
            (Some(p), Some(m)) if m.0 - p.0 > 60_000 => Some(m),
            _ => None,
        }
    }

    /// Byline text: author names joined with ", ".
    pub fn byline(&self) -> Option<String> {
        let names: Vec<&str> = self
            .authors
            .iter()
            .map(|a| a.name.as_str())
            .filter(|n| !n.is_empty())
            .collect();
        (!names.is_empty()).then(|| names.join(", "))
    }
}

/// A person credited for a post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Author {
    pub name: String,
    pub url: Option<String>,
    pub avatar: Option<String>,
}

impl Author {
    /// The key of the author's page (`/autor/<key>`): the last segment of the
    /// author's URL where the API gives one (WordPress and Ghost end their
    /// author pages in the author's slug: `/author/ana-popescu/`), else the
    /// name as a slug. Empty when neither gives anything usable.
    pub fn route_key(&self) -> String {
        let from_url = self.url.as_deref().and_then(|u| {
            let path = u.split(['?', '#']).next()?;
            let path = path
                .split_once("://")
                .map_or(path, |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
            let last = path.trim_end_matches('/').rsplit('/').next()?;
            let key = crate::text::slugify(last);
            (!key.is_empty() && !path.trim_matches('/').is_empty()).then_some(key)
        });
        from_url.unwrap_or_else(|| crate::text::slugify(&self.name))
    }
}

/// A category or tag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Term {
    pub id: Option<String>,
    pub name: String,
    pub slug: Option<String>,
    pub link: Option<String>,
}

/// A featured image; width and height let the page reserve space (no layout shift).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Image {
    pub url: String,
    pub alt: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub srcset: Option<String>,
    pub caption: Option<String>,
}

/// A page of posts plus what the source said about further pages.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PostPage {
    pub posts: Vec<Post>,
    /// Total items, when the API tells (`X-WP-Total`, `totalResults`, `meta.pagination.total`).
    pub total: Option<u64>,
    /// Whether another page exists.
    pub has_more: bool,
    /// Items that were skipped and why, so one bad item never hides the others
    /// but the publisher can still find out (console, probe tool).
    pub warnings: Vec<String>,
    /// How many items the response held but could not be shown: with `posts`,
    /// how many the API sent (whether a page was full).
    pub skipped: usize,
    /// How to ask for the next page, in the API's own terms, when it said.
    pub next: Option<NextPage>,
}

/// The next page as the API describes it; each API paginates differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum NextPage {
    /// A page number (`page=N`: WordPress, Ghost, Guardian, NewsAPI, dev.to).
    Page { page: u64 },
    /// A ready-made URL (JSON Feed `next_url`, a custom mapping's `next`).
    Url { url: String },
    /// An offset into an id list the client slices itself (Hacker News).
    Offset { offset: u64 },
}

/// Sorts newest first; ties broken by id, highest first, so the order is
/// stable across polls and matches the API's for numeric ids ("10" after "9").
///
/// An undated post keeps its place in the source's order: it sorts right after
/// the nearest dated post above it (at the top when none is above), so an
/// undated feed stays in feed order and one undated item in a dated list does
/// not sink to the bottom. Sorting a sorted list changes nothing.
pub fn sort_newest_first(posts: &mut Vec<Post>) {
    use std::cmp::Ordering;
    // Each post's anchor: the nearest dated post at or above it in the input.
    let mut last = None;
    let keys: Vec<(Option<usize>, usize)> = posts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if p.published.is_some() {
                last = Some(i);
            }
            (last, i - last.unwrap_or(0))
        })
        .collect();
    let mut order: Vec<usize> = (0..posts.len()).collect();
    order.sort_by(|&a, &b| match (keys[a], keys[b]) {
        ((None, da), (None, db)) => da.cmp(&db),
        ((None, _), (Some(_), _)) => Ordering::Less,
        ((Some(_), _), (None, _)) => Ordering::Greater,
        ((Some(x), dx), (Some(y), dy)) => {
            let (px, py) = (&posts[x], &posts[y]);
            py.published
                .cmp(&px.published)
                .then_with(|| id_cmp(&py.id, &px.id))
                .then_with(|| x.cmp(&y))
                .then_with(|| dx.cmp(&dy))
        }
    });
    let mut slots: Vec<Option<Post>> = posts.drain(..).map(Some).collect();
    posts.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// A total order on ids: numeric ids by value (then text, for "01" vs "1"),
/// all of them after non-numeric ids, which compare as text.
pub(crate) fn id_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a.parse::<u128>(), b.parse::<u128>()) {
        (Ok(x), Ok(y)) => x.cmp(&y).then_with(|| a.cmp(b)),
        (Ok(_), Err(_)) => Ordering::Greater,
        (Err(_), Ok(_)) => Ordering::Less,
        (Err(_), Err(_)) => a.cmp(b),
    }
}

/// Resolves `rel` against `base` the way a browser resolves a link.
///
/// Pure so adapters can make image and link URLs absolute on the host.
pub fn resolve_url(base: &str, rel: &str) -> String {
    let rel = rel.trim();
    if rel.is_empty() {
        return base.to_owned();
    }
    let has_scheme = rel.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
    });
    if has_scheme {
        return rel.to_owned();
    }
    let (scheme, after) = match base.split_once("://") {
        Some(x) => x,
        None => return rel.to_owned(),
    };
    if let Some(r) = rel.strip_prefix("//") {
        return format!("{scheme}://{r}");
    }
    let host_end = after.find(['/', '?', '#']).unwrap_or(after.len());
    let origin = format!("{scheme}://{}", &after[..host_end]);
    let path = &after[host_end..];
    let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
    if rel.starts_with('/') {
        return format!("{origin}{rel}");
    }
    if rel.starts_with('?') || rel.starts_with('#') {
        return format!("{origin}{path}{rel}");
    }
    let dir = match path.rfind('/') {
        Some(i) => &path[..=i],
        None => "/",
    };
    // Normalise "./" and "../" segments.
    let mut segs: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let parts: Vec<&str> = rel.split('/').collect();
    for (i, p) in parts.iter().enumerate() {
        match *p {
            "." => {}
            ".." => {
                segs.pop();
            }
            s => {
                if i + 1 == parts.len() || !s.is_empty() {
                    segs.push(s);
                }
            }
        }
    }
    let trailing = matches!(parts.last(), Some(&"." | &"..")) && !segs.is_empty();
    format!("{origin}/{}{}", segs.join("/"), if trailing { "/" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_pages_are_keyed_by_the_slug_in_their_url_or_the_name() {
        let a = |name: &str, url: Option<&str>| Author {
            name: name.into(),
            url: url.map(Into::into),
            avatar: None,
        };
        assert_eq!(
            a("Ana Popescu", Some("https://x.ro/author/ana-p/")).route_key(),
            "ana-p"
        );
        assert_eq!(
            a("Ana Popescu", Some("https://x.ro/autor/ana-p?x=1")).route_key(),
            "ana-p"
        );
        assert_eq!(a("Ana Popescu", Some("https://x.ro/")).route_key(), "ana-popescu");
        assert_eq!(a("Ștefan Țurcanu", None).route_key(), "stefan-turcanu");
    }

    #[test]
    fn ties_order_numeric_ids_by_value() {
        let at = |id: &str| super::Post {
            id: id.into(),
            published: Some(crate::time::Instant(5)),
            ..Default::default()
        };
        let mut v = vec![at("9"), at("100"), at("abc"), at("10"), at("b")];
        super::sort_newest_first(&mut v);
        let ids: Vec<&str> = v.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["100", "10", "9", "b", "abc"]);
    }

    #[test]
    fn resolves_relative_urls_against_api() {
        let base = "https://ex.ro/wp-json/wp/v2/posts?x=1";
        assert_eq!(resolve_url(base, "/media/a.svg"), "https://ex.ro/media/a.svg");
        assert_eq!(resolve_url(base, "img.png"), "https://ex.ro/wp-json/wp/v2/img.png");
        assert_eq!(resolve_url(base, "../../a"), "https://ex.ro/wp-json/a");
        assert_eq!(resolve_url(base, "//cdn.ro/x"), "https://cdn.ro/x");
        assert_eq!(resolve_url(base, "https://alt.ro/"), "https://alt.ro/");
        assert_eq!(
            resolve_url(base, "data:image/png;base64,AA"),
            "data:image/png;base64,AA"
        );
        assert_eq!(resolve_url("http://h:8080", "a"), "http://h:8080/a");
    }

    #[test]
    fn sorts_newest_first_stably() {
        let mk = |id: &str, t: i64| Post {
            id: id.into(),
            published: Some(Instant(t)),
            ..Default::default()
        };
        let mut v = vec![mk("a", 27), mk("b", 42), mk("c", 20), mk("d", 42)];
        sort_newest_first(&mut v);
        let ids: Vec<_> = v.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["d", "b", "a", "c"]);
    }

    fn ids(v: &[Post]) -> Vec<&str> {
        v.iter().map(|p| p.id.as_str()).collect()
    }

    fn at(id: &str, t: Option<i64>) -> Post {
        Post {
            id: id.into(),
            published: t.map(Instant),
            ..Default::default()
        }
    }

    #[test]
    fn an_undated_feed_keeps_its_order() {
        let mut v = vec![at("9", None), at("2", None), at("30", None), at("a", None)];
        sort_newest_first(&mut v);
        assert_eq!(ids(&v), ["9", "2", "30", "a"], "feed order, not id order");
    }

    #[test]
    fn an_undated_post_stays_below_its_dated_neighbour() {
        // Newest first with one undated item: it stays where the feed put it.
        let mut v = vec![at("a", Some(50)), at("b", None), at("c", Some(40)), at("d", Some(30))];
        sort_newest_first(&mut v);
        assert_eq!(ids(&v), ["a", "b", "c", "d"]);
        // Oldest first: the dated ones turn round, the undated one travels with the one above it.
        let mut v = vec![at("d", Some(30)), at("c", Some(40)), at("x", None), at("a", Some(50))];
        sort_newest_first(&mut v);
        assert_eq!(ids(&v), ["a", "c", "x", "d"]);
        // Undated items before any dated one lead, in their order.
        let mut v = vec![at("n2", None), at("n1", None), at("a", Some(10)), at("b", Some(20))];
        sort_newest_first(&mut v);
        assert_eq!(ids(&v), ["n2", "n1", "b", "a"]);
    }

    #[test]
    fn sorting_twice_changes_nothing() {
        let mut seed = 7u64;
        let mut rnd = |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for _ in 0..500 {
            let mut v: Vec<Post> = (0..rnd(12))
                .map(|i| at(&rnd(6).to_string(), (rnd(3) > 0).then(|| rnd(5) as i64)).tap_id(i))
                .collect();
            sort_newest_first(&mut v);
            let once = v.clone();
            sort_newest_first(&mut v);
            assert_eq!(v, once);
            // Dated posts are newest first.
            let dated: Vec<i64> = v.iter().filter_map(|p| p.published).map(|t| t.0).collect();
            assert!(dated.windows(2).all(|w| w[0] >= w[1]), "{dated:?}");
        }
    }

    trait TapId {
        fn tap_id(self, i: u64) -> Self;
    }
    impl TapId for Post {
        fn tap_id(mut self, i: u64) -> Self {
            self.title = i.to_string();
            self
        }
    }

    #[test]
    fn updated_only_when_an_edit_is_later_than_a_minute() {
        let mut p = at("1", Some(0));
        assert_eq!(p.updated(), None);
        p.modified = Some(Instant(60_000));
        assert_eq!(p.updated(), None);
        p.modified = Some(Instant(60_001));
        assert_eq!(p.updated(), Some(Instant(60_001)));
        p.published = None;
        assert_eq!(p.updated(), None, "no date to compare with");
    }
}
