//! The head tags of a page: what link previews (Open Graph, Twitter cards)
//! and search engines (canonical, JSON-LD) read. Pure, so the server and the
//! browser write the same tags and the host tests check them; components hand
//! them to `web::head`.

use crate::model::Post;

/// One head element: its tag and two attributes (`("meta", [("property",
/// "og:title"), ("content", …)])`).
pub type Tag = (&'static str, [(&'static str, String); 2]);

/// A page's `<title>`: "`text` – `site`", or the site's name alone.
pub fn page_title(site: &str, text: &str) -> String {
    if text.is_empty() {
        site.to_owned()
    } else {
        format!("{text} – {site}")
    }
}

fn name(n: &'static str, v: String) -> Tag {
    ("meta", [("name", n.into()), ("content", v)])
}

fn property(p: &'static str, v: String) -> Tag {
    ("meta", [("property", p.into()), ("content", v)])
}

fn canonical(url: String) -> Tag {
    ("link", [("rel", "canonical".into()), ("href", url)])
}

/// An article's description, canonical, Open Graph and Twitter tags.
pub fn article_tags(post: &Post, site_name: &str, description: &str) -> Vec<Tag> {
    let card = if post.image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    let mut tags = vec![
        name("description", description.to_owned()),
        property("og:type", "article".into()),
        property("og:site_name", site_name.to_owned()),
        property("og:title", post.title.clone()),
        property("og:description", description.to_owned()),
        name("twitter:card", card.into()),
        name("twitter:title", post.title.clone()),
        name("twitter:description", description.to_owned()),
    ];
    if let Some(t) = post.published {
        tags.push(property("article:published_time", t.to_rfc3339()));
    }
    if let Some(t) = post.modified {
        tags.push(property("article:modified_time", t.to_rfc3339()));
    }
    if let Some(u) = post.url.clone() {
        tags.push(canonical(u.clone()));
        tags.push(property("og:url", u));
    }
    if let Some(img) = &post.image {
        tags.push(property("og:image", img.url.clone()));
        if let (Some(w), Some(h)) = (img.width, img.height) {
            tags.push(property("og:image:width", w.to_string()));
            tags.push(property("og:image:height", h.to_string()));
        }
        if !img.alt.is_empty() {
            tags.push(property("og:image:alt", img.alt.clone()));
        }
        tags.push(name("twitter:image", img.url.clone()));
        tags.push(name("twitter:image:alt", img.alt.clone()));
    }
    tags
}

/// A page that lists posts (home, category, author), at `url`: a canonical
/// link and a `website` card with the page's name (`title`, or the site's).
pub fn list_page_tags(site_name: &str, title: &str, url: String) -> Vec<Tag> {
    let title = if title.is_empty() { site_name } else { title };
    vec![
        canonical(url.clone()),
        property("og:type", "website".into()),
        property("og:site_name", site_name.to_owned()),
        property("og:title", title.to_owned()),
        property("og:url", url),
        name("twitter:card", "summary".into()),
        name("twitter:title", title.to_owned()),
    ]
}

/// A schema.org `NewsArticle` for search engines, as JSON-LD.
pub fn news_article_json_ld(post: &Post, site_name: &str, description: &str) -> String {
    let mut doc = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": post.title,
        "description": description,
        "publisher": { "@type": "Organization", "name": site_name },
    });
    if let Some(t) = post.published {
        doc["datePublished"] = t.to_rfc3339().into();
    }
    if let Some(t) = post.modified.or(post.published) {
        doc["dateModified"] = t.to_rfc3339().into();
    }
    if let Some(url) = &post.url {
        doc["mainEntityOfPage"] = url.as_str().into();
    }
    if let Some(img) = &post.image {
        doc["image"] = vec![img.url.clone()].into();
    }
    let authors: Vec<serde_json::Value> = post
        .authors
        .iter()
        .filter(|a| !a.name.is_empty())
        .map(|a| {
            let mut p = serde_json::json!({ "@type": "Person", "name": a.name });
            if let Some(u) = &a.url {
                p["url"] = u.as_str().into();
            }
            p
        })
        .collect();
    if !authors.is_empty() {
        doc["author"] = authors.into();
    }
    if let Some(section) = post.categories.first().filter(|c| !c.name.is_empty()) {
        doc["articleSection"] = section.name.as_str().into();
    }
    doc.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Author, Image, Term};
    use crate::time::Instant;

    fn content<'a>(tags: &'a [Tag], key: &str) -> Vec<&'a str> {
        tags.iter()
            .filter(|(_, [(_, k), _])| k == key)
            .map(|(_, [_, (_, v)])| v.as_str())
            .collect()
    }

    fn post() -> Post {
        Post {
            title: "Podul „Nou” & <b>".into(),
            url: Some("https://site.ro/podul-nou/".into()),
            published: Some(Instant(1_764_000_000_000)),
            image: Some(Image {
                url: "https://site.ro/p.jpg".into(),
                alt: "Podul".into(),
                width: Some(1200),
                height: Some(630),
                ..Default::default()
            }),
            authors: vec![Author {
                name: "Ana Pop".into(),
                ..Default::default()
            }],
            categories: vec![Term {
                name: "Local".into(),
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    #[test]
    fn titles_name_the_page_then_the_site() {
        assert_eq!(page_title("Ziar", "Podul"), "Podul – Ziar");
        assert_eq!(page_title("Ziar", ""), "Ziar");
    }

    #[test]
    fn an_article_gets_a_large_card_with_its_image_and_canonical() {
        let tags = article_tags(&post(), "Ziar", "Despre pod");
        assert_eq!(content(&tags, "og:title"), ["Podul „Nou” & <b>"]);
        assert_eq!(content(&tags, "og:type"), ["article"]);
        assert_eq!(content(&tags, "description"), ["Despre pod"]);
        assert_eq!(content(&tags, "twitter:card"), ["summary_large_image"]);
        assert_eq!(content(&tags, "og:image:width"), ["1200"]);
        assert_eq!(content(&tags, "canonical"), ["https://site.ro/podul-nou/"]);
        assert_eq!(content(&tags, "og:url"), ["https://site.ro/podul-nou/"]);
        assert_eq!(content(&tags, "article:published_time").len(), 1);
        assert!(content(&tags, "article:modified_time").is_empty());
        let bare = article_tags(&Post::default(), "Ziar", "");
        assert_eq!(content(&bare, "twitter:card"), ["summary"]);
        assert!(content(&bare, "canonical").is_empty() && content(&bare, "og:image").is_empty());
    }

    #[test]
    fn a_list_page_is_a_website_card_named_after_the_page_or_the_site() {
        let tags = list_page_tags("Ziar", "Sport", "https://site.ro/categorie/sport".into());
        assert_eq!(content(&tags, "og:type"), ["website"]);
        assert_eq!(content(&tags, "og:title"), ["Sport"]);
        assert_eq!(content(&tags, "og:site_name"), ["Ziar"]);
        assert_eq!(content(&tags, "canonical"), ["https://site.ro/categorie/sport"]);
        let home = list_page_tags("Ziar", "", "https://site.ro/".into());
        assert_eq!(content(&home, "og:title"), ["Ziar"]);
        assert_eq!(content(&home, "twitter:title"), ["Ziar"]);
    }

    #[test]
    fn json_ld_names_the_article_its_people_and_section() {
        let doc: serde_json::Value =
            serde_json::from_str(&news_article_json_ld(&post(), "Ziar", "Despre pod")).unwrap();
        assert_eq!(doc["@type"], "NewsArticle");
        assert_eq!(doc["headline"], "Podul „Nou” & <b>");
        assert_eq!(doc["publisher"]["name"], "Ziar");
        assert_eq!(doc["author"][0]["name"], "Ana Pop");
        assert_eq!(doc["articleSection"], "Local");
        assert_eq!(doc["dateModified"], doc["datePublished"]);
        assert_eq!(doc["mainEntityOfPage"], "https://site.ro/podul-nou/");
    }
}
