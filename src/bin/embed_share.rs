//! Widget bundle: `<ziar-share>` alone. No API client, adapters, poller,
//! sanitizer or clock: only the share bar.
ziar::widget_bundle!(ziar::components::widgets::SHARE);
