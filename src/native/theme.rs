//! The config's theme on the server: `data-ziar-theme` goes on `<html>` and
//! the accent palette into the stylesheet ziar-server links (never an inline
//! `style`, so the strict CSP holds here too).

use crate::config::Config;

/// Records the theme attribute and accent for the page's `<head>`.
pub fn apply(cfg: &Config) {
    let r = super::render();
    let mut head = r.head.lock().unwrap_or_else(|e| e.into_inner());
    head.theme = cfg.theme_mode().attr();
    head.accent = cfg.accent_palette().map(|p| p.root_rule());
}
