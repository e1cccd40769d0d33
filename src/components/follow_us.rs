//! "Îți place {site}? Urmărește-ne și pe:" and the site's configured networks.

use super::icons::Icon;
use super::use_site;
use crate::web;
use leptos::prelude::*;

/// The follow-us block; renders nothing when `follow` is empty in config.
#[component]
pub fn FollowUs() -> impl IntoView {
    let site = use_site();
    let m = &site.msgs;
    let links = site.cfg.follow.clone();
    (!links.is_empty()).then(|| {
        let heading = m.t_with("follow_us", &[("site", &site.cfg.site_name)]);
        let items = links
            .into_iter()
            .filter_map(|l| {
                let net = l.network()?;
                let label = l.label.clone().unwrap_or_else(|| m.t(&format!("net_{}", net.id())));
                // Feeds may be given as paths beside the app.
                let href = web::absolute_url(l.url.trim());
                Some(view! {
                    <li class=format!("ziar-follow-item ziar-follow-{}", net.id())>
                        <a class="ziar-follow-link" href=href rel="noopener noreferrer">
                            <Icon name=net.id()/> <span>{label}</span>
                        </a>
                    </li>
                })
            })
            .collect_view();
        let aria = heading.clone();
        view! {
            <aside class="ziar-follow" aria-label=aria>
                <p class="ziar-follow-title">{heading}</p>
                <ul class="ziar-follow-list">{items}</ul>
            </aside>
        }
    })
}
