//! A clear, localized error message that names the URL involved, with a Retry button.

use crate::error::AppError;
use crate::i18n::Messages;
use leptos::prelude::*;

/// Renders an [`AppError`] for the reader; the console already has the detail.
/// With `retry`, a button runs it (typically a resource's `refetch`).
#[component]
pub fn ErrorView(error: AppError, msgs: Messages, #[prop(optional)] retry: Option<Callback<()>>) -> impl IntoView {
    let kind = error.kind();
    let label = msgs.t("retry");
    view! {
        <div class="ziar-error" role="alert" data-error=kind>
            <p class="ziar-error-title">{msgs.t("error_title")}</p>
            <p class="ziar-error-detail">{error.message(&msgs)}</p>
            {retry.map(|r| view! {
                <button type="button" class="ziar-retry" on:click=move |_| r.run(())>{label}</button>
            })}
        </div>
    }
}
