//! The browser starts an article's request before its shell; a server
//! render already has the article.

use crate::error::AppError;
use crate::model::Post;

/// Never anything to take on the server.
pub async fn take(_slug: &str) -> Option<Result<Option<Post>, AppError>> {
    None
}
