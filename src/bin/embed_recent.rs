//! Widget bundle: `<ziar-recent-posts>` alone (the list, its poller, the
//! adapters and the clock; no article view or sanitizer, no share bar).
ziar::widget_bundle!(ziar::components::widgets::RECENT_POSTS);
