//! Loading placeholders with the size and shape of the final layout, so nothing
//! jumps when the content arrives and there is never a blank screen.

use super::use_site;
use leptos::prelude::*;

/// `n` placeholder cards shaped like [`super::post_card::PostCard`].
#[component]
pub fn CardsSkeleton(#[prop(default = 4)] n: usize) -> impl IntoView {
    let loading = use_site().msgs.t("loading");
    view! {
        <div class="ziar-cards ziar-skeleton" role="status" aria-busy="true">
            <span class="ziar-sr-only">{loading}</span>
            {(0..n).map(|_| view! {
                <div class="ziar-sk-card" aria-hidden="true">
                    <div class="ziar-sk-img ziar-sk-block"></div>
                    <div>
                        <span class="ziar-sk-line ziar-sk-label"></span>
                        <span class="ziar-sk-line ziar-sk-title"></span>
                        <span class="ziar-sk-line"></span>
                        <span class="ziar-sk-line ziar-sk-short"></span>
                    </div>
                </div>
            }).collect_view()}
        </div>
    }
}

/// A placeholder shaped like [`super::article::ArticleView`]: label, headline,
/// meta line, 16:9 hero and paragraphs.
#[component]
pub fn ArticleSkeleton() -> impl IntoView {
    let loading = use_site().msgs.t("loading");
    view! {
        <div class="ziar-article ziar-skeleton" role="status" aria-busy="true">
            <span class="ziar-sr-only">{loading}</span>
            <div aria-hidden="true">
                <span class="ziar-sk-line ziar-sk-label"></span>
                <span class="ziar-sk-line ziar-sk-headline"></span>
                <span class="ziar-sk-line ziar-sk-headline ziar-sk-short"></span>
                <span class="ziar-sk-line ziar-sk-short"></span>
                <div class="ziar-hero ziar-sk-block ziar-sk-hero"></div>
                {(0..6).map(|_| view! { <span class="ziar-sk-line"></span> }).collect_view()}
                <span class="ziar-sk-line ziar-sk-short"></span>
            </div>
        </div>
    }
}

/// A page-title placeholder (category pages learn their title from the API).
#[component]
pub fn TitleSkeleton() -> impl IntoView {
    view! { <span class="ziar-page-title ziar-sk-line ziar-sk-pagetitle" aria-hidden="true"></span> }
}
