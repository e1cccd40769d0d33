//! `GET /events`: a Server-Sent Events stream that says "something changed"
//! the way a Mercure hub topic would, so the app's optional push can be tested.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream;

use crate::SharedState;

/// Streams one message (data: the store version) whenever the store changes.
pub async fn events(State(st): State<SharedState>) -> Response {
    let start = st.read_store().version;
    let stream = stream::unfold((st, start), |(st, mut seen)| async move {
        loop {
            // Watching the version keeps every mutation path (publish, edit,
            // delete, reset, live publishing) covered without hooks in each.
            tokio::time::sleep(Duration::from_millis(200)).await;
            let version = st.read_store().version;
            if version != seen {
                seen = version;
                // Unnamed, like a Mercure update, so `EventSource.onmessage` sees it.
                let event = Event::default().data(version.to_string());
                return Some((Ok::<_, Infallible>(event), (st, seen)));
            }
        }
    });
    let mut res = Sse::new(stream).keep_alive(KeepAlive::default()).into_response();
    crate::http::add_cors(res.headers_mut());
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}
