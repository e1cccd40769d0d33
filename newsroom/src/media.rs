//! Generated SVG pictures: post illustrations, author avatars and a
//! stylised map, served under `/media/`.

use std::fmt::Write as _;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use crate::http::with_etag;
use crate::query::Query;
use crate::wp::{IMAGE_HEIGHT, IMAGE_WIDTH};
use crate::SharedState;

/// Largest width or height accepted for a sized variant.
pub const MAX_SIZE: u32 = 4000;

/// Colours of one illustration theme.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    /// Sky gradient, top.
    pub sky_top: &'static str,
    /// Sky gradient, horizon.
    pub sky_bottom: &'static str,
    /// Sun (or moon).
    pub sun: &'static str,
    /// Hill layers, back to front.
    pub hills: [&'static str; 3],
}

/// Themes, picked by the post's first category.
pub const PALETTES: [Palette; 6] = [
    Palette {
        sky_top: "#1e3c72",
        sky_bottom: "#f7b267",
        sun: "#ffd166",
        hills: ["#2a9d8f", "#264653", "#1b3a4b"],
    },
    Palette {
        sky_top: "#4facfe",
        sky_bottom: "#c2e9fb",
        sun: "#fff3b0",
        hills: ["#90be6d", "#43aa8b", "#277da1"],
    },
    Palette {
        sky_top: "#3a1c71",
        sky_bottom: "#ffaf7b",
        sun: "#ff7e5f",
        hills: ["#6d597a", "#355070", "#2b2d42"],
    },
    Palette {
        sky_top: "#66a6ff",
        sky_bottom: "#89f7fe",
        sun: "#ffe066",
        hills: ["#52b788", "#2d6a4f", "#1b4332"],
    },
    Palette {
        sky_top: "#f6d365",
        sky_bottom: "#fda085",
        sun: "#fffbe6",
        hills: ["#dda15e", "#bc6c25", "#606c38"],
    },
    Palette {
        sky_top: "#0f2027",
        sky_bottom: "#2c5364",
        sun: "#f1faee",
        hills: ["#1d3557", "#14213d", "#000814"],
    },
];

/// Avatar background colours.
const AVATAR_COLOURS: [&str; 8] = [
    "#e63946", "#457b9d", "#2a9d8f", "#e76f51", "#6d597a", "#2b9348", "#bc6c25", "#3a0ca3",
];

/// A small deterministic random generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// Seeds the generator.
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A value in `lo..hi` (integers, `hi > lo`).
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next_u64() % (hi - lo).max(1) as u64) as i64
    }
}

/// Escapes text for XML content and attributes.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}

/// A closed, smoothed hill shape through `points`, filled down to the
/// bottom edge.
fn hill_path(points: &[(i64, i64)], bottom: i64) -> String {
    let mut d = String::new();
    let Some(first) = points.first() else {
        return d;
    };
    let _ = write!(d, "M0 {bottom} L{} {}", first.0, first.1);
    for pair in points.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let _ = write!(d, " Q{} {} {} {}", a.0, a.1, (a.0 + b.0) / 2, (a.1 + b.1) / 2);
    }
    if let Some(last) = points.last() {
        let _ = write!(d, " L{} {}", last.0, last.1);
    }
    let _ = write!(d, " L{} {bottom} Z", IMAGE_WIDTH);
    d
}

/// Draws the illustration of post `id` at `width`x`height` with the given
/// theme and `<title>`. The drawing is made on a 1200x675 canvas and fitted
/// (cropped, not stretched) to the requested size.
pub fn post_svg(id: u64, palette: &Palette, title: &str, width: u32, height: u32) -> String {
    let mut rng = Rng::new(id);
    let (w, h) = (i64::from(IMAGE_WIDTH), i64::from(IMAGE_HEIGHT));
    let sun_x = rng.range(150, 1050);
    let sun_y = rng.range(110, 260);
    let sun_r = rng.range(48, 90);
    let mut s = String::with_capacity(4096);
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-labelledby="t{id}"><title id="t{id}">{t}</title><svg width="{width}" height="{height}" viewBox="0 0 {w} {h}" preserveAspectRatio="xMidYMid slice"><defs><linearGradient id="sky{id}" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="{top}"/><stop offset="1" stop-color="{bottom}"/></linearGradient><radialGradient id="glow{id}"><stop offset="0" stop-color="{sun}" stop-opacity="0.55"/><stop offset="1" stop-color="{sun}" stop-opacity="0"/></radialGradient></defs><rect width="{w}" height="{h}" fill="url(#sky{id})"/><circle cx="{sun_x}" cy="{sun_y}" r="{glow}" fill="url(#glow{id})"/><circle cx="{sun_x}" cy="{sun_y}" r="{sun_r}" fill="{sun}"/>"#,
        t = xml_escape(title),
        top = palette.sky_top,
        bottom = palette.sky_bottom,
        sun = palette.sun,
        glow = sun_r * 3,
    );
    for _ in 0..rng.range(2, 5) {
        let cx = rng.range(60, 1140);
        let cy = rng.range(70, 230);
        let rx = rng.range(50, 110);
        let _ = write!(
            s,
            r##"<g fill="#ffffff" opacity="0.7"><ellipse cx="{cx}" cy="{cy}" rx="{rx}" ry="{ry}"/><ellipse cx="{c2}" cy="{c2y}" rx="{r2}" ry="{r2y}"/></g>"##,
            ry = rx / 3,
            c2 = cx + rx / 2,
            c2y = cy - rx / 6,
            r2 = rx / 2,
            r2y = rx / 4,
        );
    }
    for (layer, colour) in palette.hills.iter().enumerate() {
        let layer = layer as i64;
        let base_y = 380 + layer * 95;
        let steps = 6 + layer * 2;
        let points: Vec<(i64, i64)> = (0..=steps)
            .map(|i| (i * w / steps, base_y + rng.range(-70, 50)))
            .collect();
        let _ = write!(s, r#"<path d="{}" fill="{colour}"/>"#, hill_path(&points, h));
    }
    for _ in 0..rng.range(0, 4) {
        let x = rng.range(200, 1000);
        let y = rng.range(150, 320);
        let span = rng.range(10, 22);
        let _ = write!(
            s,
            r##"<path d="M{} {y} q{} -{} {span} 0 q{} -{} {span} 0" fill="none" stroke="#1d1d1d" stroke-opacity="0.6" stroke-width="3"/>"##,
            x - span,
            span / 2,
            span / 2,
            span / 2,
            span / 2,
        );
    }
    s.push_str("</svg></svg>");
    s
}

/// A round avatar with the author's initials.
pub fn avatar_svg(id: u64, name: &str, size: u32) -> String {
    let initials: String = name
        .split_whitespace()
        .filter_map(|word| word.chars().find(|c| c.is_alphanumeric()))
        .take(2)
        .flat_map(char::to_uppercase)
        .collect();
    let colour = AVATAR_COLOURS[(id as usize) % AVATAR_COLOURS.len()];
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 96 96" role="img" aria-labelledby="a{id}"><title id="a{id}">{name}</title><circle cx="48" cy="48" r="48" fill="{colour}"/><circle cx="48" cy="48" r="44" fill="none" stroke="#ffffff" stroke-opacity="0.35" stroke-width="2"/><text x="48" y="49" text-anchor="middle" dominant-baseline="central" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="36" font-weight="600" fill="#ffffff">{initials}</text></svg>"##,
        name = xml_escape(name),
        initials = xml_escape(&initials),
    )
}

/// A stylised map of Romania (960x540) for use inside article bodies.
pub fn map_svg() -> String {
    const OUTLINE: &str = "M72 256 L135 190 L225 114 L306 76 L405 81 L495 86 L639 52 L711 105 L774 181 L783 257 L819 314 L909 342 L918 380 L846 418 L819 480 L702 447 L558 485 L450 480 L315 470 L261 409 L171 380 L117 314 Z";
    const CITIES: [(&str, i64, i64); 6] = [
        ("București", 594, 415),
        ("Cluj-Napoca", 369, 193),
        ("Iași", 729, 156),
        ("Timișoara", 156, 290),
        ("Constanța", 824, 440),
        ("Brașov", 549, 299),
    ];
    let mut s = String::with_capacity(4096);
    s.push_str(r##"<svg xmlns="http://www.w3.org/2000/svg" width="960" height="540" viewBox="0 0 960 540" role="img" aria-labelledby="harta"><title id="harta">Hartă stilizată a României cu principalele orașe</title><defs><pattern id="grid" width="40" height="40" patternUnits="userSpaceOnUse"><path d="M40 0H0V40" fill="none" stroke="#ffffff" stroke-opacity="0.25"/></pattern></defs><rect width="960" height="540" fill="#a8dadc"/><rect width="960" height="540" fill="url(#grid)"/>"##);
    let _ = write!(
        s,
        r##"<path d="{OUTLINE}" fill="#f1e3c6" stroke="#6b705c" stroke-width="3" stroke-linejoin="round"/>"##
    );
    s.push_str(r##"<path d="M330 95 Q520 90 560 220 Q565 300 420 322 Q300 335 228 300" fill="none" stroke="#a98467" stroke-width="26" stroke-linecap="round" stroke-opacity="0.45"/>"##);
    for (x, y) in [
        (360, 98),
        (450, 100),
        (530, 150),
        (556, 225),
        (500, 305),
        (400, 322),
        (300, 322),
    ] {
        let _ = write!(
            s,
            r##"<path d="M{} {} l14 -24 l14 24 Z" fill="#7f5539" opacity="0.8"/>"##,
            x - 14,
            y + 10
        );
    }
    s.push_str(r##"<path d="M171 380 Q220 400 261 409 Q290 440 315 470 Q400 482 450 480 Q520 486 558 485 Q640 470 702 447 Q750 430 768 400 Q780 350 800 325 Q850 330 909 342" fill="none" stroke="#457b9d" stroke-width="6" stroke-linecap="round"/>"##);
    s.push_str(r##"<text x="640" y="505" font-family="system-ui, sans-serif" font-size="16" font-style="italic" fill="#1d3557">Dunărea</text><text x="945" y="505" font-family="system-ui, sans-serif" font-size="16" font-style="italic" fill="#1d3557" text-anchor="end">Marea Neagră</text>"##);
    for (name, x, y) in CITIES {
        let _ = write!(
            s,
            r##"<circle cx="{x}" cy="{y}" r="7" fill="#e63946" stroke="#ffffff" stroke-width="2"/><text x="{tx}" y="{ty}" font-family="system-ui, sans-serif" font-size="18" font-weight="600" fill="#1d1d1d">{name}</text>"##,
            tx = x + 11,
            ty = y - 8,
            name = xml_escape(name),
        );
    }
    s.push_str(r##"<g transform="translate(880 80)"><circle r="34" fill="#ffffff" opacity="0.8"/><path d="M0 -28 L8 0 L0 28 L-8 0 Z" fill="#1d3557"/><path d="M0 -28 L8 0 L-8 0 Z" fill="#e63946"/><text y="-38" text-anchor="middle" font-family="system-ui, sans-serif" font-size="16" font-weight="700" fill="#1d3557">N</text></g>"##);
    s.push_str(r##"<g transform="translate(24 470)"><rect width="210" height="50" rx="8" fill="#ffffff" opacity="0.85"/><circle cx="22" cy="25" r="7" fill="#e63946"/><text x="38" y="31" font-family="system-ui, sans-serif" font-size="16" fill="#1d1d1d">Oraș important</text></g></svg>"##);
    s
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "Not found").into_response()
}

/// Parses `post-{id}.svg` / `post-{id}-{w}x{h}.svg`.
fn parse_post_file(name: &str) -> Option<(u64, Option<(u32, u32)>)> {
    let stem = name.strip_prefix("post-")?.strip_suffix(".svg")?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match stem.split_once('-') {
        None if digits(stem) => Some((stem.parse().ok()?, None)),
        Some((id, size)) if digits(id) => {
            let (w, h) = size.split_once('x')?;
            if !digits(w) || !digits(h) {
                return None;
            }
            let (w, h): (u32, u32) = (w.parse().ok()?, h.parse().ok()?);
            if w == 0 || h == 0 || w > MAX_SIZE || h > MAX_SIZE {
                return None;
            }
            Some((id.parse().ok()?, Some((w, h))))
        }
        _ => None,
    }
}

/// `GET /media/{file}`: `post-{id}.svg`, `post-{id}-{w}x{h}.svg`,
/// `avatar-{authorId}.svg[?s=N]` and `figura-harta.svg`.
pub async fn serve_media(
    State(st): State<SharedState>,
    Path(file): Path<String>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let svg = if file == "figura-harta.svg" {
        Some(map_svg())
    } else if let Some((id, size)) = parse_post_file(&file) {
        let store = st.read_store();
        store.post(id).and_then(|post| {
            let image = post.image.as_ref()?;
            let palette_index = post
                .categories
                .first()
                .and_then(|c| store.categories.iter().position(|x| x.id == *c))
                .unwrap_or((id % PALETTES.len() as u64) as usize);
            let palette = &PALETTES[palette_index % PALETTES.len()];
            let (w, h) = size.unwrap_or((IMAGE_WIDTH, IMAGE_HEIGHT));
            Some(post_svg(id, palette, &image.alt, w, h))
        })
    } else if let Some(id) = file
        .strip_prefix("avatar-")
        .and_then(|s| s.strip_suffix(".svg"))
        .and_then(|s| s.parse::<u64>().ok())
    {
        let size = Query::parse(uri.query())
            .get("s")
            .and_then(|s| s.parse::<u32>().ok())
            .map_or(96, |s| s.clamp(16, 512));
        let store = st.read_store();
        store.author(id).map(|a| avatar_svg(id, &a.name, size))
    } else {
        None
    };
    let Some(svg) = svg else {
        return not_found();
    };
    let mut res = Response::new(Body::from(svg));
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/svg+xml"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400"));
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    with_etag(res, &headers).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_media_names() {
        assert_eq!(parse_post_file("post-12.svg"), Some((12, None)));
        assert_eq!(parse_post_file("post-12-300x169.svg"), Some((12, Some((300, 169)))));
        assert_eq!(parse_post_file("post-12-0x169.svg"), None);
        assert_eq!(parse_post_file("post-x.svg"), None);
        assert_eq!(parse_post_file("post-12-300x.svg"), None);
    }

    #[test]
    fn svg_is_deterministic_and_escaped() {
        let a = post_svg(7, &PALETTES[0], "Ploaie & vânt <azi>", 1200, 675);
        assert_eq!(a, post_svg(7, &PALETTES[0], "Ploaie & vânt <azi>", 1200, 675));
        assert!(a.contains("<title id=\"t7\">Ploaie &amp; vânt &lt;azi&gt;</title>"));
        assert!(avatar_svg(3, "Ana Popescu", 48).contains(">AP</text>"));
    }
}
