//! Ziar: a news front end for any JSON news API.
//!
//! Layers, data flowing one way: `sources` (API JSON → model) → `model` →
//! `live` (polling, merging) → `components` → mount points (`main.rs`).
//! Everything above `web` and `components` is pure Rust, compiled and tested on
//! the host; browser glue lives in `web` and is compiled for wasm32 only.

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
pub mod model;
pub mod outline;
pub mod paging;
pub mod paths;
pub mod sanitize;
pub mod share;
pub mod sources;
pub mod text;
pub mod theme;
pub mod time;

#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod web;
