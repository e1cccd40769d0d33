//! Theme settings from `config.json`: light/dark choice, accent colour and logo.
//!
//! Pure Rust so the colour rules are tested on the host. A configured accent is
//! parsed into numbers here and written back as a fresh `#rrggbb`, so nothing
//! the publisher typed ever reaches CSS as text (no CSS injection), and it is
//! set through the CSSOM (`style.setProperty`), never a `style` attribute.

use std::fmt;

/// `theme` in config: follow the reader's system, or force one scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeMode {
    Auto,
    Light,
    Dark,
}

impl ThemeMode {
    /// Parses the config value; `None` for anything but `auto`, `light`, `dark`.
    pub fn parse(s: &str) -> Option<ThemeMode> {
        match s {
            "auto" => Some(ThemeMode::Auto),
            "light" => Some(ThemeMode::Light),
            "dark" => Some(ThemeMode::Dark),
            _ => None,
        }
    }

    /// The `data-ziar-theme` value on `<html>` (`None` for auto: CSS media query decides).
    pub fn attr(self) -> Option<&'static str> {
        match self {
            ThemeMode::Auto => None,
            ThemeMode::Light => Some("light"),
            ThemeMode::Dark => Some("dark"),
        }
    }
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parses `#rgb` or `#rrggbb` (case-insensitive); nothing else is accepted.
    pub fn parse_hex(s: &str) -> Option<Rgb> {
        let h = s.strip_prefix('#')?;
        if !h.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let n = |a: &str| u8::from_str_radix(a, 16).ok();
        match h.len() {
            3 => {
                let d = |i: usize| n(&h[i..i + 1]).map(|v| v * 17);
                Some(Rgb(d(0)?, d(1)?, d(2)?))
            }
            6 => Some(Rgb(n(&h[0..2])?, n(&h[2..4])?, n(&h[4..6])?)),
            _ => None,
        }
    }

    /// WCAG 2 relative luminance.
    pub fn luminance(self) -> f64 {
        let ch = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                pow_2_4((c + 0.055) / 1.055)
            }
        };
        0.2126 * ch(self.0) + 0.7152 * ch(self.1) + 0.0722 * ch(self.2)
    }

    /// WCAG 2 contrast ratio, 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }

    /// Mixes toward `to` by `t` (0 = self, 1 = `to`).
    fn mix(self, to: Rgb, t: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Rgb(m(self.0, to.0), m(self.1, to.1), m(self.2, to.2))
    }
}

/// `x^2.4` for `x` in `[0.05, 1]` (sRGB channels above the linear segment map to
/// `[0.09, 1]`) without `powf`, which pulls ~2 KB of libm into
/// the wasm: `x² · y` where `y = x^0.4` solves `y⁵ = x²` by Newton's method
/// (from `√x`, within 1e-12 after 10 steps on this range; tested against `powf`).
fn pow_2_4(x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    let t = x * x;
    let mut y = x.sqrt();
    for _ in 0..10 {
        let y4 = y * y * y * y;
        y = (4.0 * y + t / y4) / 5.0;
    }
    t * y
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// WCAG AA for normal text.
pub const MIN_CONTRAST: f64 = 4.5;

const WHITE: Rgb = Rgb(255, 255, 255);
const BLACK: Rgb = Rgb(0, 0, 0);
/// The backgrounds the accent is drawn on as text, per scheme (`--ziar-bg`,
/// `--ziar-surface` in `style/main.css`; keep in step).
pub const LIGHT_BACKGROUNDS: [Rgb; 2] = [Rgb(0xff, 0xff, 0xff), Rgb(0xf6, 0xf6, 0xf8)];
pub const DARK_BACKGROUNDS: [Rgb; 2] = [Rgb(0x12, 0x13, 0x16), Rgb(0x1b, 0x1c, 0x20)];

/// The accent and the text colour on it, for one scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccentPair {
    pub accent: Rgb,
    pub on_accent: Rgb,
}

/// The configured accent made readable in both schemes: darkened (light
/// scheme) or lightened (dark scheme) just enough to reach 4.5:1 as text on
/// that scheme's backgrounds, with black or white text on it, whichever
/// contrasts more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccentPalette {
    pub light: AccentPair,
    pub dark: AccentPair,
}

fn readable_on(c: Rgb, bgs: &[Rgb], toward: Rgb) -> Rgb {
    let ok = |c: Rgb| bgs.iter().all(|b| c.contrast(*b) >= MIN_CONTRAST);
    (0..=20)
        .map(|i| c.mix(toward, f64::from(i) / 20.0))
        .find(|c| ok(*c))
        .unwrap_or(toward)
}

fn pair(accent: Rgb) -> AccentPair {
    let on_accent = if accent.contrast(WHITE) >= accent.contrast(BLACK) {
        WHITE
    } else {
        BLACK
    };
    AccentPair { accent, on_accent }
}

impl AccentPalette {
    /// The palette for a configured accent.
    pub fn from_accent(c: Rgb) -> AccentPalette {
        AccentPalette {
            light: pair(readable_on(c, &LIGHT_BACKGROUNDS, BLACK)),
            dark: pair(readable_on(c, &DARK_BACKGROUNDS, WHITE)),
        }
    }

    /// The custom properties the stylesheet reads the accent from: set on
    /// `<html>` by the browser app, written into a stylesheet by ziar-server.
    pub fn custom_properties(&self) -> [(&'static str, Rgb); 4] {
        [
            ("--ziar-cfg-accent", self.light.accent),
            ("--ziar-cfg-accent-fg", self.light.on_accent),
            ("--ziar-cfg-accent-dark", self.dark.accent),
            ("--ziar-cfg-accent-fg-dark", self.dark.on_accent),
        ]
    }

    /// Those properties as one `:root` rule.
    pub fn root_rule(&self) -> String {
        let props: Vec<String> = self
            .custom_properties()
            .iter()
            .map(|(p, v)| format!("{p}:{v}"))
            .collect();
        format!(":root{{{}}}", props.join(";"))
    }
}

/// Whether a `logo` value may be used as an image URL: `https://`/`http://` or
/// a path beside the app; never `javascript:`, `data:` or any other scheme.
pub fn logo_allowed(url: &str) -> bool {
    let u = url.trim();
    if u.is_empty() || u.chars().any(|c| c.is_control() || c == '"' || c == '\\') {
        return false;
    }
    let lower = u.to_ascii_lowercase();
    match lower.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => matches!(scheme, "http" | "https"),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_modes() {
        assert_eq!(ThemeMode::parse("auto"), Some(ThemeMode::Auto));
        assert_eq!(ThemeMode::parse("dark").and_then(ThemeMode::attr), Some("dark"));
        assert_eq!(ThemeMode::Auto.attr(), None);
        assert_eq!(ThemeMode::parse("Dark"), None);
        assert_eq!(ThemeMode::parse(""), None);
    }

    #[test]
    fn the_accent_as_one_root_rule() {
        let p = AccentPalette::from_accent(Rgb(0xb3, 0x26, 0x1e));
        let rule = p.root_rule();
        assert!(
            rule.starts_with(":root{--ziar-cfg-accent:#") && rule.ends_with('}'),
            "{rule}"
        );
        assert_eq!(rule.matches(';').count(), 3);
        assert!(rule.contains(&format!("--ziar-cfg-accent-fg-dark:{}", p.dark.on_accent)));
    }

    #[test]
    fn hex_colours_only() {
        assert_eq!(Rgb::parse_hex("#B3261E"), Some(Rgb(0xb3, 0x26, 0x1e)));
        assert_eq!(Rgb::parse_hex("#0af"), Some(Rgb(0, 0xaa, 0xff)));
        assert_eq!(Rgb(0, 0xaa, 0xff).to_string(), "#00aaff");
        for bad in [
            "red",
            "#12",
            "#1234567",
            "#12345g",
            "b3261e",
            "#fff; background: url(x)",
            "#fff}body{display:none",
            "var(--x)",
            "expression(alert(1))",
            "#ｆｆｆ",
            "",
        ] {
            assert_eq!(Rgb::parse_hex(bad), None, "{bad}");
        }
    }

    #[test]
    fn pow_without_libm() {
        for i in 50..=1000 {
            let x = f64::from(i) / 1000.0;
            assert!((pow_2_4(x) - x.powf(2.4)).abs() < 1e-12, "{x}");
        }
    }

    #[test]
    fn contrast_ratio_matches_wcag() {
        assert!((BLACK.contrast(WHITE) - 21.0).abs() < 1e-9);
        assert!((WHITE.contrast(WHITE) - 1.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1.
        let grey = Rgb::parse_hex("#767676").unwrap();
        assert!((grey.contrast(WHITE) - 4.54).abs() < 0.01);
    }

    #[test]
    fn accent_is_made_readable_in_both_schemes() {
        for hex in [
            "#ffeb3b", "#00bcd4", "#000000", "#ffffff", "#b3261e", "#7f7f7f", "#1e88e5",
        ] {
            let p = AccentPalette::from_accent(Rgb::parse_hex(hex).unwrap());
            for b in LIGHT_BACKGROUNDS {
                assert!(
                    p.light.accent.contrast(b) >= MIN_CONTRAST,
                    "{hex} light {}",
                    p.light.accent
                );
            }
            for b in DARK_BACKGROUNDS {
                assert!(
                    p.dark.accent.contrast(b) >= MIN_CONTRAST,
                    "{hex} dark {}",
                    p.dark.accent
                );
            }
            for pr in [p.light, p.dark] {
                assert!(
                    pr.accent.contrast(pr.on_accent) >= MIN_CONTRAST,
                    "{hex}: text on {}",
                    pr.accent
                );
            }
        }
        // An accent that already reads well is kept as is.
        let ok = Rgb::parse_hex("#b3261e").unwrap();
        assert_eq!(AccentPalette::from_accent(ok).light.accent, ok);
    }

    #[test]
    fn logo_urls() {
        for ok in [
            "logo.svg",
            "/media/logo.png",
            "https://cdn.example/l.png",
            "http://x.ro/l.png",
        ] {
            assert!(logo_allowed(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "data:image/svg+xml,<svg>",
            " JAVASCRIPT:x",
            "",
            "a\"onerror=x",
            "vbscript:x",
        ] {
            assert!(!logo_allowed(bad), "{bad}");
        }
    }
}
