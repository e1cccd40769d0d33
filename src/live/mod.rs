//! Live updates, pure part: when to poll next ([`policy`]) and how a fresh
//! snapshot of the newest posts changes what the reader sees ([`merge`]).
//!
//! The browser side (timers, fetch, visibility) is `web::poller`; everything
//! here is deterministic and tested natively over long random sequences.

pub mod merge;
pub mod policy;
