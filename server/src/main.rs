//! `ziar-server`: see `--help`.

use clap::Parser;
use std::process::ExitCode;
use ziar_server::options::Options;

#[tokio::main]
async fn main() -> ExitCode {
    let opts = Options::parse();
    let listener = match tokio::net::TcpListener::bind(opts.addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("ziar-server: cannot listen on {}: {e}", opts.addr);
            return ExitCode::from(1);
        }
    };
    let bound = listener.local_addr().unwrap_or(opts.addr);
    let (app, poller) = match ziar_server::build(&opts, bound) {
        Ok(built) => built,
        Err(e) => {
            eprintln!("ziar-server: {e}");
            return ExitCode::from(2);
        }
    };
    let addr = bound.to_string();
    tokio::spawn(poller);
    println!("ziar-server listening on http://{addr}");
    let served = axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await;
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ziar-server: {e}");
            ExitCode::from(1)
        }
    }
}
