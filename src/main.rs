//! Mount point: the full single-page app. Built with the `hydrate` feature
//! (ziar-server's browser side) it first looks for the server's render to
//! hydrate; the static build always renders from scratch.

#[cfg(target_arch = "wasm32")]
fn main() {
    ziar::web::mark("main");
    ziar::web::panic_banner::install();
    // The wasm memory, for soak tests that check it stays bounded.
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &"__ziarWasmMemory".into(), &wasm_bindgen::memory());
    }
    #[cfg(feature = "hydrate")]
    if ziar::web::boot::hydrate() {
        return;
    }
    leptos::mount::mount_to_body(ziar::components::app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("ziar is a browser app: build it with `trunk build`, or run ziar-server (see README).");
}
