//! The share bar: the device's share sheet first, else a menu of share links.
//!
//! Private by default: the links are plain `<a href>`s built locally
//! (`crate::share`), so no network is contacted until the reader clicks one.

use super::icons::Icon;
use super::use_site;
use crate::share::{normalize_instance, share_href, tracked_url, Target};
use crate::web::share as glue;
use crate::web::timer::Timeout;
use leptos::html;
use leptos::prelude::*;

/// How long the "Link copied" confirmation stays.
const STATUS_MS: u64 = 4000;

/// The brand name shown for a target (email and copy are localized).
fn target_name(t: Target) -> &'static str {
    match t {
        Target::Facebook => "Facebook",
        Target::X => "X",
        Target::WhatsApp => "WhatsApp",
        Target::Telegram => "Telegram",
        Target::LinkedIn => "LinkedIn",
        Target::Reddit => "Reddit",
        Target::Mastodon => "Mastodon",
        Target::Bluesky => "Bluesky",
        Target::Email => "E-mail",
        Target::Copy => "",
    }
}

/// What a share bar shares, as signals a widget sets when its attributes change.
/// (Three `RwSignal<String>`s rather than one signal of a struct: the app has
/// that signal type already, so this costs it no new generic code.)
#[derive(Debug, Clone, Copy)]
pub struct Shared {
    pub title: RwSignal<String>,
    pub url: RwSignal<String>,
    /// Text for the share sheet.
    pub text: RwSignal<String>,
}

impl Shared {
    pub fn new(title: String, url: String, text: String) -> Shared {
        Shared {
            title: RwSignal::new(title),
            url: RwSignal::new(url),
            text: RwSignal::new(text),
        }
    }
}

/// A Share button and its menu. `targets` overrides the site's `share.targets`
/// for this widget; the share sheet's text is the title unless `live` says otherwise.
#[component]
pub fn ShareBar(
    /// What is shared: usually the article headline.
    #[prop(optional, into)]
    title: String,
    /// The URL shared (the canonical article URL).
    #[prop(optional, into)]
    url: String,
    /// A widget's: what is shared (its text included), instead of
    /// `title`/`url`, which may change while the bar is shown (its
    /// attributes): the menu's items are built again, the button and the
    /// menu's open state stay.
    #[prop(optional)]
    live: Option<Shared>,
    /// Targets and their order for this widget. Default: `share.targets` in config.
    #[prop(optional)]
    targets: Option<Vec<Target>>,
) -> impl IntoView {
    let site = use_site();
    let m = site.msgs.clone();
    let cfg = site.cfg.share.clone();
    let targets = targets.unwrap_or_else(|| cfg.target_list());
    let menu_id = super::next_id("ziar-share-menu-");
    let shared = live.unwrap_or_else(|| Shared::new(title.clone(), url, title));

    let open = RwSignal::new(false);
    let status = RwSignal::new(String::new());
    let status_gen = RwSignal::new(0u32);
    let mastodon = RwSignal::new(glue::stored_mastodon());
    let asking = RwSignal::new(false);
    let invalid = RwSignal::new(false);
    let button = NodeRef::<html::Button>::new();
    let instance_input = NodeRef::<html::Input>::new();

    // Shows the instance field and moves focus into it once it is rendered.
    let ask_and_focus = move || {
        asking.set(true);
        request_animation_frame(move || {
            if let Some(i) = instance_input.get_untracked() {
                let _ = i.focus();
            }
        });
    };

    let close_and_refocus = move || {
        open.set(false);
        asking.set(false);
        if let Some(b) = button.get_untracked() {
            let _ = b.focus();
        }
    };

    let native = {
        let cfg = cfg.clone();
        move |_| {
            if open.get_untracked() {
                open.set(false);
                return;
            }
            let (title, url, text) = (
                shared.title.get_untracked(),
                shared.url.get_untracked(),
                shared.text.get_untracked(),
            );
            let url = tracked_url(&url, &cfg, "native");
            match glue::start_native_share(&title, &text, &url) {
                None => open.set(true),
                Some(fut) => leptos::task::spawn_local(async move {
                    if glue::finish_native_share(fut).await == glue::NativeShare::Failed {
                        let _ = open.try_set(true);
                    }
                }),
            }
        }
    };

    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            ev.prevent_default();
            close_and_refocus();
        }
    };

    let copy = {
        let (m, cfg) = (m.clone(), cfg.clone());
        move |_| {
            let url = tracked_url(&shared.url.get_untracked(), &cfg, Target::Copy.id());
            let m = m.clone();
            leptos::task::spawn_local(async move {
                let msg = if glue::copy_text(&url).await {
                    m.t("link_copied")
                } else {
                    m.t_with("copy_failed", &[("url", &url)])
                };
                let Some(gen) = status_gen.try_update(|g| {
                    *g += 1;
                    *g
                }) else {
                    return;
                };
                let _ = status.try_set(msg);
                // Cleared later so a second copy is announced again; the handle
                // is not kept because the check on `gen` makes a stale one harmless.
                let _ = Timeout::new(STATUS_MS, move || {
                    if status_gen.try_get_untracked() == Some(gen) {
                        let _ = status.try_set(String::new());
                    }
                });
            });
        }
    };

    let mastodon_submit = {
        let cfg = cfg.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let typed = instance_input.get_untracked().map(|i| i.value()).unwrap_or_default();
            match normalize_instance(&typed) {
                Some(host) => {
                    invalid.set(false);
                    glue::store_mastodon(&host);
                    let href = share_href(
                        Target::Mastodon,
                        &shared.title.get_untracked(),
                        &shared.url.get_untracked(),
                        &cfg,
                        Some(&host),
                    );
                    if let Some(href) = href {
                        glue::open_new_tab(&href);
                    }
                    mastodon.set(Some(host));
                    asking.set(false);
                }
                None => invalid.set(true),
            }
        }
    };

    let (items_m, items_menu_id) = (m.clone(), menu_id.clone());
    let items = move || {
        let (title, url) = (shared.title.get(), shared.url.get());
        let (m, menu_id) = (&items_m, &items_menu_id);
        targets.iter().copied().map(|t| {
            let id = t.id();
            let class = format!("ziar-share-item ziar-share-{id}");
            match t {
                Target::Copy => view! {
                    <li class=class>
                        <button type="button" class="ziar-share-link" on:click=copy.clone()>
                            <Icon name="copy"/> <span>{m.t("copy_link")}</span>
                        </button>
                    </li>
                }
                .into_any(),
                Target::Mastodon => {
                    let (title, url, cfg) = (title.clone(), url.clone(), cfg.clone());
                    let mastodon_name = m.t("net_mastodon");
                    let label = m.t_with("share_on", &[("network", &mastodon_name)]);
                    let form_id = format!("{}-mastodon", menu_id);
                    let (server, hint, bad) = (m.t("mastodon_server"), m.t("mastodon_hint"), m.t("mastodon_invalid"));
                    let submit_label = m.t("share");
                    let change = m.t("mastodon_change");
                    let submit = mastodon_submit.clone();
                    let controls = form_id.clone();
                    view! {
                        <li class=class>
                            {move || match mastodon.get().and_then(|h| share_href(t, &title, &url, &cfg, Some(&h))) {
                                Some(href) => view! {
                                    <a class="ziar-share-link" href=href target="_blank" rel="noopener noreferrer"
                                        aria-label=label.clone()>
                                        <Icon name="mastodon"/> <span>{mastodon_name.clone()}</span>
                                    </a>
                                    <button type="button" class="ziar-share-link ziar-share-change"
                                        aria-controls=controls.clone() on:click=move |_| {
                                            glue::forget_mastodon();
                                            mastodon.set(None);
                                            ask_and_focus();
                                        }>
                                        {change.clone()}
                                    </button>
                                }.into_any(),
                                None => view! {
                                    <button type="button" class="ziar-share-link" aria-label=label.clone()
                                        aria-expanded=move || asking.get().to_string() aria-controls=controls.clone()
                                        on:click=move |_| if asking.get_untracked() { asking.set(false) } else { ask_and_focus() }>
                                        <Icon name="mastodon"/> <span>{mastodon_name.clone()}</span>
                                    </button>
                                }.into_any(),
                            }}
                            <form id=form_id.clone() class="ziar-mastodon-form" hidden=move || !asking.get()
                                on:submit=submit>
                                <label for=format!("{form_id}-host")>{server}</label>
                                <input id=format!("{form_id}-host") type="text" inputmode="url" autocomplete="off"
                                    autocapitalize="none" spellcheck="false" placeholder=hint node_ref=instance_input
                                    aria-invalid=move || invalid.get().to_string()
                                    aria-describedby=format!("{form_id}-err")/>
                                <button type="submit" class="ziar-share-go">{submit_label}</button>
                                <p id=format!("{form_id}-err") class="ziar-share-error">
                                    {move || invalid.get().then(|| bad.clone())}
                                </p>
                            </form>
                        </li>
                    }
                    .into_any()
                }
                _ => {
                    let href = share_href(t, &title, &url, &cfg, None).unwrap_or_default();
                    let (name, label) = if t == Target::Email {
                        (m.t("share_email"), m.t("share_email_label"))
                    } else {
                        // The locale's name for the network (`net_<id>`), else the brand.
                        // (WhatsApp's `net_` name is its channel, a follow-us thing.)
                        let localized = (t != Target::WhatsApp).then(|| m.get(&format!("net_{id}"))).flatten();
                        let name = localized.unwrap_or_else(|| target_name(t).to_owned());
                        let label = m.t_with("share_on", &[("network", &name)]);
                        (name, label)
                    };
                    // A mail link hands off to the mail app: no new tab.
                    let new_tab = (t != Target::Email).then_some("_blank");
                    view! {
                        <li class=class>
                            <a class="ziar-share-link" href=href target=new_tab rel="noopener noreferrer"
                                aria-label=label>
                                <Icon name=id/> <span>{name}</span>
                            </a>
                        </li>
                    }
                    .into_any()
                }
            }
        })
        .collect_view()
        // Type-erased, so the reactive wrapper is the one every `move || … .into_any()` shares.
        .into_any()
    };

    view! {
        <div class="ziar-share" part="share" on:keydown=on_keydown>
            <button type="button" class="ziar-share-button" part="share-button" node_ref=button on:click=native
                aria-expanded=move || open.get().to_string() aria-controls=menu_id.clone()>
                <Icon name="share"/> <span>{m.t("share")}</span>
            </button>
            <ul id=menu_id class="ziar-share-menu" part="share-menu" aria-label=m.t("share_menu") hidden=move || !open.get()>
                {items}
            </ul>
            <p class="ziar-share-status" role="status" aria-live="polite">{move || status.get()}</p>
        </div>
    }
}
