//! Small inline SVG icons, drawn for Ziar: simple strokes on a 24×24 grid in
//! `currentColor`, so they follow the theme and never cost a request.

use leptos::prelude::*;

/// Path data for an icon name (a share target or follow-us network id, or
/// `share`); an unknown name gets a plain link glyph.
fn path(name: &str) -> &'static str {
    match name {
        "share" => "M6 10a2 2 0 1 0 0 4a2 2 0 1 0 0-4M18 3a2 2 0 1 0 0 4a2 2 0 1 0 0-4M18 17a2 2 0 1 0 0 4a2 2 0 1 0 0-4M7.8 11l8.4-5M7.8 13l8.4 5",
        "facebook" => "M15.5 4H14a3.5 3.5 0 0 0-3.5 3.5V21M7 11h8",
        "x" => "M4 4h4.5L20 20h-4.5zM19.5 4l-6.4 7.2M4.5 20l6.4-7.2",
        "whatsapp" => "M4 20l1.3-4.2A8 8 0 1 1 8.4 18.8zM9 9c0 3 3 6 6 6",
        "telegram" => "M21 4L3 11.5l6 2L11 20l3-4.5 5 3.5zM9 13.5L21 4",
        "linkedin" => "M6 10v9M6 5.5v.01M10.5 19v-9M10.5 14a3.5 3.5 0 0 1 7 0V19",
        "reddit" => "M4 14.5a8 5 0 1 0 16 0a8 5 0 1 0-16 0M12 9.5L13.5 4l4 1M17.5 5v.01M9 14v.01M15 14v.01M9.5 17c1.5 1 3.5 1 5 0",
        "mastodon" => "M8 17c-3 0-4-2-4-6.5S5.5 4 12 4s8 2 8 6.5-1 6-4 6h-3.5c-2 0-3 .8-3 2 0 1.8 3 2 6.5 1M9 13V9.5a1.5 1.5 0 0 1 3 0V12M12 12V9.5a1.5 1.5 0 0 1 3 0V13",
        "bluesky" => "M12 11C10 7 6.5 4.5 4.5 5S4 10.5 7.5 12C4.5 13 4.5 16 7 17s4-1.5 5-4c1 2.5 2.5 5 5 4s2.5-4-.5-5c3.5-1.5 5-6.5 3-7s-5.5 2-7.5 6",
        "email" => "M3 6h18v12H3zM3 6l9 7 9-7",
        "copy" => "M9 9h11v11H9zM15 9V4H4v11h5",
        "instagram" => "M4 8a4 4 0 0 1 4-4h8a4 4 0 0 1 4 4v8a4 4 0 0 1-4 4H8a4 4 0 0 1-4-4zM9 12a3 3 0 1 0 6 0a3 3 0 1 0-6 0M16.5 7.5v.01",
        "youtube" => "M3 8.5A3.5 3.5 0 0 1 6.5 5h11A3.5 3.5 0 0 1 21 8.5v7a3.5 3.5 0 0 1-3.5 3.5h-11A3.5 3.5 0 0 1 3 15.5zM10 9v6l5-3z",
        "tiktok" => "M14 4v11a4 4 0 1 1-4-4M14 4c0 3 2 5 5 5",
        "rss" => "M5 19v.01M5 12a7 7 0 0 1 7 7M5 5a14 14 0 0 1 14 14",
        "jsonfeed" => "M9 4H8a2 2 0 0 0-2 2v4l-2 2 2 2v4a2 2 0 0 0 2 2h1M15 4h1a2 2 0 0 1 2 2v4l2 2-2 2v4a2 2 0 0 1-2 2h-1",
        "google_news" => "M4 5h13v14H6a2 2 0 0 1-2-2zM17 9h3v8a2 2 0 0 1-2 2M7 9h7M7 12.5h7M7 16h4",
        _ => "M10 14l4-4M8.5 11.5l-2 2a3 3 0 0 0 4 4l2-2M15.5 12.5l2-2a3 3 0 0 0-4-4l-2 2",
    }
}

/// A decorative icon: hidden from assistive technology (the label says it all).
#[component]
pub fn Icon(name: &'static str) -> impl IntoView {
    view! {
        <svg class="ziar-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"
            fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
            <path d=path(name)/>
        </svg>
    }
}
