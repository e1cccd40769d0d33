//! Widget bundle: `<ziar-recent-posts>` and `<ziar-share>`, a common pair on
//! one page; smaller than the two bundles apart (one Leptos runtime).
ziar::widget_bundle!(
    ziar::components::widgets::RECENT_POSTS,
    ziar::components::widgets::SHARE,
);
