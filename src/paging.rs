//! "Load more" over any source: pages of `page_size` posts, whatever the
//! API's own pages hold.
//!
//! Most APIs take a page size (`per_page`, `limit`, …) and their pages are
//! already the right size. A JSON Feed cannot be asked for one: its document
//! holds however many items the publisher put in it, and the next page is
//! wherever `next_url` says; a custom API without `per_page_param` is the
//! same. [`Pager`] slices what came back and follows the source's own cursor
//! ([`NextPage`]) only when its buffer runs short, so the reader always gets
//! `page_size` posts at a time and nothing is fetched twice.

use crate::model::{NextPage, Post, PostPage};
use std::collections::HashSet;
use std::future::Future;

/// Source pages fetched at most for one reader's page: a feed whose pages are
/// all empty or all duplicates ends there instead of looping.
pub const MAX_FETCHES: usize = 5;

/// The home page's position in the source: what was fetched but not shown yet
/// and where the source goes on.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pager {
    size: usize,
    buffer: Vec<Post>,
    next: Option<NextPage>,
    /// Ids shown or buffered, so a page overlapping the last adds nothing twice.
    seen: HashSet<String>,
    /// Cursors already fetched: a `next_url` pointing back ends the list.
    visited: Vec<NextPage>,
}

impl Pager {
    /// An empty pager giving `size` posts a page (at least one).
    pub fn new(size: usize) -> Pager {
        Pager {
            size: size.max(1),
            ..Default::default()
        }
    }

    /// Starts over with the source's first page; returns it cut to the page
    /// size, with `has_more` and `next` saying whether the reader can load more.
    pub fn first(&mut self, page: PostPage) -> PostPage {
        *self = Pager::new(self.size);
        let PostPage {
            total,
            warnings,
            skipped,
            ..
        } = page.clone();
        self.absorb(page);
        let posts = self.take();
        PostPage {
            posts,
            total,
            has_more: self.has_more(),
            warnings,
            next: self.next.clone(),
            skipped,
        }
    }

    /// Where to fetch before the next page can be filled, if anywhere.
    pub fn wants(&self) -> Option<NextPage> {
        (self.buffer.len() < self.size).then(|| self.next.clone()).flatten()
    }

    /// Adds a fetched source page: its new posts to the buffer, its cursor as
    /// the next one unless that was fetched already.
    pub fn absorb(&mut self, page: PostPage) {
        if let Some(n) = self.next.take() {
            self.visited.push(n);
        }
        for p in page.posts {
            if self.seen.insert(p.id.clone()) {
                self.buffer.push(p);
            }
        }
        self.next = page.next.filter(|n| !self.visited.contains(n));
    }

    /// The next page: up to `size` posts from the buffer.
    pub fn take(&mut self) -> Vec<Post> {
        let n = self.size.min(self.buffer.len());
        self.buffer.drain(..n).collect()
    }

    /// Whether another page can be shown: posts are buffered or the source goes on.
    pub fn has_more(&self) -> bool {
        !self.buffer.is_empty() || self.next.is_some()
    }
}

/// The reader's next page: fetches source pages (through `fetch`, the
/// transport) until the buffer holds a page or the source ends, at most
/// [`MAX_FETCHES`] of them, then takes it. On an error nothing is taken and
/// the pager keeps what it had fetched, so "retry" goes on from there.
pub async fn next_page<F, Fut, E>(pager: &mut Pager, mut fetch: F) -> Result<Vec<Post>, E>
where
    F: FnMut(NextPage) -> Fut,
    Fut: Future<Output = Result<PostPage, E>>,
{
    for _ in 0..MAX_FETCHES {
        let Some(next) = pager.wants() else { break };
        let page = fetch(next).await?;
        pager.absorb(page);
    }
    // A source that kept sending nothing new is over.
    if pager.wants().is_some() && pager.buffer.is_empty() {
        pager.next = None;
    }
    Ok(pager.take())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::Instant;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    /// Runs a future whose every await is ready (the fake transport below).
    fn run<T>(f: impl Future<Output = T>) -> T {
        let mut f = pin!(f);
        match f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(v) => v,
            Poll::Pending => panic!("the fake transport never waits"),
        }
    }

    fn posts(range: std::ops::Range<u32>) -> Vec<Post> {
        range
            .map(|i| Post {
                id: i.to_string(),
                published: Some(Instant(1_000_000 - i64::from(i))),
                ..Default::default()
            })
            .collect()
    }

    fn ids(v: &[Post]) -> Vec<u32> {
        v.iter().map(|p| p.id.parse().unwrap()).collect()
    }

    /// A JSON Feed of 36 items in pages of 20, chained by `next_url`.
    fn feed(next: &NextPage) -> Result<PostPage, String> {
        let NextPage::Url { url } = next else {
            return Err(format!("a feed has no {next:?}"));
        };
        match url.as_str() {
            "feed.json?page=2" => Ok(PostPage {
                posts: posts(20..36),
                ..Default::default()
            }),
            other => Err(format!("no page {other}")),
        }
    }

    fn first_feed_page() -> PostPage {
        PostPage {
            posts: posts(0..20),
            has_more: true,
            next: Some(NextPage::Url {
                url: "feed.json?page=2".into(),
            }),
            ..Default::default()
        }
    }

    #[test]
    fn a_feed_is_shown_page_size_posts_at_a_time_across_next_url() {
        let mut pager = Pager::new(10);
        let first = pager.first(first_feed_page());
        assert_eq!(ids(&first.posts), (0..10).collect::<Vec<_>>());
        assert!(first.has_more);
        let mut fetched = Vec::new();
        let mut more = |pager: &mut Pager| {
            run(next_page(pager, |n| {
                fetched.push(n.clone());
                std::future::ready(feed(&n))
            }))
            .unwrap()
        };
        assert_eq!(ids(&more(&mut pager)), (10..20).collect::<Vec<_>>());
        assert!(pager.has_more());
        assert_eq!(ids(&more(&mut pager)), (20..30).collect::<Vec<_>>());
        assert_eq!(ids(&more(&mut pager)), (30..36).collect::<Vec<_>>());
        assert!(!pager.has_more(), "the feed's last page had no next_url");
        assert_eq!(fetched.len(), 1, "page 2 fetched once, only when the buffer ran short");
    }

    #[test]
    fn a_sized_api_fetches_one_source_page_per_reader_page() {
        let mut pager = Pager::new(5);
        let wp = |page: u64| PostPage {
            posts: posts((page as u32 - 1) * 5..page as u32 * 5),
            has_more: page < 3,
            next: (page < 3).then_some(NextPage::Page { page: page + 1 }),
            ..Default::default()
        };
        let first = pager.first(wp(1));
        assert_eq!(first.posts.len(), 5);
        for expect in [5..10, 10..15] {
            let got = run(next_page(&mut pager, |n| {
                let NextPage::Page { page } = n else { unreachable!() };
                std::future::ready(Ok::<_, ()>(wp(page)))
            }))
            .unwrap();
            assert_eq!(ids(&got), expect.collect::<Vec<_>>());
        }
        assert!(!pager.has_more());
    }

    #[test]
    fn a_next_url_pointing_back_or_repeating_posts_ends_the_list() {
        let mut pager = Pager::new(3);
        let page = |r: std::ops::Range<u32>| PostPage {
            posts: posts(r),
            next: Some(NextPage::Url { url: "same".into() }),
            has_more: true,
            ..Default::default()
        };
        pager.first(page(0..3));
        let mut calls = 0;
        let got = run(next_page(&mut pager, |_| {
            calls += 1;
            std::future::ready(Ok::<_, ()>(page(0..3)))
        }))
        .unwrap();
        assert!(got.is_empty());
        assert_eq!(calls, 1, "the cursor was already fetched");
        assert!(!pager.has_more());
    }

    #[test]
    fn an_error_keeps_the_place() {
        let mut pager = Pager::new(10);
        pager.first(first_feed_page());
        let _ = pager.take();
        let err = run(next_page(&mut pager, |_| {
            std::future::ready(Err::<PostPage, _>("offline"))
        }));
        assert_eq!(err, Err("offline"));
        assert!(pager.has_more(), "retry goes on from the same place");
        let got = run(next_page(&mut pager, |n| std::future::ready(feed(&n)))).unwrap();
        assert_eq!(ids(&got), (20..30).collect::<Vec<_>>());
    }

    #[test]
    fn a_short_first_page_has_no_more() {
        let mut pager = Pager::new(10);
        let first = pager.first(PostPage {
            posts: posts(0..4),
            ..Default::default()
        });
        assert_eq!(first.posts.len(), 4);
        assert!(!first.has_more);
        assert_eq!(pager.wants(), None);
    }
}
