//! The server's side of the `web` seam: what the components call while
//! ziar-server renders them to HTML. It mirrors `src/web/` path for path, so a
//! view never needs a `cfg`: where the browser reads the DOM, `Intl` or the
//! clock, this reads the request being rendered ([`Render`]), ICU4X and the
//! server's clock; where the browser reacts to readers (clicks, timers,
//! polling), this does nothing, since no reader is there yet.
//!
//! Everything here runs inside one synchronous render on one thread, under the
//! reactive owner the server creates for that request.
//!
//! [`Render`]: crate::web::Render

pub mod api;
pub mod body;
pub mod clock;
pub mod head;
pub mod history;
pub mod intl;
pub mod live;
pub mod prefetch;
pub mod sanitize_dom;
pub mod sanitize_html;
pub mod scroll;
pub mod share;
pub mod theme;
pub mod timer;

use crate::time::Instant;
use leptos::prelude::*;
use std::sync::{Arc, Mutex};

/// The request being rendered, provided as context by the server.
#[derive(Debug, Clone)]
pub struct Render {
    /// The page's path, decoded as the browser's `decodeURI` would (`/articol/știri`).
    pub path: String,
    /// The page's absolute URL, as readers and crawlers should cite it.
    pub url: String,
    /// `scheme://host[:port]` of the public site.
    pub origin: String,
    /// The public URL's path without its trailing slash (`""` at the root).
    pub base: String,
    /// The server's clock for this render.
    pub now: Instant,
    /// The IANA time zone dates are written in.
    pub time_zone: String,
    /// What the components asked to put in `<head>` and on `<html>`.
    pub head: Arc<Mutex<head::Head>>,
}

impl Render {
    /// A render of `path` on the site at `origin` + `base`.
    pub fn new(origin: &str, base: &str, path: &str, now: Instant, time_zone: &str) -> Render {
        let origin = origin.trim_end_matches('/').to_owned();
        let raw_path = crate::endpoints::encode_path(path);
        Render {
            path: path.to_owned(),
            url: format!("{origin}{raw_path}"),
            base: crate::paths::router_base(base),
            origin,
            now,
            time_zone: time_zone.to_owned(),
            head: Arc::default(),
        }
    }
}

/// The render in progress. Outside one (a host test building a component
/// alone) a neutral default: the root of `http://localhost`, now.
pub(crate) fn render() -> Render {
    use_context::<Render>().unwrap_or_else(|| Render::new("http://localhost", "/", "/", Instant::now_system(), "UTC"))
}

/// The document's base URL: the public site's root.
pub fn base_uri() -> String {
    let r = render();
    format!("{}{}/", r.origin, r.base)
}

/// Resolves a possibly relative URL against the public site, like a link would.
pub fn absolute_url(url: &str) -> String {
    crate::model::resolve_url(&base_uri(), url)
}

/// The public URL's path without its trailing slash, for the router.
pub fn router_base() -> String {
    render().base
}

/// An app route as a link under the public URL.
pub fn app_href(route: &str) -> String {
    crate::paths::app_href(&router_base(), route)
}

/// The render's clock (one instant for the whole page, so every relative time agrees).
pub fn now() -> Instant {
    render().now
}

/// Performance marks are the browser's; nothing to mark here.
pub fn mark(_name: &'static str) {}

/// In-page jumps happen in the browser only.
pub fn jump_to(_ev: leptos::ev::MouseEvent, _id: &str) {}

/// Focus moves happen in the browser only.
pub fn focus_nth(_selector: &'static str, _index: u32) {}
