//! One upstream poll for every reader: every `poll_seconds` the server asks
//! upstream for its newest posts, stores them (the home page and Recent
//! Posts both come from that one answer), and when a post is new, edited or
//! deleted it expires what showed it and tells every open tab over
//! Server-Sent Events, whose app then asks this server (not upstream) again.

use crate::store::Store;
use std::collections::BTreeMap;
use std::time::Duration;
use tokio::sync::broadcast;
use ziar::live::policy::{Outcome, PollPolicy, PollState};
use ziar::model::PostPage;
use ziar::time::Instant;

/// What changed between two polls (ids), as sent to browsers: the browser
/// list's own change set.
pub use ziar::live::merge::Changes as Changed;

/// The posts of a snapshot by id, with what tells an edit (`modified`) and
/// what names the post's page (slug or id).
type Seen = BTreeMap<String, (Option<Instant>, String)>;

fn seen(page: &PostPage) -> Seen {
    page.posts
        .iter()
        .map(|p| (p.id.clone(), (p.modified, p.route_key().to_owned())))
        .collect()
}

/// The difference between two snapshots. Posts that fell off the end of a
/// full window were pushed out, not deleted: only a short snapshot (the
/// whole feed) or one still reaching past them says they are gone.
pub fn diff(before: &Seen, after: &Seen, after_complete: bool, oldest_after: Option<Instant>) -> Changed {
    let mut c = Changed::default();
    for (id, (modified, _)) in after {
        match before.get(id) {
            None => c.added.push(id.clone()),
            Some((m, _)) if m != modified => c.updated.push(id.clone()),
            _ => {}
        }
    }
    for (id, (modified, _)) in before {
        // An undated post cannot be placed in the window: only a complete snapshot judges it.
        let in_window = after_complete || matches!((oldest_after, modified), (Some(o), Some(m)) if *m >= o);
        if !after.contains_key(id) && in_window {
            c.removed.push(id.clone());
        }
    }
    c
}

/// What one poll must cover: the home page's first page, and the longest
/// Recent Posts window a reader asks for in the normal run of things (what
/// it shows plus what waits behind its pill; see `LiveList::window`).
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub page_size: usize,
    pub window: usize,
}

impl Shape {
    /// One upstream request serves both.
    pub fn per_page(&self) -> usize {
        self.page_size.max(self.window)
    }
}

/// Runs forever: polls, stores, diffs, broadcasts; backs off on errors.
pub async fn run(store: Store, shape: Shape, interval: Duration, events: broadcast::Sender<Changed>) {
    let policy = PollPolicy::with_interval_secs(interval.as_secs().max(5) as u32);
    let mut state = PollState::default();
    let mut last: Option<Seen> = None;
    loop {
        let per_page = shape.per_page();
        let result = store.poll_latest(per_page).await;
        let outcome = match result {
            Ok(page) => {
                let now = seen(&page);
                let complete = page.posts.len() < per_page && !page.has_more;
                let oldest = page.posts.iter().filter_map(|p| p.published.or(p.modified)).min();
                if let Some(before) = &last {
                    let changed = diff(before, &now, complete, oldest);
                    if !changed.is_empty() {
                        let mut pages: Vec<String> = Vec::new();
                        for id in changed.updated.iter().chain(&changed.removed) {
                            pages.push(id.clone());
                            if let Some((_, key)) = before.get(id) {
                                pages.push(key.clone());
                            }
                        }
                        store.expire(&pages);
                        let _ = events.send(changed);
                    }
                }
                store.put_latest(page, per_page);
                last = Some(now);
                Outcome::Ok
            }
            Err(e) => {
                eprintln!("ziar-server: upstream poll failed: {e}");
                Outcome::Failed { retry_after_ms: None }
            }
        };
        let delay = policy.next_delay(&mut state, outcome, jitter());
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
}

/// A number in [0, 1) for the policy's jitter, without a random crate.
fn jitter() -> f64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    f64::from(nanos % 1_000_000) / 1_000_000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use ziar::model::Post;

    fn post(id: &str, at: i64) -> Post {
        Post {
            id: id.into(),
            published: Some(Instant(at)),
            modified: Some(Instant(at)),
            ..Default::default()
        }
    }

    #[test]
    fn new_edited_and_deleted_posts_are_told_apart() {
        let a = PostPage {
            posts: vec![post("3", 30), post("2", 20), post("1", 10)],
            ..Default::default()
        };
        let mut b = a.clone();
        b.posts.insert(0, post("4", 40));
        b.posts[1].modified = Some(Instant(35));
        b.posts.pop();
        // A full window: "1" may only have been pushed out.
        let c = diff(&seen(&a), &seen(&b), false, Some(Instant(20)));
        assert_eq!(
            (c.added, c.updated, c.removed.len()),
            (vec!["4".to_string()], vec!["3".to_string()], 0)
        );
        // The whole feed: "1" is gone.
        let c = diff(&seen(&a), &seen(&b), true, Some(Instant(20)));
        assert_eq!(c.removed, vec!["1".to_string()]);
        assert!(diff(&seen(&a), &seen(&a), true, None).is_empty());
    }

    #[test]
    fn one_poll_serves_the_home_page_and_the_list() {
        let shape = |page_size, window| Shape { page_size, window };
        assert_eq!(shape(10, 26).per_page(), 26);
        assert_eq!(shape(40, 26).per_page(), 40);
    }
}
