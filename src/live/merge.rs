//! Merging a fresh snapshot of the newest posts into the list the reader sees.
//!
//! New posts wait in `pending` (the "N articole noi" pill) so the list doesn't
//! jump under the reader's eyes; edits apply in place, deletions disappear.

use crate::model::{sort_newest_first, Post};
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

/// What a snapshot changed, for announcements and tests.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
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

    /// Applies a snapshot of the API's newest posts.
    ///
    /// `complete` says the snapshot holds every post the API has (fewer than
    /// requested came back), so anything missing was deleted; otherwise only
    /// items inside the snapshot's time window can be judged deleted. The first
    /// snapshot, and every one with `auto_insert`, goes straight into `shown`.
    pub fn apply_snapshot(&mut self, snapshot: Vec<Post>, complete: bool, auto_insert: bool) -> Changes {
        let snapshot = dedupe(snapshot);
        let mut changes = Changes::default();
        if !self.loaded {
            self.loaded = true;
            self.shown = snapshot;
            self.shown.truncate(self.capacity);
            return changes;
        }
        let by_id: HashMap<&str, &Post> = snapshot.iter().map(|p| (p.id.as_str(), p)).collect();
        let window_oldest = snapshot.last().map(|p| p.published);
        let in_window = |p: &Post| complete || window_oldest.is_some_and(|w| p.published >= w);

        // Shown items: update in place, drop deleted, keep those merely pushed out of the window.
        let mut shown = Vec::with_capacity(self.shown.len());
        for old in self.shown.drain(..) {
            match by_id.get(old.id.as_str()) {
                Some(&fresh) => {
                    if fresh != &old {
                        changes.updated.push(old.id.clone());
                    }
                    shown.push(fresh.clone());
                }
                None if in_window(&old) => changes.removed.push(old.id),
                None => shown.push(old),
            }
        }
        // Pending items deleted before the reader saw them just vanish.
        for p in self.pending.drain(..) {
            if !by_id.contains_key(p.id.as_str()) {
                changes.removed.push(p.id);
            }
        }
        let newest_shown = shown.iter().map(|p| p.published).max();
        let shown_ids: Vec<String> = shown.iter().map(|p| p.id.clone()).collect();
        let mut pending = Vec::new();
        for p in &snapshot {
            if shown_ids.contains(&p.id) {
                continue;
            }
            // Newer than anything shown: a new post, behind the pill. Older: a
            // backfill after a deletion, which slots in below without a jump.
            let is_new = newest_shown.is_none_or(|n| p.published > n);
            if is_new && !auto_insert {
                pending.push(p.clone());
            } else {
                shown.push(p.clone());
            }
            if is_new {
                changes.added.push(p.id.clone());
            }
        }
        sort_newest_first(&mut shown);
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
        self.shown.append(&mut self.pending);
        self.shown = dedupe(std::mem::take(&mut self.shown));
        self.shown.truncate(self.capacity);
        ids.into_iter()
            .filter(|id| self.shown.iter().any(|p| &p.id == id))
            .collect()
    }
}

/// The key of a list row: the post's id plus a hash of what the row shows,
/// so an edit re-renders the row even when the API's `modified` did not move
/// (second resolution, or an API that never updates it).
pub fn row_key(p: &Post) -> (String, u64) {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (&p.title, &p.excerpt, p.published.0, p.modified.0, p.route_key()).hash(&mut h);
    (p.id.clone(), h.finish())
}

/// Sorts newest first and keeps one item per id (the most recently modified).
pub fn dedupe(mut posts: Vec<Post>) -> Vec<Post> {
    posts.sort_by(|a, b| a.id.cmp(&b.id).then(b.modified.cmp(&a.modified)));
    posts.dedup_by(|later, earlier| later.id == earlier.id);
    sort_newest_first(&mut posts);
    posts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::Instant;

    fn post(id: u32, t: i64) -> Post {
        Post {
            id: id.to_string(),
            title: format!("t{id}"),
            published: Instant(t),
            modified: Instant(t),
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
        edited.modified = Instant(25);
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
        a.modified = Instant(50);
        a.title = "nou".into();
        let v = dedupe(vec![post(1, 10), a, post(2, 20)]);
        assert_eq!(ids(&v), ["2", "1"]);
        assert_eq!(v[1].title, "nou");
    }

    /// Random publish/edit/delete sequences against a model server: after the
    /// reader accepts, the list always equals the server's newest N exactly.
    #[test]
    fn long_random_sequences_converge_to_the_servers_newest() {
        let mut seed = 0x5eed_u64;
        let mut rnd = |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % n.max(1)
        };
        for round in 0..40 {
            let cap = 1 + rnd(8) as usize;
            let window = cap + rnd(10) as usize;
            let auto = round % 3 == 0;
            let mut server: Vec<Post> = (0..rnd(20) as u32).map(|i| post(i, i as i64 * 10)).collect();
            let mut next_id = 1000u32;
            let mut clock = 10_000i64;
            let mut l = LiveList::new(cap);
            let newest = |server: &Vec<Post>, n: usize| {
                let mut s = server.clone();
                sort_newest_first(&mut s);
                s.truncate(n);
                s
            };
            for step in 0..500 {
                match rnd(10) {
                    0..=3 => {
                        clock += 1 + rnd(5) as i64;
                        server.push(post(next_id, clock));
                        next_id += 1;
                    }
                    4..=5 if !server.is_empty() => {
                        let i = rnd(server.len() as u64) as usize;
                        clock += 1;
                        server[i].title = format!("edit {step}");
                        server[i].modified = Instant(clock);
                    }
                    6..=7 if !server.is_empty() => {
                        let i = rnd(server.len() as u64) as usize;
                        server.remove(i);
                    }
                    _ => {}
                }
                let snap = newest(&server, window);
                let complete = snap.len() < window;
                l.apply_snapshot(snap, complete, auto);
                // Invariants at every step: no duplicates, sorted, nothing deleted inside the window shown.
                let all: Vec<&str> = l.shown.iter().chain(&l.pending).map(|p| p.id.as_str()).collect();
                let mut uniq = all.clone();
                uniq.sort();
                uniq.dedup();
                assert_eq!(uniq.len(), all.len(), "duplicate ids");
                assert!(
                    l.shown.windows(2).all(|w| w[0].published >= w[1].published),
                    "misordered"
                );
                assert!(l.shown.len() <= cap);
                if rnd(4) == 0 {
                    l.accept_pending();
                    assert_eq!(l.shown, newest(&server, cap), "round {round} step {step}");
                }
            }
        }
    }
}
