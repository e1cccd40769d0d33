//! Mount point: the full single-page app.

#[cfg(target_arch = "wasm32")]
fn main() {
    ziar::web::mark("main");
    ziar::web::panic_banner::install();
    // The wasm memory, for soak tests that check it stays bounded.
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &"__ziarWasmMemory".into(), &wasm_bindgen::memory());
    }
    leptos::mount::mount_to_body(ziar::components::app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("ziar is a browser app: build it with `trunk build` (see README).");
}
