//! Query-string parsing with WordPress-style validation errors.

use crate::http::WpError;
use crate::time::parse_iso8601;

/// Decoded `key=value` pairs of a query string, in order.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

/// Percent-decodes a query component, reading `+` as a space.
fn decode(s: &str) -> String {
    let spaced = s.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8_lossy()
        .into_owned()
}

impl Query {
    /// Parses a raw query string (without the `?`).
    pub fn parse(raw: Option<&str>) -> Self {
        let pairs = raw
            .unwrap_or("")
            .split('&')
            .filter(|s| !s.is_empty())
            .map(|pair| match pair.split_once('=') {
                Some((k, v)) => (decode(k), decode(v)),
                None => (decode(pair), String::new()),
            })
            .collect();
        Query { pairs }
    }

    /// Whether the parameter is present (with any value).
    pub fn has(&self, name: &str) -> bool {
        self.pairs.iter().any(|(k, _)| k == name)
    }

    /// The last value given for `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// All values for `name` and `name[]`, each split on commas, trimmed,
    /// empties dropped. `None` when the parameter is absent.
    pub fn list(&self, name: &str) -> Option<Vec<String>> {
        let array = format!("{name}[]");
        let mut found = false;
        let mut out = Vec::new();
        for (k, v) in &self.pairs {
            if *k == name || *k == array {
                found = true;
                out.extend(v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from));
            }
        }
        found.then_some(out)
    }

    /// A list of ids (non-negative integers).
    pub fn ids(&self, name: &str) -> Result<Option<Vec<u64>>, WpError> {
        match self.list(name) {
            None => Ok(None),
            Some(items) => items
                .iter()
                .map(|s| {
                    s.parse::<u64>()
                        .map_err(|_| WpError::invalid_param(name, format!("{name}[0] is not of type integer.")))
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
        }
    }

    /// An integer within `min..=max`, or `default` when absent.
    pub fn int_in_range(&self, name: &str, default: u64, min: u64, max: u64) -> Result<u64, WpError> {
        let Some(raw) = self.get(name) else {
            return Ok(default);
        };
        let value: u64 = raw
            .trim()
            .parse()
            .map_err(|_| WpError::invalid_param(name, format!("{name} is not of type integer.")))?;
        if value < min || value > max {
            let detail = if max == u64::MAX {
                format!("{name} must be greater than or equal to {min}")
            } else {
                format!("{name} must be between {min} (inclusive) and {max} (inclusive)")
            };
            return Err(WpError::invalid_param(name, detail));
        }
        Ok(value)
    }

    /// One of `allowed`, or `default` when absent.
    pub fn one_of<'a>(&self, name: &str, default: &'a str, allowed: &[&'a str]) -> Result<&'a str, WpError> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => {
                allowed.iter().copied().find(|a| *a == v).ok_or_else(|| {
                    WpError::invalid_param(name, format!("{name} is not one of {}.", allowed.join(", ")))
                })
            }
        }
    }

    /// An ISO 8601 date parameter as Unix seconds.
    pub fn date(&self, name: &str) -> Result<Option<i64>, WpError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => parse_iso8601(v)
                .map(Some)
                .ok_or_else(|| WpError::invalid_param(name, "Invalid date.")),
        }
    }
}

/// Result of slicing a list into pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// Number of matching items.
    pub total: usize,
    /// Number of pages.
    pub pages: usize,
    /// Index of the first item on the page.
    pub start: usize,
    /// One past the last item on the page.
    pub end: usize,
}

/// Slices `total` items into pages of `per_page`; a page past the end is
/// an error named `invalid_page_code` (WordPress answers 400 unless there
/// are no items at all).
pub fn paginate(total: usize, per_page: u64, page: u64, invalid_page_code: &str) -> Result<Page, WpError> {
    let per_page = per_page.max(1) as usize;
    let pages = total.div_ceil(per_page);
    let page = usize::try_from(page).unwrap_or(usize::MAX);
    if total > 0 && page > pages {
        return Err(WpError::new(
            axum::http::StatusCode::BAD_REQUEST,
            invalid_page_code,
            "The page number requested is larger than the number of pages available.",
        ));
    }
    let start = page.saturating_sub(1).saturating_mul(per_page).min(total);
    let end = start.saturating_add(per_page).min(total);
    Ok(Page {
        total,
        pages,
        start,
        end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lists_and_encoding() {
        let q = Query::parse(Some("categories=1,2&categories[]=3&search=a+b%C8%99&_embed"));
        assert_eq!(q.ids("categories").unwrap(), Some(vec![1, 2, 3]));
        assert_eq!(q.get("search"), Some("a bș"));
        assert!(q.has("_embed"));
        assert!(q.ids("tags").unwrap().is_none());
        assert!(Query::parse(Some("tags=x")).ids("tags").is_err());
    }

    #[test]
    fn paginates() {
        assert_eq!(
            paginate(23, 10, 3, "x").unwrap(),
            Page {
                total: 23,
                pages: 3,
                start: 20,
                end: 23
            }
        );
        assert!(paginate(23, 10, 4, "x").is_err());
        assert_eq!(paginate(0, 10, 5, "x").unwrap().pages, 0);
    }
}
