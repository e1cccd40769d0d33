//! A `<time>` that reads "acum 27 de minute" and ticks with the shared clock.

use super::{use_clock, use_site, NewestShown};
use crate::time::Instant;
use crate::web::intl;
use leptos::prelude::*;

/// Relative time in the site locale, with the absolute date as its title and a
/// machine-readable `datetime`. Nothing for an undated post (`None`): no time
/// rather than one counted from the epoch.
#[component]
pub fn RelTime(#[prop(into)] at: Option<Instant>) -> impl IntoView {
    let at = at?;
    let site = use_site();
    let clock = use_clock();
    let locale = site.locale.clone();
    let title = intl::absolute(at, &site.locale, site.cfg.time_zone.as_deref());
    if let Some(NewestShown(newest)) = use_context::<NewestShown>() {
        if newest.get_untracked().is_none_or(|n| n < at) {
            newest.set(Some(at));
        }
    }
    Some(view! {
        <time datetime=at.to_rfc3339() title=title>
            {move || intl::relative(at, clock.0.get(), &locale)}
        </time>
    })
}
