//! A counter, optionally behind a two-route router: the least a Leptos CSR app ships.
use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(App);
}

#[component]
fn Counter() -> impl IntoView {
    let (n, set_n) = signal(0);
    view! { <button on:click=move |_| set_n.update(|n| *n += 1)>{n}</button> }
}

#[cfg(not(feature = "router"))]
#[component]
fn App() -> impl IntoView {
    view! { <Counter/> }
}

#[cfg(feature = "router")]
#[component]
fn App() -> impl IntoView {
    use leptos_router::components::{Route, Router, Routes, A};
    use leptos_router::path;
    view! {
        <Router>
            <A href="/">"home"</A>
            <Routes fallback=|| "not found">
                <Route path=path!("/") view=Counter/>
                <Route path=path!("/a/:slug") view=|| view! { <p>"a"</p> }/>
            </Routes>
        </Router>
    }
}
