//! The live "Recent Posts" sidebar: newest first, excerpts cut with "…",
//! relative times, and new posts announced behind an "N articole noi" pill.

use super::error_view::ErrorView;
use super::link::AppLink;
use super::rel_time::RelTime;
use super::{is_embedded, use_site};
use crate::error::AppError;
use crate::live::merge::{row_key, LiveList};
use crate::live::policy::PollPolicy;
use crate::text::excerpt;
use crate::web::intl;
use crate::web::live::{self, PollEvent};
use leptos::prelude::*;
use std::rc::Rc;

/// Where the live list stands, for the notes under the heading.
#[derive(Debug, Clone, PartialEq)]
enum Status {
    Loading,
    Live,
    Failed { error: AppError, retry_in_s: u64 },
    Offline,
}

/// What a widget's attributes can change while the list stays mounted
/// (`components::widgets`): no refetch, the rows re-render.
#[derive(Debug, Clone, Copy)]
pub struct ListSettings(RwSignal<ListView>);

/// How the list shows its posts.
#[derive(Debug, Clone, PartialEq)]
struct ListView {
    count: usize,
    excerpt_chars: usize,
    link_target: String,
    auto_insert: bool,
}

impl ListView {
    fn of(cfg: &crate::config::Config) -> ListView {
        ListView {
            count: cfg.recent_count,
            excerpt_chars: cfg.excerpt_chars,
            link_target: cfg.link_target.clone(),
            auto_insert: cfg.auto_insert,
        }
    }
}

impl ListSettings {
    /// The settings of `cfg`.
    pub fn new(cfg: &crate::config::Config) -> ListSettings {
        ListSettings(RwSignal::new(ListView::of(cfg)))
    }

    /// Takes `cfg`'s values (notifying only when they differ).
    pub fn set(&self, cfg: &crate::config::Config) {
        let new = ListView::of(cfg);
        if self.0.with_untracked(|v| *v != new) {
            self.0.set(new);
        }
    }
}

/// The sidebar list. It polls the API with conditional requests, pauses while
/// the page is hidden or offline, and never drops what the reader already sees
/// because a poll failed. On a page ziar-server rendered it starts from the
/// list the server showed. `settings` (a widget's) may change while it is mounted.
#[component]
pub fn RecentPosts(#[prop(optional)] settings: Option<ListSettings>) -> impl IntoView {
    let site = use_site();
    let cfg = &site.cfg;
    // A widget keeps a few more than it shows, so a larger `count` needs no
    // request; the app keeps what it shows, for the leanest polls.
    let capacity = |count| {
        if settings.is_some() {
            crate::live::merge::snapshot_window(count)
        } else {
            count
        }
    };
    let settings = settings.unwrap_or_else(|| ListSettings::new(cfg));
    let count = settings.0.with_untracked(|v| v.count);
    let embedded = is_embedded();
    let list_ref = NodeRef::<leptos::html::Ol>::new();
    let list = RwSignal::new(LiveList::new(capacity(count)));
    let status = RwSignal::new(Status::Loading);
    let announcement = RwSignal::new(String::new());

    // Each poll asks for what is shown plus what waits behind the pill (LiveList::window).
    let requested = Rc::new(std::cell::Cell::new(count));
    let api = site.api.clone();
    let url = {
        let (api, requested) = (api.clone(), requested.clone());
        move || {
            let window = list.with_untracked(LiveList::window);
            requested.set(window);
            api.latest_url(window)
        }
    };
    let poll_url = api.latest_url(list.with_untracked(LiveList::window));
    // A server-rendered list, with the validator of its first poll's answer.
    let validator = match super::take_preloaded_recent() {
        Some((posts, etag)) => {
            let auto_insert = settings.0.with_untracked(|v| v.auto_insert);
            list.update(|l| {
                l.apply_snapshot(posts, false, auto_insert);
            });
            status.set(Status::Live);
            etag.map(|e| (poll_url.clone(), e))
        }
        None => None,
    };
    let msgs = site.msgs.clone();
    let locale = site.locale.clone();
    let apply = {
        let requested = requested.clone();
        Rc::new(move |page: crate::model::PostPage| {
            crate::web::mark("list-data");
            let complete = crate::live::merge::snapshot_complete(&page, requested.get());
            let mut added = 0;
            let auto_insert = settings.0.with_untracked(|v| v.auto_insert);
            list.update(|l| added = l.apply_snapshot(page.posts, complete, auto_insert).added.len());
            if added > 0 {
                let n = added as u64;
                announcement.set(msgs.plural("new_posts", &intl::plural_category(n, &locale), n));
            }
            status.set(Status::Live);
            crate::web::mark("list-rendered");
        })
    };
    // In the app, the first fetch waits until the article has painted (SidebarGate).
    let gate = use_context::<super::SidebarGate>().map(|g| Signal::derive(move || g.is_open()));
    let live = live::start(
        url,
        PollPolicy::with_interval_secs(cfg.poll_seconds.max(5)),
        cfg.poll_seconds > 0,
        site.api.limits(),
        cfg.push_url.clone(),
        gate,
        validator,
        move || status.set(Status::Offline),
        move |event| {
            match event {
                PollEvent::Body(body) => match api.parse_page(&poll_url, &body)? {
                    Some(page) => apply(page),
                    // An index only (Hacker News): fetch the items, then apply.
                    None => {
                        let api = api.clone();
                        let apply = apply.clone();
                        let window = requested.get();
                        leptos::task::spawn_local(async move {
                            match api.latest(1, window).await {
                                Ok(page) => apply(page),
                                Err(error) => status.set(Status::Failed { error, retry_in_s: 0 }),
                            }
                        });
                    }
                },
                PollEvent::NotModified => status.set(Status::Live),
                PollEvent::Failed { error, retry_in_ms } => {
                    status.set(Status::Failed {
                        error,
                        retry_in_s: retry_in_ms.div_ceil(1000),
                    });
                }
            }
            Ok(())
        },
    );

    let accept = move |_| {
        let mut inserted = Vec::new();
        list.update(|l| inserted = l.accept_pending());
        announcement.set(String::new());
        // Focus the first new item so keyboard and screen-reader users land on it.
        if let Some(first) = inserted.first().cloned() {
            live::focus_in_list(list_ref, first);
        }
    };
    let retry = move |_| live.poll_now();

    let m = site.msgs.clone();
    let m2 = site.msgs.clone();
    let m3 = site.msgs.clone();
    let locale2 = site.locale.clone();
    let pending = move || list.with(|l| l.pending.len());
    // A row re-renders when its post changes, or what every row shows does (a
    // widget's new excerpt length or link target); a new `count` only adds or
    // drops rows at the end.
    let rows = move || {
        let n = settings.0.with(|v| v.count);
        list.with(|l| l.shown.iter().take(n).cloned().collect::<Vec<_>>())
    };
    let row_key = move |p: &crate::model::Post| {
        let (chars, target) = settings.0.with_untracked(|v| (v.excerpt_chars, v.link_target.clone()));
        (row_key(p), chars, target)
    };
    view! {
        <aside id="ziar-recent" class="ziar-recent" aria-labelledby="ziar-recent-h" tabindex="-1" part="recent">
            <h2 id="ziar-recent-h" part="heading">{site.msgs.t("recent_posts")}</h2>
            <p class="ziar-sr-only" aria-live="polite" aria-atomic="true">{move || announcement.get()}</p>
            <Show when=move || { pending() > 0 }>
                <button type="button" class="ziar-pill" part="pill" on:click=accept>
                    {
                        let m = m.clone();
                        let locale = locale2.clone();
                        move || {
                            let n = pending() as u64;
                            m.plural("new_posts", &intl::plural_category(n, &locale), n)
                        }
                    }
                </button>
            </Show>
            {move || {
                let shown = list.with(|l| l.loaded);
                match status.get() {
                    Status::Loading => Some(view! { <RecentSkeleton count=settings.0.with_untracked(|v| v.count)/> }.into_any()),
                    Status::Failed { error, retry_in_s } if !shown => Some(view! {
                        <ErrorView error msgs=m2.clone()/>
                        <p class="ziar-live-note">
                            {m2.t_with("retrying_in", &[("s", &retry_in_s.to_string())])} " "
                            <button type="button" class="ziar-retry" on:click=retry.clone()>{m2.t("retry")}</button>
                        </p>
                    }.into_any()),
                    Status::Failed { error, retry_in_s } => Some(view! {
                        <p class="ziar-live-note" role="status">
                            <span class="ziar-live-reason">{error.message(&m2)}</span> " "
                            {m2.t_with("update_failed", &[("s", &retry_in_s.to_string())])}
                        </p>
                    }.into_any()),
                    Status::Offline => Some(view! { <p class="ziar-live-note" role="status">{m3.t("offline")}</p> }.into_any()),
                    Status::Live => None,
                }
            }}
            <ol class="ziar-recent-list" node_ref=list_ref>
                <For each=rows key=row_key let(post)>
                    <li class="ziar-recent-item" data-post-id=post.id.clone() part="item">
                        {if embedded || cfg!(feature = "embed") {
                            // In a widget, titles lead to the article's own page.
                            // (The widget build knows it at compile time and drops the router link.)
                            view! {
                                <a href=post.url.clone() rel="noopener noreferrer"
                                    target=settings.0.with_untracked(|v| Some(v.link_target.clone()).filter(|t| !t.is_empty()))
                                    class="ziar-recent-title" part="link" lang=post.content_lang() dir="auto">{post.title.clone()}</a>
                            }.into_any()
                        } else {
                            let (lang, title) = (post.content_lang(), post.title.clone());
                            view! {
                                <AppLink href=crate::web::app_href(&format!("/articol/{}", post.route_key())) attr:class="ziar-recent-title"
                                    attr:lang=lang attr:dir="auto">
                                    {title}
                                </AppLink>
                            }.into_any()
                        }}
                        <p class="ziar-recent-excerpt" part="excerpt" lang=post.content_lang() dir="auto">{excerpt(&post.excerpt, settings.0.with_untracked(|v| v.excerpt_chars))}</p>
                        <RelTime at=post.published/>
                    </li>
                </For>
            </ol>
        </aside>
    }
}

/// Placeholder rows the size of the real ones, so nothing shifts on load.
#[component]
fn RecentSkeleton(count: usize) -> impl IntoView {
    view! {
        <ol class="ziar-recent-list ziar-skeleton" aria-hidden="true">
            {(0..count).map(|_| view! {
                <li class="ziar-sk-item"><span class="ziar-sk-line"></span><span class="ziar-sk-line ziar-sk-short"></span></li>
            }).collect_view()}
        </ol>
    }
}
