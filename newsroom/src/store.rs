//! The in-memory newsroom: posts, authors and terms, with a change counter.

use crate::content::{Author, Content, ImageSeed, LiveTemplate, Site, Term};
use crate::time::now_unix;

/// Offset added to a post id to get its featured media id.
pub const MEDIA_ID_OFFSET: u64 = 100_000;

/// A published post with absolute (UTC) times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    /// Post id.
    pub id: u64,
    /// URL slug.
    pub slug: String,
    /// Plain-text title.
    pub title: String,
    /// Plain-text excerpt.
    pub excerpt: String,
    /// HTML body with `{base}` placeholders.
    pub content_html: String,
    /// Author id.
    pub author: u64,
    /// Category ids.
    pub categories: Vec<u64>,
    /// Tag ids.
    pub tags: Vec<u64>,
    /// Publish time, Unix seconds UTC.
    pub date_gmt: i64,
    /// Last modification time, Unix seconds UTC.
    pub modified_gmt: i64,
    /// Featured image, if any.
    pub image: Option<ImageSeed>,
}

impl Post {
    /// Featured media id (`0` when the post has no image).
    pub fn featured_media(&self) -> u64 {
        if self.image.is_some() {
            self.id + MEDIA_ID_OFFSET
        } else {
            0
        }
    }
}

/// Everything the API serves. Every mutation bumps [`Store::version`] and
/// sets [`Store::last_changed`].
#[derive(Debug, Clone)]
pub struct Store {
    /// Site settings.
    pub site: Site,
    /// Authors.
    pub authors: Vec<Author>,
    /// Categories.
    pub categories: Vec<Term>,
    /// Tags.
    pub tags: Vec<Term>,
    /// Posts, in no particular order.
    pub posts: Vec<Post>,
    /// Templates for live publishing.
    pub templates: Vec<LiveTemplate>,
    /// Index of the next template to publish.
    pub next_template: usize,
    /// Monotonic change counter.
    pub version: u64,
    /// Time of the last change, Unix seconds UTC.
    pub last_changed: i64,
}

impl Store {
    /// Builds the store from content, dating posts relative to `now`.
    pub fn from_content(content: &Content, now: i64) -> Self {
        let posts = content
            .posts
            .iter()
            .map(|p| {
                let date_gmt = now - p.minutes_ago * 60;
                let modified_gmt = p
                    .modified_minutes_ago
                    .map_or(date_gmt, |m| (now - m * 60).max(date_gmt));
                Post {
                    id: p.id,
                    slug: p.slug.clone(),
                    title: p.title.clone(),
                    excerpt: p.excerpt.clone(),
                    content_html: p.content_html.clone(),
                    author: p.author,
                    categories: p.categories.clone(),
                    tags: p.tags.clone(),
                    date_gmt,
                    modified_gmt,
                    image: p.image.clone(),
                }
            })
            .collect();
        Store {
            site: content.site.clone(),
            authors: content.authors.clone(),
            categories: content.categories.clone(),
            tags: content.tags.clone(),
            posts,
            templates: content.live_templates.clone(),
            next_template: 0,
            version: 1,
            last_changed: now,
        }
    }

    /// Records a change made at `now`.
    pub fn touch(&mut self, now: i64) {
        self.version += 1;
        self.last_changed = self.last_changed.max(now);
    }

    /// Replaces the contents with `other`, keeping the version monotonic.
    pub fn restore(&mut self, other: &Store) {
        let (version, last) = (self.version, self.last_changed);
        *self = other.clone();
        self.version = version;
        self.last_changed = last;
        self.touch(now_unix());
    }

    /// Post by id.
    pub fn post(&self, id: u64) -> Option<&Post> {
        self.posts.iter().find(|p| p.id == id)
    }

    /// Author by id.
    pub fn author(&self, id: u64) -> Option<&Author> {
        self.authors.iter().find(|a| a.id == id)
    }

    /// Category by id.
    pub fn category(&self, id: u64) -> Option<&Term> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// Tag by id.
    pub fn tag(&self, id: u64) -> Option<&Term> {
        self.tags.iter().find(|t| t.id == id)
    }

    /// Edits a post's title and/or excerpt at `now` (its `modified_gmt` moves
    /// on). Returns the edited post, or `None` for an unknown id.
    pub fn edit_post(&mut self, id: u64, title: Option<String>, excerpt: Option<String>, now: i64) -> Option<Post> {
        let post = self.posts.iter_mut().find(|p| p.id == id)?;
        if let Some(t) = title.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()) {
            post.title = t;
        }
        if let Some(e) = excerpt.map(|e| e.trim().to_string()).filter(|e| !e.is_empty()) {
            post.excerpt = e;
        }
        post.modified_gmt = now.max(post.date_gmt);
        let edited = post.clone();
        self.touch(now);
        Some(edited)
    }

    /// Deletes a post at `now`. Returns whether it existed.
    pub fn delete_post(&mut self, id: u64, now: i64) -> bool {
        let before = self.posts.len();
        self.posts.retain(|p| p.id != id);
        let deleted = self.posts.len() != before;
        if deleted {
            self.touch(now);
        }
        deleted
    }

    /// Publishes the next live template at `now`, optionally overriding its
    /// title and its HTML body (tests publish attack payloads this way).
    /// Returns the new post, or `None` when there are no templates.
    pub fn publish_next(&mut self, title: Option<String>, content_html: Option<String>, now: i64) -> Option<Post> {
        if self.templates.is_empty() {
            return None;
        }
        let template = self.templates[self.next_template % self.templates.len()].clone();
        self.next_template = (self.next_template + 1) % self.templates.len();
        let id = self.posts.iter().map(|p| p.id).max().unwrap_or(0) + 1;
        let title = title
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .unwrap_or(template.title);
        let base = slugify(&title);
        let slug = if base.is_empty() {
            format!("stire-{id}")
        } else {
            format!("{base}-{id}")
        };
        let post = Post {
            id,
            slug,
            title,
            excerpt: template.excerpt,
            content_html: content_html.unwrap_or(template.content_html),
            author: template.author,
            categories: template.categories,
            tags: template.tags,
            date_gmt: now,
            modified_gmt: now,
            image: template.image,
        };
        self.posts.push(post.clone());
        self.touch(now);
        Some(post)
    }
}

/// Turns a title into a URL slug: lowercase ASCII, Romanian diacritics
/// folded, runs of other characters collapsed to `-`, at most 80 chars.
pub fn slugify(title: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in fold_diacritics(title).chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
        if out.len() >= 80 {
            break;
        }
    }
    out
}

/// Lowercases and removes the diacritics common in Romanian (and a few
/// other Latin letters), for slugs and accent-insensitive search.
pub fn fold_diacritics(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ă' | 'â' | 'á' | 'à' | 'ä' | 'ã' | 'å' => 'a',
            'î' | 'í' | 'ì' | 'ï' => 'i',
            'ș' | 'ş' | 'š' | 'ś' => 's',
            'ț' | 'ţ' => 't',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' | 'č' | 'ć' => 'c',
            'ñ' | 'ń' => 'n',
            'ž' | 'ź' | 'ż' => 'z',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_romanian() {
        assert_eq!(slugify("Știri: „Țară” și Ăla — 2024!"), "stiri-tara-si-ala-2024");
        assert_eq!(slugify("  "), "");
    }
}
