"""One refresh at a time per store: an OS file lock on `<store>/refresh.lock`.

`fcntl.flock` is held by the open file description, so the kernel releases it when the holding
process exits for any reason (including SIGKILL): a lock file left behind by a dead process
never blocks the next refresh. The file's content (pid, start time, host) is only there to
tell a second refresh who holds the lock; it is never used to decide whether the lock is held.
The holder writes it just after taking the lock, so a refresh that finds the lock taken and the
record still empty waits briefly (`HOLDER_WAIT`) for it before naming the holder. The file
itself is never deleted (deleting a flock file races with a process opening it).
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from datetime import UTC, datetime
from pathlib import Path

LOCK_NAME = "refresh.lock"
#: seconds a refresh that finds the lock taken waits for the holder's record to be written
HOLDER_WAIT = 2.0


class StoreLocked(Exception):
    """Another process holds the store's lock."""

    def __init__(self, path: Path, holder: dict) -> None:
        self.path = path
        self.holder = holder
        super().__init__(str(self))

    def __str__(self) -> str:
        pid = self.holder.get("pid", "unknown")
        started = self.holder.get("started_utc", "unknown")
        host = self.holder.get("host")
        who = f"pid {pid}" + (f" on {host}" if host else "") + f", started {started}"
        return f"another refresh is running on this store ({who}; lock {self.path})"


class StoreLock:
    """Non-blocking exclusive lock; use as a context manager or acquire()/release()."""

    def __init__(self, store: Path) -> None:
        self.path = Path(store) / LOCK_NAME
        self._fd: int | None = None

    def acquire(self, **info: object) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # never through a link: the lock truncates and writes its file (the store refuses a
        # linked lock before this; O_NOFOLLOW closes the gap between that check and here)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _wait_for_holder(fd)
            os.close(fd)
            raise StoreLocked(self.path, holder) from None
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        record = {"pid": os.getpid(), "host": socket.gethostname(),
                  "started_utc": datetime.now(UTC).isoformat(timespec="seconds"), **info}
        os.ftruncate(fd, 0)
        os.pwrite(fd, (json.dumps(record, sort_keys=True) + "\n").encode(), 0)
        os.fsync(fd)

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)  # still held: nobody else can be writing it
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> StoreLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _wait_for_holder(fd: int) -> dict:
    """The holder's record, read again until it is written (the holder takes the lock, then
    writes it) or `HOLDER_WAIT` seconds have passed; {} if it never appears."""
    deadline = time.monotonic() + HOLDER_WAIT
    holder = _read_holder(fd)
    while not holder and time.monotonic() < deadline:
        time.sleep(0.02)
        holder = _read_holder(fd)
    return holder


def _read_holder(fd: int) -> dict:
    try:
        text = os.pread(fd, 4096, 0).decode("utf-8", "replace").strip()
        holder = json.loads(text) if text else {}
        return holder if isinstance(holder, dict) else {}
    except (OSError, ValueError):
        return {}
