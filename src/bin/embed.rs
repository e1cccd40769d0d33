//! Mount point: the embed build (`dist/embed/`). No router, no app shell:
//! only what the custom elements need. `embed/ziar-embed.js` defines the
//! elements and calls these exports; one wasm instance serves every element
//! on the page.

#[cfg(target_arch = "wasm32")]
mod exports {
    use wasm_bindgen::prelude::*;
    use ziar::components::widgets::{mount, Mounted};
    use ziar::embed::{observed_attributes, Widget};

    /// A mounted element; `unmount()` stops its polling and timers.
    #[wasm_bindgen]
    pub struct WidgetHandle(Option<Mounted>);

    #[wasm_bindgen]
    impl WidgetHandle {
        /// Removes the widget's DOM and disposes everything it started.
        pub fn unmount(&mut self) {
            if let Some(mut m) = self.0.take() {
                m.unmount();
            }
        }
    }

    fn widget(tag: &str) -> Option<Widget> {
        [Widget::RecentPosts, Widget::Share, Widget::Article]
            .into_iter()
            .find(|w| w.tag() == tag)
    }

    /// `[[name, value], …]` as the element's attributes; anything malformed is skipped.
    fn pairs(attrs: &js_sys::Array) -> Vec<(String, String)> {
        attrs
            .iter()
            .filter_map(|p| {
                let p: js_sys::Array = p.dyn_into().ok()?;
                Some((p.get(0).as_string()?, p.get(1).as_string().unwrap_or_default()))
            })
            .collect()
    }

    /// Mounts the widget named by `tag` into `container` (inside the element's
    /// shadow root) with the element's attributes.
    #[wasm_bindgen]
    pub fn mount_widget(
        tag: &str,
        container: web_sys::HtmlElement,
        attrs: js_sys::Array,
    ) -> Result<WidgetHandle, JsError> {
        let w = widget(tag).ok_or_else(|| JsError::new(&format!("Ziar: no widget called <{tag}>")))?;
        Ok(WidgetHandle(Some(mount(w, container, pairs(&attrs)))))
    }

    /// `<ziar-recent-posts>` into `container`.
    #[wasm_bindgen]
    pub fn mount_recent_posts(container: web_sys::HtmlElement, attrs: js_sys::Array) -> WidgetHandle {
        WidgetHandle(Some(mount(Widget::RecentPosts, container, pairs(&attrs))))
    }

    /// The attribute names an element reacts to, for `observedAttributes`.
    #[wasm_bindgen]
    pub fn observed(tag: &str) -> Vec<String> {
        widget(tag).map(observed_attributes).unwrap_or_default()
    }
}

/// Runs when the module is instantiated: panics go to the console (and so
/// fail every e2e test); the host page gets no banner.
#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("ziar-embed is the browser widget build: run scripts/embed.sh (see README, Embedding).");
}
