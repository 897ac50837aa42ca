//! One writer per data dir: an exclusive OS lock on `DIR/lock`, held for as long as the writer lives.
//!
//! The lock is advisory (`flock`-style, std's `File::try_lock`), so it disappears when the process dies,
//! even by SIGKILL: a crashed ingest never leaves a stale lock behind. The holder writes its pid into the
//! file so that the second writer can say who holds it. std's lock is used rather than a crate because it
//! does exactly this since Rust 1.89.
//!
//! Readers (search, export, stats) do not take it: SQLite's WAL lets them read while a writer writes.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::StoreError;

/// The held lock; dropping it releases the lock.
#[derive(Debug)]
pub struct DataDirLock {
    _file: File,
    dir: PathBuf,
}

impl DataDirLock {
    /// Takes the lock on `dir` (created if missing) without waiting; fails with [`StoreError::InUse`]
    /// naming the holder's pid when another process has it.
    pub fn acquire(dir: &Path) -> Result<DataDirLock, StoreError> {
        let io = |source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(io)?;
        let path = dir.join("lock");
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|source| StoreError::Io {
                path: path.clone(),
                source,
            })?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                return Err(StoreError::InUse {
                    dir: dir.to_path_buf(),
                    pid: text.trim().parse().ok(),
                });
            }
            Err(std::fs::TryLockError::Error(source)) => {
                return Err(StoreError::Io { path, source });
            }
        }
        let write_pid = |file: &mut File| -> std::io::Result<()> {
            file.set_len(0)?;
            file.seek(SeekFrom::Start(0))?;
            writeln!(file, "{}", std::process::id())?;
            file.flush()
        };
        write_pid(&mut file).map_err(|source| StoreError::Io {
            path: path.clone(),
            source,
        })?;
        Ok(DataDirLock {
            _file: file,
            dir: dir.to_path_buf(),
        })
    }

    /// The data dir this lock guards.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_names_the_holder_and_release_frees_it() {
        let dir = tempfile::tempdir().unwrap();
        let first = DataDirLock::acquire(dir.path()).unwrap();
        let err = DataDirLock::acquire(dir.path()).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("is in use by another marsad process"),
            "{message}"
        );
        assert!(
            message.contains(&format!("(pid {})", std::process::id())),
            "{message}"
        );
        drop(first);
        DataDirLock::acquire(dir.path()).unwrap();
    }
}
