//! The shared clock on the server: the render's instant, never ticking.

use crate::time::Instant;
use leptos::prelude::*;

/// The clock and the newest-shown instant for one render.
pub fn start() -> (RwSignal<Instant>, RwSignal<Option<Instant>>) {
    (RwSignal::new(super::now()), RwSignal::new(None))
}
