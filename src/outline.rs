//! Heading levels of API content fitted under the page's one `h1`.
//!
//! Article bodies come with whatever headings their editor used: an `h3` right
//! under the headline, an `h1` in the body, gaps from `h2` to `h4`. Screen-reader
//! users navigate by heading, so the body's outline is shifted to start at `h2`
//! and never skips a level. Pure, so the rule is host-tested; `HtmlBody` renames
//! the elements.

/// The level of a heading's tag name (`h3`, `H3` → 3); `None` for any other tag.
pub fn heading_level(tag: &str) -> Option<u8> {
    match tag.to_ascii_lowercase().as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

/// The new level (2–6) for each heading level (1–6), in document order: the
/// shallowest becomes `h2`, relative depth is kept, and no heading is more than
/// one level below the one before it.
pub fn fit_levels(levels: &[u8]) -> Vec<u8> {
    let Some(&min) = levels.iter().min() else {
        return Vec::new();
    };
    let mut prev = 1u8;
    levels
        .iter()
        .map(|&l| {
            let shifted = (i16::from(l) - i16::from(min) + 2).clamp(2, 6) as u8;
            let fitted = shifted.min(prev + 1);
            prev = fitted;
            fitted
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_levels_from_tag_names() {
        assert_eq!(heading_level("h3"), Some(3));
        assert_eq!(heading_level("H6"), Some(6));
        assert_eq!(heading_level("h7"), None);
        assert_eq!(heading_level("hr"), None);
        assert_eq!(heading_level("p"), None);
    }

    #[test]
    fn body_outline_starts_at_h2_without_gaps() {
        assert_eq!(fit_levels(&[3, 4, 3]), [2, 3, 2]);
        assert_eq!(fit_levels(&[1, 2, 2]), [2, 3, 3]);
        assert_eq!(fit_levels(&[2, 4, 3]), [2, 3, 3]);
        assert_eq!(fit_levels(&[2, 3, 4, 5, 6, 6]), [2, 3, 4, 5, 6, 6]);
        assert_eq!(fit_levels(&[4, 2]), [2, 2]);
        assert_eq!(fit_levels(&[]), Vec::<u8>::new());
        for levels in [[6u8, 1, 6, 3], [5, 5, 1, 2]] {
            let out = fit_levels(&levels);
            let mut prev = 1;
            for l in out {
                assert!((2..=6).contains(&l) && l <= prev + 1, "{levels:?}");
                prev = l;
            }
        }
    }
}
