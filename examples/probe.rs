//! Probe: check that Ziar understands your API before deploying.
//!
//! ```text
//! curl -s 'https://example.com/wp-json/wp/v2/posts?_embed=1' > posts.json
//! cargo run --example probe -- posts.json
//! cargo run --example probe -- --config config.json --base https://example.com/api/ - < body.json
//! ```
//!
//! Prints one JSON object `{"detected", "items", "warnings", "next", "total"}`
//! and exits 0 when the shape was recognized (even if some items were
//! skipped), or prints the reason to stderr and exits 1. Usage errors exit 2.

use std::io::Read;
use std::process::ExitCode;
use ziar::config::Config;
use ziar::sources::{probe::probe, Kind};

const USAGE: &str = "usage: probe [--kind KIND] [--config config.json] [--base URL] <file.json | ->";

fn main() -> ExitCode {
    match run() {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err((code, msg)) => {
            eprintln!("probe: {msg}");
            ExitCode::from(code)
        }
    }
}

fn run() -> Result<String, (u8, String)> {
    let usage = |m: String| (2, format!("{m}\n{USAGE}"));
    let mut args = std::env::args().skip(1);
    let (mut file, mut kind, mut config, mut base) = (None, None, None, None);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--kind" => kind = Some(args.next().ok_or_else(|| usage("--kind needs a value".into()))?),
            "--config" => config = Some(args.next().ok_or_else(|| usage("--config needs a file".into()))?),
            "--base" => base = Some(args.next().ok_or_else(|| usage("--base needs a URL".into()))?),
            "-h" | "--help" => return Err((0, USAGE.into())),
            _ if file.is_none() => file = Some(a),
            _ => return Err(usage(format!("unexpected argument `{a}`"))),
        }
    }
    let file = file.ok_or_else(|| usage("no input file (use - for stdin)".into()))?;
    let cfg = match &config {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| (2, format!("cannot read {path}: {e}")))?;
            Config::from_json(&text).map_err(|e| (2, e.to_string()))?
        }
        None => Config::default(),
    };
    let forced = Kind::from_config(kind.as_deref().unwrap_or(&cfg.kind)).map_err(|e| (2, e.to_string()))?;
    let body = if file == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| (2, format!("cannot read stdin: {e}")))?;
        s
    } else {
        std::fs::read_to_string(&file).map_err(|e| (2, format!("cannot read {file}: {e}")))?
    };
    // Relative links resolve against the configured API when it is absolute.
    let base = base.unwrap_or_else(|| {
        if config.is_some() && cfg.api.contains("://") {
            cfg.api.clone()
        } else {
            "https://api.invalid/".into()
        }
    });
    let out = probe(&body, forced, cfg.mapping.as_ref(), &base).map_err(|e| (1, e.to_string()))?;
    serde_json::to_string_pretty(&out).map_err(|e| (1, e.to_string()))
}
