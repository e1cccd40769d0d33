//! The one shared clock: every `<RelTime>` on the page reads it, so all
//! relative times tick together and one timer serves them all (the SPA and
//! every embedded widget alike).

use crate::time::{next_tick_ms, Instant};
use crate::web;
use leptos::prelude::*;
use leptos_use_document_visibility::use_document_visibility;
use leptos_use_interval_fn::use_interval_fn;

/// Starts the shared tick under the current owner: 15 s while something shown
/// is under an hour old, 5 min otherwise (`time::next_tick_ms`), and none at
/// all while the tab is hidden. Returns the clock and the newest instant shown
/// (which picks the tick). After hydrating a server's page the clock is set
/// at once, so times rendered as of the server's clock come alive in place.
pub fn start() -> (RwSignal<Instant>, RwSignal<Option<Instant>>) {
    let clock = RwSignal::new(web::now());
    let newest = RwSignal::new(None::<Instant>);
    let interval = Signal::derive(move || u64::from(next_tick_ms(newest.get(), clock.get_untracked())));
    let visibility = use_document_visibility();
    let ticker = use_interval_fn(move || clock.set(web::now()), interval);
    Effect::new(move |_| {
        if visibility.get() == web_sys::VisibilityState::Visible {
            clock.set(web::now());
            (ticker.resume)();
        } else {
            (ticker.pause)();
        }
    });
    (clock, newest)
}
