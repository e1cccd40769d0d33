//! The demo content file (`content/posts.json`): schema and validation.
//!
//! The file is embedded into the binary with `include_str!`, so the server
//! is self-contained. Tests can load other fixtures with
//! [`Content::from_json`].

use std::collections::HashSet;

use serde::Deserialize;

/// The content file compiled into the binary.
pub const EMBEDDED_JSON: &str = include_str!("../content/posts.json");

/// Site-wide settings.
#[derive(Debug, Clone, Deserialize)]
pub struct Site {
    /// Site title, used in feeds and the REST index.
    pub name: String,
    /// Short handle, e.g. "AK-24".
    #[serde(default)]
    pub handle: String,
    /// Tagline.
    #[serde(default)]
    pub description: String,
    /// BCP 47 language tag, e.g. "ro-RO".
    #[serde(default)]
    pub language: String,
}

/// A byline author (a WordPress user).
#[derive(Debug, Clone, Deserialize)]
pub struct Author {
    /// User id.
    pub id: u64,
    /// Display name.
    pub name: String,
    /// URL slug (`/autor/{slug}`).
    pub slug: String,
    /// Short biography.
    #[serde(default)]
    pub description: String,
}

/// A category or tag (a WordPress term).
#[derive(Debug, Clone, Deserialize)]
pub struct Term {
    /// Term id.
    pub id: u64,
    /// Display name.
    pub name: String,
    /// URL slug.
    pub slug: String,
    /// Description (tags usually have none).
    #[serde(default)]
    pub description: String,
}

/// A featured image description; the picture itself is drawn by
/// [`crate::media`].
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct ImageSeed {
    /// Alternative text.
    pub alt: String,
    /// Optional caption (plain text).
    #[serde(default)]
    pub caption: Option<String>,
}

/// A post as written in the content file.
#[derive(Debug, Clone, Deserialize)]
pub struct PostSeed {
    /// Post id (unique, > 0).
    pub id: u64,
    /// URL slug (unique).
    pub slug: String,
    /// Plain-text title.
    pub title: String,
    /// Plain-text excerpt.
    pub excerpt: String,
    /// HTML body; `{base}` is replaced by the server's base URL.
    pub content_html: String,
    /// Author id.
    pub author: u64,
    /// Category ids.
    #[serde(default)]
    pub categories: Vec<u64>,
    /// Tag ids.
    #[serde(default)]
    pub tags: Vec<u64>,
    /// Published this many minutes before server start.
    pub minutes_ago: i64,
    /// Last modified this many minutes before server start (defaults to the
    /// publish time).
    #[serde(default)]
    pub modified_minutes_ago: Option<i64>,
    /// Featured image, if any.
    #[serde(default)]
    pub image: Option<ImageSeed>,
}

/// A template for posts published while the server runs.
#[derive(Debug, Clone, Deserialize)]
pub struct LiveTemplate {
    /// Plain-text title.
    pub title: String,
    /// Plain-text excerpt.
    pub excerpt: String,
    /// HTML body (with `{base}` placeholders).
    pub content_html: String,
    /// Author id.
    pub author: u64,
    /// Category ids.
    #[serde(default)]
    pub categories: Vec<u64>,
    /// Tag ids.
    #[serde(default)]
    pub tags: Vec<u64>,
    /// Featured image, if any.
    #[serde(default)]
    pub image: Option<ImageSeed>,
}

/// The whole content file.
#[derive(Debug, Clone, Deserialize)]
pub struct Content {
    /// Site settings.
    pub site: Site,
    /// Authors.
    pub authors: Vec<Author>,
    /// Categories.
    pub categories: Vec<Term>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<Term>,
    /// Initial posts.
    pub posts: Vec<PostSeed>,
    /// Templates for live publishing.
    #[serde(default)]
    pub live_templates: Vec<LiveTemplate>,
}

impl Content {
    /// Parses and validates a content file.
    pub fn from_json(json: &str) -> Result<Self, String> {
        let content: Content = serde_json::from_str(json).map_err(|e| format!("content file: {e}"))?;
        content.validate()?;
        Ok(content)
    }

    /// The content compiled into the binary.
    pub fn embedded() -> Result<Self, String> {
        Self::from_json(EMBEDDED_JSON)
    }

    /// Checks ids, slugs and cross references; returns every problem found.
    pub fn validate(&self) -> Result<(), String> {
        let mut problems = Vec::new();
        let authors = unique_ids("author", self.authors.iter().map(|a| a.id), &mut problems);
        let cats = unique_ids("category", self.categories.iter().map(|c| c.id), &mut problems);
        let tags = unique_ids("tag", self.tags.iter().map(|t| t.id), &mut problems);
        unique_ids("post", self.posts.iter().map(|p| p.id), &mut problems);
        let mut slugs = HashSet::new();
        for p in &self.posts {
            if p.id == 0 {
                problems.push("post id 0 is not allowed".to_string());
            }
            if p.slug.is_empty() || !slugs.insert(p.slug.as_str()) {
                problems.push(format!("post {}: empty or duplicate slug {:?}", p.id, p.slug));
            }
            check_refs(
                &format!("post {}", p.id),
                p.author,
                &p.categories,
                &p.tags,
                (&authors, &cats, &tags),
                &mut problems,
            );
        }
        for (i, t) in self.live_templates.iter().enumerate() {
            check_refs(
                &format!("live template {i}"),
                t.author,
                &t.categories,
                &t.tags,
                (&authors, &cats, &tags),
                &mut problems,
            );
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(format!("content file: {}", problems.join("; ")))
        }
    }
}

fn unique_ids(what: &str, ids: impl Iterator<Item = u64>, problems: &mut Vec<String>) -> HashSet<u64> {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            problems.push(format!("duplicate {what} id {id}"));
        }
    }
    seen
}

fn check_refs(
    who: &str,
    author: u64,
    categories: &[u64],
    tags: &[u64],
    known: (&HashSet<u64>, &HashSet<u64>, &HashSet<u64>),
    problems: &mut Vec<String>,
) {
    if !known.0.contains(&author) {
        problems.push(format!("{who}: unknown author {author}"));
    }
    for c in categories.iter().filter(|c| !known.1.contains(c)) {
        problems.push(format!("{who}: unknown category {c}"));
    }
    for t in tags.iter().filter(|t| !known.2.contains(t)) {
        problems.push(format!("{who}: unknown tag {t}"));
    }
}
