//! Widget bundle: all three elements, for a page that shows a list and an
//! article together (`embed/ziar-embed.js` picks the smallest set of bundles
//! that covers the elements on the page).
ziar::widget_bundle!(
    ziar::components::widgets::RECENT_POSTS,
    ziar::components::widgets::SHARE,
    ziar::components::widgets::ARTICLE,
);
