//! Merging a fresh snapshot of the newest posts into the list the reader sees.
//!
//! New posts wait in `pending` (the "N articole noi" pill) so the list doesn't
//! jump under the reader's eyes; edits apply in place, deletions disappear.

use crate::model::{sort_newest_first, Post, PostPage};
use crate::time::Instant;
use std::collections::HashMap;

/// The Recent Posts state: what is shown, and what waits behind the pill.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LiveList {
    /// What the reader sees, newest first, at most `capacity` items.
    pub shown: Vec<Post>,
    /// New posts not yet inserted, newest first.
    pub pending: Vec<Post>,
    /// How many items the list shows (`recent_count`).
    pub capacity: usize,
    /// Whether a first snapshot has been applied.
    pub loaded: bool,
}

/// How many of the newest posts the list asks for, and keeps, when it shows
/// `count`: a few more than shown, so deletions just below the fold are seen,
/// and a widget's `count` can grow this far without a new request (the view
/// shows the first `count`).
pub fn snapshot_window(count: usize) -> usize {
    (count + 10).min(100)
}

/// What a snapshot changed, for announcements and tests (and, serialized,
/// what ziar-server pushes to open tabs).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Changes {
    /// Ids that became pending (or were inserted, with auto-insert).
    pub added: Vec<String>,
    /// Shown ids whose content changed in place.
    pub updated: Vec<String>,
    /// Shown or pending ids that were deleted.
    pub removed: Vec<String>,
}

impl Changes {
    /// Whether anything changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.updated.is_empty() && self.removed.is_empty()
    }
}

impl LiveList {
    /// An empty list showing up to `capacity` items.
    pub fn new(capacity: usize) -> Self {
        LiveList {
            capacity: capacity.max(1),
            ..Default::default()
        }
    }

    /// How many of the API's newest posts a poll should ask for: what the
    /// reader sees plus what waits behind the pill, so every post on screen
    /// is inside the snapshot (an edit or a deletion of any of them is seen)
    /// and nothing more is downloaded. At most 100 (WordPress's `per_page` cap).
    pub fn window(&self) -> usize {
        (self.capacity + self.pending.len()).clamp(1, 100)
    }

    /// Applies a snapshot of the API's newest posts.
    ///
    /// `complete` says the snapshot holds every post the API has (see
    /// [`snapshot_complete`]), so anything missing was deleted; otherwise only
    /// posts that would sort inside the snapshot can be judged deleted, and
    /// older ones were merely pushed out of it. The first snapshot, and every
    /// one with `auto_insert`, goes straight into `shown`.
    ///
    /// Order comes from the snapshot (sorted by [`sort_newest_first`]): a post
    /// ranked above everything shown is new, one below is a backfill. That is
    /// newest first for dated posts and the feed's order for undated ones.
    pub fn apply_snapshot(&mut self, snapshot: Vec<Post>, complete: bool, auto_insert: bool) -> Changes {
        let snapshot = dedupe(snapshot);
        let mut changes = Changes::default();
        if !self.loaded {
            self.loaded = true;
            self.shown = snapshot;
            self.shown.truncate(self.capacity);
            return changes;
        }
        let rank: HashMap<&str, usize> = snapshot.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
        // The snapshot's oldest dated post: a missing dated post that sorts
        // before it was deleted; after it, it may only have been pushed out.
        let edge = snapshot.iter().rev().find(|p| p.published.is_some());
        let dated_in_window = |t: Instant, id: &str| match edge {
            Some(e) => {
                let et = e.published.unwrap_or_default();
                t > et || (t == et && crate::model::id_cmp(id, &e.id).is_gt())
            }
            None => false,
        };

        // Shown posts: update in place, drop deleted, keep those merely pushed out.
        // Which snapshot posts are (or will be) shown, by rank: the list is
        // rebuilt in snapshot order from it.
        let mut kept = vec![false; snapshot.len()];
        let mut pushed_out = Vec::new();
        // The furthest-down snapshot rank of the shown posts above the current
        // one, and whether any shown post below it is in the snapshot.
        let mut above: Option<usize> = None;
        let mut below_present: Vec<bool> = self
            .shown
            .iter()
            .rev()
            .scan(false, |seen, p| {
                let was = *seen;
                *seen |= rank.contains_key(p.id.as_str());
                Some(was)
            })
            .collect();
        below_present.reverse();
        for (old, below_present) in self.shown.drain(..).zip(below_present) {
            match rank.get(old.id.as_str()) {
                Some(&i) => {
                    let fresh = &snapshot[i];
                    if fresh != &old {
                        changes.updated.push(old.id.clone());
                    }
                    kept[i] = true;
                    above = above.max(Some(i));
                }
                None => {
                    let gone = complete
                        || match old.published {
                            Some(t) => dated_in_window(t, &old.id),
                            // An undated post keeps its place in the feed (new posts
                            // come on top): if a post below it is in the snapshot, or
                            // the snapshot goes on past the one above it, it would be too.
                            None => below_present || above.is_some_and(|r| r + 1 < snapshot.len()),
                        };
                    if gone {
                        changes.removed.push(old.id);
                    } else {
                        pushed_out.push(old);
                    }
                }
            }
        }
        // Pending posts deleted before the reader saw them just vanish.
        for p in self.pending.drain(..) {
            if !rank.contains_key(p.id.as_str()) {
                changes.removed.push(p.id);
            }
        }
        // Where the reader's list starts in the snapshot: posts ranked above it
        // are new; below it, backfills after a deletion, which slot in without a jump.
        let top = kept.iter().position(|k| *k);
        let nothing_shown = top.is_none() && pushed_out.is_empty();
        let mut pending = Vec::new();
        for (i, p) in snapshot.iter().enumerate() {
            if kept[i] {
                continue;
            }
            let is_new = top.is_none_or(|t| i < t);
            // Into an empty list nothing can jump: no pill then.
            if is_new && !auto_insert && !nothing_shown {
                pending.push(p.clone());
            } else {
                kept[i] = true;
            }
            if is_new {
                changes.added.push(p.id.clone());
            }
        }
        let mut shown: Vec<Post> = snapshot
            .iter()
            .zip(&kept)
            .filter(|(_, k)| **k)
            .map(|(p, _)| p.clone())
            .collect();
        shown.extend(pushed_out);
        shown.truncate(self.capacity);
        self.shown = shown;
        self.pending = pending;
        changes
            .added
            .retain(|id| self.pending.iter().chain(&self.shown).any(|p| &p.id == id));
        changes
    }

    /// Inserts the pending posts (the reader clicked the pill); returns their ids.
    pub fn accept_pending(&mut self) -> Vec<String> {
        let ids: Vec<String> = self.pending.iter().map(|p| p.id.clone()).collect();
        // Pending first: they ranked above everything shown.
        let mut all = std::mem::take(&mut self.pending);
        all.append(&mut self.shown);
        self.shown = dedupe(all);
        self.shown.truncate(self.capacity);
        ids.into_iter()
            .filter(|id| self.shown.iter().any(|p| &p.id == id))
            .collect()
    }
}

/// Whether a list answer holds every post the API has, so a post missing
/// from it was deleted: the API names no further page, and every item it
/// counts came back (`total`, when it tells: a JSON Feed without `next_url`
/// is the whole feed whatever was asked) or, when it doesn't, fewer items
/// came back than `requested`. Skipped items count: they exist.
pub fn snapshot_complete(page: &PostPage, requested: usize) -> bool {
    let received = page.posts.len() + page.skipped;
    page.next.is_none()
        && !page.has_more
        && match page.total {
            Some(total) => received as u64 >= total,
            None => received < requested,
        }
}

/// The key of a list row: the post's id plus a hash of what the row shows,
/// so an edit re-renders the row even when the API's `modified` did not move
/// (second resolution, or an API that never updates it).
pub fn row_key(p: &Post) -> (String, u64) {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (&p.title, &p.excerpt, p.published, p.modified, p.route_key()).hash(&mut h);
    (p.id.clone(), h.finish())
}

/// Keeps one post per id (the most recently modified, in the place of the
/// first), then sorts newest first. The source's order is kept until the
/// sort, which needs it for undated posts.
pub fn dedupe(posts: Vec<Post>) -> Vec<Post> {
    let mut out: Vec<Post> = Vec::with_capacity(posts.len());
    let mut at: HashMap<String, usize> = HashMap::with_capacity(posts.len());
    for p in posts {
        match at.get(&p.id) {
            Some(&i) => {
                if p.modified > out[i].modified {
                    out[i] = p;
                }
            }
            None => {
                at.insert(p.id.clone(), out.len());
                out.push(p);
            }
        }
    }
    sort_newest_first(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::Instant;

    fn post(id: u32, t: i64) -> Post {
        Post {
            id: id.to_string(),
            title: format!("t{id}"),
            published: Some(Instant(t)),
            modified: Some(Instant(t)),
            ..Default::default()
        }
    }

    fn undated(id: u32) -> Post {
        Post {
            id: id.to_string(),
            title: format!("t{id}"),
            ..Default::default()
        }
    }

    fn ids(v: &[Post]) -> Vec<&str> {
        v.iter().map(|p| p.id.as_str()).collect()
    }

    #[test]
    fn first_snapshot_is_shown_sorted_and_capped() {
        let mut l = LiveList::new(3);
        l.apply_snapshot(
            vec![post(1, 27), post(2, 42), post(3, 20), post(4, 12), post(5, 57)],
            false,
            false,
        );
        assert_eq!(ids(&l.shown), ["5", "2", "1"]);
    }

    #[test]
    fn new_posts_wait_behind_the_pill() {
        let mut l = LiveList::new(3);
        l.apply_snapshot(vec![post(1, 10), post(2, 20), post(3, 30)], false, false);
        let c = l.apply_snapshot(vec![post(4, 40), post(1, 10), post(2, 20), post(3, 30)], false, false);
        assert_eq!(c.added, ["4"]);
        assert_eq!(ids(&l.shown), ["3", "2", "1"], "nothing moves until the reader asks");
        assert_eq!(ids(&l.pending), ["4"]);
        assert_eq!(l.accept_pending(), ["4"]);
        assert_eq!(ids(&l.shown), ["4", "3", "2"]);
        assert!(l.pending.is_empty());
    }

    #[test]
    fn auto_insert_skips_the_pill() {
        let mut l = LiveList::new(2);
        l.apply_snapshot(vec![post(1, 10), post(2, 20)], true, true);
        let c = l.apply_snapshot(vec![post(3, 30), post(2, 20)], false, true);
        assert_eq!(c.added, ["3"]);
        assert_eq!(ids(&l.shown), ["3", "2"]);
    }

    #[test]
    fn edits_apply_in_place_and_deletes_disappear() {
        let mut l = LiveList::new(3);
        l.apply_snapshot(vec![post(1, 10), post(2, 20), post(3, 30)], true, false);
        let mut edited = post(2, 20);
        edited.title = "corectat".into();
        edited.modified = Some(Instant(25));
        let c = l.apply_snapshot(vec![post(3, 30), edited, post(0, 5)], true, false);
        assert_eq!(c.updated, ["2"]);
        assert_eq!(c.removed, ["1"]);
        assert_eq!(
            ids(&l.shown),
            ["3", "2", "0"],
            "an older post backfills below without the pill"
        );
        assert_eq!(l.shown[1].title, "corectat");
        assert!(l.pending.is_empty());
    }

    #[test]
    fn posts_pushed_out_of_the_window_are_not_deleted() {
        let mut l = LiveList::new(2);
        l.apply_snapshot(vec![post(1, 10), post(2, 20)], false, false);
        // Two new posts fill a 2-item window: 1 and 2 are older than it, not gone.
        let c = l.apply_snapshot(vec![post(3, 30), post(4, 40)], false, false);
        assert!(c.removed.is_empty());
        assert_eq!(ids(&l.shown), ["2", "1"]);
        assert_eq!(ids(&l.pending), ["4", "3"]);
    }

    #[test]
    fn the_window_asks_for_more_than_shown() {
        assert_eq!(snapshot_window(6), 16);
        assert_eq!(snapshot_window(50), 60);
        assert_eq!(snapshot_window(95), 100);
    }

    #[test]
    fn row_key_changes_with_what_the_row_shows() {
        let a = post(1, 10);
        assert_eq!(row_key(&a), row_key(&a.clone()));
        let mut b = a.clone();
        b.title = "corectat".into();
        assert_eq!(a.modified, b.modified);
        assert_ne!(row_key(&a), row_key(&b), "same modified, new title: a new row");
        let mut c = a.clone();
        c.excerpt = "alt rezumat".into();
        assert_ne!(row_key(&a), row_key(&c));
        assert_eq!(row_key(&a).0, "1");
    }

    #[test]
    fn duplicates_in_a_snapshot_collapse_to_the_latest_edit() {
        let mut a = post(1, 10);
        a.modified = Some(Instant(50));
        a.title = "nou".into();
        let v = dedupe(vec![post(1, 10), a, post(2, 20)]);
        assert_eq!(ids(&v), ["2", "1"]);
        assert_eq!(v[1].title, "nou");
    }

    /// A model news server: posts newest first (by date, or in feed order
    /// when undated, where a new post goes on top), with random publishes,
    /// edits and deletions.
    struct Server {
        posts: Vec<Post>,
        undated: bool,
        next_id: u32,
        clock: i64,
    }

    impl Server {
        /// `posts` is always newest first: new posts go on top, edits keep dates.
        fn newest(&self, n: usize) -> Vec<Post> {
            self.posts[..n.min(self.posts.len())].to_vec()
        }

        fn step(&mut self, step: usize, rnd: &mut impl FnMut(u64) -> u64) {
            match rnd(10) {
                0..=3 => {
                    self.clock += 1 + rnd(5) as i64;
                    let p = if self.undated {
                        undated(self.next_id)
                    } else {
                        post(self.next_id, self.clock)
                    };
                    self.posts.insert(0, p);
                    self.next_id += 1;
                }
                4..=5 if !self.posts.is_empty() => {
                    let i = rnd(self.posts.len() as u64) as usize;
                    self.clock += 1;
                    self.posts[i].title = format!("edit {step}");
                    if !self.undated {
                        self.posts[i].modified = Some(Instant(self.clock));
                    }
                }
                6..=7 if !self.posts.is_empty() => {
                    let i = rnd(self.posts.len() as u64) as usize;
                    self.posts.remove(i);
                }
                _ => {}
            }
        }
    }

    /// Random publish/edit/delete sequences against a model server. A dated
    /// API is polled with the list's own [`LiveList::window`]; an undated feed
    /// answers its first page of 10 whatever is asked, with a next page when it
    /// has more. At every step the list has no duplicates and keeps the
    /// server's order. One more poll with nothing changed leaves every post on
    /// screen or behind the pill exactly as the server has it (no deleted post
    /// lingers, no edit is missed), except, in an undated feed, a deleted post
    /// with no neighbour left in the answer to place it by. After the reader
    /// accepts, the list equals the server's newest N.
    fn converges(seed: u64, undated_feed: bool) {
        const FEED_PAGE: usize = 10;
        let mut seed = seed;
        let mut rnd = move |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % n.max(1)
        };
        for round in 0..40 {
            let cap = 1 + rnd(if undated_feed { 7 } else { 8 }) as usize;
            let auto = round % 3 == 0;
            let n = rnd(20) as u32;
            let mut server = Server {
                posts: (0..n)
                    .rev()
                    .map(|i| {
                        if undated_feed {
                            undated(i)
                        } else {
                            post(i, i as i64 * 10)
                        }
                    })
                    .collect(),
                undated: undated_feed,
                next_id: 1000,
                clock: 10_000,
            };
            let mut l = LiveList::new(cap);
            // Polls once; returns the answer and whether it was complete.
            let poll = |l: &mut LiveList, server: &Server| {
                let window = l.window();
                let (snap, complete) = if undated_feed {
                    let snap = server.newest(FEED_PAGE);
                    let more = server.posts.len() > FEED_PAGE;
                    let page = PostPage {
                        posts: snap.clone(),
                        next: more.then(|| crate::model::NextPage::Url { url: "?page=2".into() }),
                        total: (!more).then_some(snap.len() as u64),
                        ..Default::default()
                    };
                    let complete = snapshot_complete(&page, window);
                    (snap, complete)
                } else {
                    let snap = server.newest(window);
                    let page = PostPage {
                        posts: snap.clone(),
                        ..Default::default()
                    };
                    (snap.clone(), snapshot_complete(&page, window))
                };
                l.apply_snapshot(snap.clone(), complete, auto);
                (snap, complete)
            };
            for step in 0..500 {
                server.step(step, &mut rnd);
                poll(&mut l, &server);
                let all: Vec<&str> = l.shown.iter().chain(&l.pending).map(|p| p.id.as_str()).collect();
                let mut uniq = all.clone();
                uniq.sort();
                uniq.dedup();
                assert_eq!(uniq.len(), all.len(), "duplicate ids");
                let pos = |p: &Post| server.posts.iter().position(|q| q.id == p.id);
                let shown_pos: Vec<Option<usize>> = l.shown.iter().map(pos).collect();
                assert!(
                    shown_pos.windows(2).all(|w| match (w[0], w[1]) {
                        (Some(a), Some(b)) => a < b,
                        _ => true,
                    }),
                    "misordered: {shown_pos:?}"
                );
                assert!(l.shown.len() <= cap);
                let before: Vec<String> = l.shown.iter().map(|p| p.id.clone()).collect();
                let (snap, complete) = poll(&mut l, &server);
                for p in l.shown.iter().chain(&l.pending) {
                    if server.posts.iter().any(|q| q == p) {
                        continue;
                    }
                    let i = before
                        .iter()
                        .position(|id| *id == p.id)
                        .expect("only a shown post can linger");
                    let rank = |id: &String| snap.iter().position(|q| &q.id == id);
                    let below = before[i + 1..].iter().any(|id| rank(id).is_some());
                    let past_above = before[..i]
                        .iter()
                        .filter_map(rank)
                        .max()
                        .is_some_and(|r| r + 1 < snap.len());
                    assert!(
                        undated_feed && !complete && !below && !past_above,
                        "round {round} step {step}: post {} is stale or deleted",
                        p.id
                    );
                }
                if rnd(4) == 0 {
                    l.accept_pending();
                    assert_eq!(l.shown, server.newest(cap), "round {round} step {step}");
                }
            }
            let mut sorted = server.posts.clone();
            sort_newest_first(&mut sorted);
            assert_eq!(sorted, server.posts, "the model server keeps its posts newest first");
        }
    }

    #[test]
    fn long_random_sequences_converge_to_the_servers_newest() {
        converges(0x5eed, false);
    }

    #[test]
    fn an_undated_feed_converges_too() {
        converges(0xfeed, true);
    }

    #[test]
    fn the_window_is_what_is_shown_plus_what_waits() {
        let mut l = LiveList::new(3);
        assert_eq!(l.window(), 3);
        l.apply_snapshot(vec![post(1, 10), post(2, 20), post(3, 30)], false, false);
        l.apply_snapshot(vec![post(5, 50), post(4, 40), post(3, 30)], false, false);
        assert_eq!(ids(&l.pending), ["5", "4"]);
        assert_eq!(l.window(), 5, "the two behind the pill push two shown ones down");
        // Post 1, shown but below the pushed window of 3, is deleted: a window of
        // `capacity` would never see it; the grown window does.
        let c = l.apply_snapshot(vec![post(5, 50), post(4, 40), post(3, 30), post(2, 20)], true, false);
        assert_eq!(c.removed, ["1"]);
        assert_eq!(ids(&l.shown), ["3", "2"]);
        assert_eq!(LiveList::new(200).window(), 100, "WordPress caps per_page at 100");
    }

    #[test]
    fn complete_means_fewer_than_asked_and_no_next_page() {
        let page = |n: usize, skipped: usize, next: bool| PostPage {
            posts: (0..n as u32).map(|i| post(i, 0)).collect(),
            skipped,
            next: next.then_some(crate::model::NextPage::Page { page: 2 }),
            has_more: next,
            ..Default::default()
        };
        assert!(snapshot_complete(&page(5, 0, false), 6));
        assert!(!snapshot_complete(&page(6, 0, false), 6), "a full page may hide more");
        assert!(!snapshot_complete(&page(5, 1, false), 6), "a skipped item still exists");
        assert!(!snapshot_complete(&page(5, 0, true), 6), "the API says there is more");
        let counted = |n: usize, total: u64| PostPage {
            total: Some(total),
            ..page(n, 0, false)
        };
        assert!(
            snapshot_complete(&counted(20, 20), 6),
            "20 of 20: whole, whatever was asked"
        );
        assert!(!snapshot_complete(&counted(6, 38), 6));
        assert!(
            !snapshot_complete(&counted(3, 38), 6),
            "the API counts more than it sent"
        );
        // A JSON Feed without next_url counts itself.
        let v = crate::sources::parse_body(include_str!("../../tests/fixtures/feed_minimal.json")).unwrap();
        let (_, feed) = crate::sources::parse_list(&v, None, "https://note.test/feed.json").unwrap();
        assert!(snapshot_complete(&feed, 6));
    }

    #[test]
    fn new_posts_on_top_of_an_undated_feed_wait_behind_the_pill() {
        let mut l = LiveList::new(3);
        l.apply_snapshot(vec![undated(3), undated(2), undated(1)], false, false);
        assert_eq!(ids(&l.shown), ["3", "2", "1"]);
        let c = l.apply_snapshot(vec![undated(9), undated(3), undated(2), undated(1)], false, false);
        assert_eq!(c.added, ["9"]);
        assert_eq!(ids(&l.pending), ["9"]);
        assert_eq!(ids(&l.shown), ["3", "2", "1"]);
        l.accept_pending();
        assert_eq!(ids(&l.shown), ["9", "3", "2"], "feed order, the new one on top");
        // Undated and partial: a missing one cannot be judged, so it stays…
        let c = l.apply_snapshot(vec![undated(9), undated(3)], false, false);
        assert!(c.removed.is_empty());
        // …until the answer is known to be the whole feed.
        let c = l.apply_snapshot(vec![undated(9), undated(3)], true, false);
        assert_eq!(c.removed, ["2"]);
    }

    #[test]
    fn a_missing_post_with_the_edge_date_is_judged_by_id() {
        let mut l = LiveList::new(3);
        l.apply_snapshot(vec![post(3, 20), post(2, 20), post(1, 20)], false, false);
        // Same date as the snapshot's last (id 2): id 1 sorts after it, so it was pushed out…
        let c = l.apply_snapshot(vec![post(4, 30), post(3, 20), post(2, 20)], false, false);
        assert!(c.removed.is_empty(), "{c:?}");
        // …but id 3 sorts before it: missing means deleted.
        let c = l.apply_snapshot(vec![post(4, 30), post(2, 20), post(1, 20)], false, false);
        assert_eq!(c.removed, ["3"]);
    }
}
