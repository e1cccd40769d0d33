//! Ziar: a news front end for any JSON news API.
//!
//! Layers, data flowing one way: `sources` (API JSON → model) → `model` →
//! `live` (polling, merging) → `components` → mount points (`main.rs`,
//! `bin/embed.rs`, and `ziar-server`, which renders the same components to HTML).
//! Everything above `web` and `components` is pure Rust, compiled and tested on
//! the host. `web` is the one seam between the components and their platform:
//! the browser glue in `src/web/` on wasm32, its server-side twin in
//! `src/native/` everywhere else (same paths, so no view needs a `cfg`).

// Leptos view types nest as deep as the markup; hydration (the `hydrate`
// build) adds a layer of futures around them, past rustc's default 128.
#![recursion_limit = "256"]

pub mod api_override;
pub mod config;
pub mod diagnose;
pub mod discovery;
pub mod embed;
pub mod endpoints;
pub mod error;
pub mod i18n;
pub mod inline_attrs;
pub mod live;
pub mod meta;
pub mod model;
pub mod outline;
pub mod paging;
pub mod paths;
pub mod preload;
pub mod sanitize;
pub mod share;
pub mod sources;
pub mod text;
pub mod theme;
pub mod time;

pub mod client;
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod web;
/// The server's side of the `web` seam (see `src/native/mod.rs`).
#[cfg(not(target_arch = "wasm32"))]
#[path = "native/mod.rs"]
pub mod web;
