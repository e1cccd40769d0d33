//! Widget bundle: `<ziar-article>`, and `<ziar-share>`, whose share bar the
//! article shows anyway (no list, no poller).
ziar::widget_bundle!(ziar::components::widgets::ARTICLE, ziar::components::widgets::SHARE,);
