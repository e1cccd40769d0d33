//! `newsroom` binary: command line and start-up.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use newsroom::content::Content;
use newsroom::http::Faults;
use newsroom::{app, spawn_live_publisher, AppState, Config};

const USAGE: &str = "\
newsroom: demo WordPress REST API + JSON Feed server

USAGE: newsroom [OPTIONS]

  --addr ADDR             listen address (default 127.0.0.1:8080)
  --dist PATH             also serve a built SPA from PATH (deep links -> index.html), with the
                          demo's config.json in place of the build's
  --dist-config           serve the build's own config.json instead of the demo's
  --publish-every SECS    publish a live post every SECS seconds (0 = off, default)
  --poll-interval SECS    send X-Poll-Interval: SECS on API responses (0 = off, default)
  --admin                 enable /__admin/* endpoints (tests only)
  --latency-ms N          fault: delay every API response by N ms
  --fail-status CODE      fault: API routes answer with this status
  --malformed             fault: API routes answer 200 with truncated JSON
  --hang                  fault: API routes never answer
  --html-error            fault: API routes answer 200 text/html with an HTML error page
  --empty-body            fault: API routes answer 200 with an empty body
  --content-type TYPE     fault: API responses carry this Content-Type instead of JSON
  --huge-body             fault: API routes answer with a 10 MB body
  --redirect-loop         fault: API routes redirect to themselves forever
  --no-cors               fault: API responses carry no CORS headers
  --redirect-to TO        fault: API routes answer 301 to TO (a path, or an origin that keeps
                          the path and query), without CORS headers
  --drop-mid-body         fault: API routes cut the connection halfway through the body
  --fault-paths P1,P2     faults apply only to paths starting with these (default: all API routes)
  --fault-hosts H1,H2     faults apply only to requests with these Host headers (default: any)
  -h, --help              show this help
";

/// Parsed command line.
#[derive(Debug)]
struct Args {
    addr: SocketAddr,
    config: Config,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut addr: SocketAddr = ([127, 0, 0, 1], 8080).into();
    let mut config = Config::default();
    let mut faults = Faults::default();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--addr" => {
                let v = value("--addr")?;
                addr = v.parse().map_err(|e| format!("--addr {v}: {e}"))?;
            }
            "--dist" => {
                let dir = PathBuf::from(value("--dist")?);
                if !dir.join("index.html").is_file() {
                    return Err(format!("--dist {}: no index.html there", dir.display()));
                }
                config.dist = Some(dir);
            }
            "--publish-every" => {
                let v = value("--publish-every")?;
                config.publish_every = v
                    .parse()
                    .map_err(|_| format!("--publish-every {v}: not a number of seconds"))?;
            }
            "--poll-interval" => {
                let v = value("--poll-interval")?;
                config.poll_interval = v
                    .parse()
                    .map_err(|_| format!("--poll-interval {v}: not a number of seconds"))?;
            }
            "--admin" => config.admin = true,
            "--dist-config" => config.dist_config = true,
            "--latency-ms" => {
                let v = value("--latency-ms")?;
                faults.latency_ms = v.parse().map_err(|_| format!("--latency-ms {v}: not a number"))?;
            }
            "--fail-status" => {
                let v = value("--fail-status")?;
                faults.status = Some(v.parse().map_err(|_| format!("--fail-status {v}: not a status code"))?);
            }
            "--malformed" => faults.malformed = true,
            "--hang" => faults.hang = true,
            "--html-error" => faults.html = true,
            "--empty-body" => faults.empty = true,
            "--content-type" => faults.content_type = Some(value("--content-type")?),
            "--huge-body" => faults.huge = true,
            "--redirect-loop" => faults.redirect_loop = true,
            "--no-cors" => faults.no_cors = true,
            "--redirect-to" => faults.redirect_to = Some(value("--redirect-to")?),
            "--fault-hosts" => {
                faults.hosts = value("--fault-hosts")?
                    .split(',')
                    .map(str::trim)
                    .filter(|h| !h.is_empty())
                    .map(String::from)
                    .collect();
            }
            "--drop-mid-body" => faults.drop_mid_body = true,
            "--fault-paths" => {
                faults.paths = value("--fault-paths")?
                    .split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(String::from)
                    .collect();
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    faults.validate()?;
    config.faults = faults;
    Ok(Some(Args { addr, config }))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(a)) => a,
        Ok(None) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("newsroom: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let content = match Content::embedded() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("newsroom: {e}");
            return ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(args.addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("newsroom: cannot listen on {}: {e}", args.addr);
            return ExitCode::FAILURE;
        }
    };
    let local = listener.local_addr().unwrap_or(args.addr);
    let mut config = args.config;
    config.fallback_base = format!("http://{local}");
    let state = AppState::new(&content, config);
    spawn_live_publisher(state.clone());
    println!("newsroom listening on http://{local}");
    use std::io::Write as _;
    let _ = std::io::stdout().flush();
    if let Err(e) = axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown_signal())
        .await
    {
        eprintln!("newsroom: server error: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Option<Args>, String> {
        parse_args(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn every_fault_flag_parses() {
        let a = parse(&[
            "--hang",
            "--html-error",
            "--empty-body",
            "--content-type=text/plain",
            "--huge-body",
            "--redirect-loop",
            "--no-cors",
            "--drop-mid-body",
            "--fail-status",
            "429",
            "--fault-paths",
            "/feed.json, /wp-json/wp/v2/posts",
            "--redirect-to",
            "http://localhost:8080",
            "--fault-hosts",
            "www.localhost:8080",
        ])
        .unwrap()
        .unwrap();
        let f = a.config.faults;
        assert!(f.hang && f.html && f.empty && f.huge && f.redirect_loop && f.no_cors && f.drop_mid_body);
        assert_eq!(f.content_type.as_deref(), Some("text/plain"));
        assert_eq!(f.status, Some(429));
        assert_eq!(f.paths, ["/feed.json", "/wp-json/wp/v2/posts"]);
        assert_eq!(f.redirect_to.as_deref(), Some("http://localhost:8080"));
        assert_eq!(f.hosts, ["www.localhost:8080"]);
        assert!(parse(&["--content-type"]).is_err());
        assert!(parse(&["--fail-status", "42"]).is_err());
        assert!(parse(&["--help"]).unwrap().is_none());
    }
}
