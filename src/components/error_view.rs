//! A clear, localized error message that names the URL involved.

use crate::error::AppError;
use crate::i18n::Messages;
use leptos::prelude::*;

/// Renders an [`AppError`] for the reader; the console already has the detail.
#[component]
pub fn ErrorView(error: AppError, msgs: Messages) -> impl IntoView {
    view! {
        <div class="ziar-error" role="alert">
            <p class="ziar-error-title">{msgs.t("error_title")}</p>
            <p class="ziar-error-detail">{error.message(&msgs)}</p>
        </div>
    }
}
