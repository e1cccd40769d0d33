//! A clear, localized error message that names the URL involved, with a Retry button.

use crate::error::AppError;
use crate::i18n::Messages;
use leptos::prelude::*;

/// Renders an [`AppError`] for the reader; the console already has the detail.
/// With `retry`, a button runs it (typically a resource's `refetch`).
#[component]
/// `heading` (1 or 2) makes the title a heading of that level, so a page whose
/// content failed still has its one `h1`; 0 (default) keeps it a paragraph.
pub fn ErrorView(
    error: AppError,
    msgs: Messages,
    #[prop(optional)] retry: Option<Callback<()>>,
    #[prop(optional)] heading: u8,
) -> impl IntoView {
    let kind = error.kind();
    let label = msgs.t("retry");
    let title = msgs.t("error_title");
    let title = match heading {
        1 => view! { <h1 class="ziar-error-title">{title}</h1> }.into_any(),
        2 => view! { <h2 class="ziar-error-title">{title}</h2> }.into_any(),
        _ => view! { <p class="ziar-error-title">{title}</p> }.into_any(),
    };
    // An invalid config.json: every problem, each naming its key.
    let problems: Vec<String> = error.config_problems().iter().map(|p| p.message(&msgs)).collect();
    let detail = if problems.is_empty() {
        error.message(&msgs)
    } else {
        msgs.t("cfg_heading")
    };
    let list = (!problems.is_empty()).then(|| {
        view! {
            <ul class="ziar-config-problems">
                {problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
            </ul>
        }
    });
    view! {
        <div class="ziar-error" role="alert" data-error=kind>
            {title}
            <p class="ziar-error-detail">{detail}</p>
            {list}
            {retry.map(|r| view! {
                <button type="button" class="ziar-retry" on:click=move |_| r.run(())>{label}</button>
            })}
        </div>
    }
}
