"""The run registry: one SQLite file per store (`<store>/registry.sqlite`, WAL mode), one row
per refresh attempt.

Columns: `id` (the run id, also the directory name under `<store>/runs/`), `started_utc`,
`ended_utc`, `status` (running, succeeded, failed, skipped), `fingerprint` (of the inputs, the
resolved config and the package version), `key_results` (JSON: 2030 P50 TWh per scenario),
`error`, plus `pid`, `stage` (the last stage reached), `config`, `version`, `note` and
`pruned_utc` (when retention removed the run's directory).

Only a process holding the store's lock writes rows, so a row still `running` when the lock is
acquired was left by a process that stopped without recording its end (killed, or unable to
write here: a full disk); `recover` (publish_run.py) settles it. That holds only for the
store's own file: a `registry.sqlite` that is a symbolic link (perhaps to another store's
registry, written under that store's lock) is refused, never followed.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from forecasting.errors import InputError
from forecasting.paths import display_path

REGISTRY_NAME = "registry.sqlite"
STATUSES = ("running", "succeeded", "failed", "skipped")
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT NOT NULL UNIQUE,
    started_utc TEXT NOT NULL,
    ended_utc   TEXT,
    status      TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'skipped')),
    fingerprint TEXT,
    key_results TEXT,
    error       TEXT,
    pid         INTEGER,
    stage       TEXT,
    config      TEXT,
    version     TEXT,
    note        TEXT,
    pruned_utc  TEXT
);
CREATE INDEX IF NOT EXISTS runs_status ON runs (status, seq);
"""


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class RunRow:
    seq: int
    id: str
    started_utc: str
    ended_utc: str | None
    status: str
    fingerprint: str | None
    key_results: dict
    error: str | None
    pid: int | None
    stage: str | None
    config: str | None
    version: str | None
    note: str | None
    pruned_utc: str | None

    @classmethod
    def from_sql(cls, row: sqlite3.Row) -> RunRow:
        values = dict(row)
        values["key_results"] = json.loads(values["key_results"] or "{}")
        return cls(**values)

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


class Registry:
    def __init__(self, path: Path, *, create: bool = True) -> None:
        """Open (with `create`, make) the registry at `path`. Anything there that is not a
        readable registry (a folder, a damaged or foreign file) is an InputError naming it."""
        self.path = Path(path)
        if self.path.is_symlink():
            raise InputError(display_path(self.path), "is a symbolic link (to "
                             f"{os.readlink(self.path)}), not the store's own registry file: "
                             "rows are settled under this store's lock, and a registry shared "
                             "through a link could have another store's running runs marked "
                             "failed; put the file itself in its place")
        if self.path.exists() and not self.path.is_file():
            raise InputError(display_path(self.path), "is a folder, not the run registry file; "
                             "move it aside (a new, empty registry is then started)")
        if not create and not self.path.is_file():
            raise InputError(display_path(self.path),
                             "no run registry here (has `dcload refresh` run on this store?)")
        if self.path.is_file() and _empty(self.path):  # sqlite would adopt it as a new one
            raise InputError(display_path(self.path), "is an empty file, not a readable run "
                             "registry (no runs table); move it aside (a new, empty registry "
                             "is then started; published runs stay in runs/)")
        if create:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = _connect(self.path, create)
        except sqlite3.OperationalError as exc:
            raise self._unopenable(exc) from None
        try:
            self._open(create)
        except sqlite3.DatabaseError as exc:  # also OperationalError
            self._db.close()
            if disk_full(exc):  # not damage: the caller says so in one line
                raise
            if isinstance(exc, sqlite3.OperationalError) and not (
                    _readable(self.path) and _writable(self.path.parent)):
                raise self._unopenable(exc) from None
            raise InputError(display_path(self.path), f"is not a readable run registry "
                             f"({exc}); move it aside (a new, empty registry is then started; "
                             "published runs stay in runs/)") from None

    def _unopenable(self, exc: sqlite3.OperationalError) -> InputError:
        """A registry that cannot be opened for lack of permission, not for damage: never
        the advice to move it aside (that would start the run history again)."""
        if not _readable(self.path):
            why = "you may not read it (permissions)"
        else:
            why = "its folder cannot be written (a read-only file system or permissions)"
        return InputError(display_path(self.path), f"cannot be opened: {why} ({exc}); the "
                          "registry itself is not known to be damaged")

    def _open(self, create: bool) -> None:
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA busy_timeout = 30000")
        if create:
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = FULL")
            with self.transaction():
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        # reads the file's header and schema: a damaged file fails here, not mid-command
        columns = {r[1] for r in self._db.execute("PRAGMA table_info(runs)")}
        missing = [c for c in RunRow.__dataclass_fields__ if c not in columns]
        if missing:
            raise sqlite3.DatabaseError("no runs table" if not columns else
                                        f"its runs table lacks {', '.join(missing)}")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Registry:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:  # a full disk has SQLite roll back by itself: an
                self._db.execute("ROLLBACK")  # unconditional ROLLBACK hid that error
            raise

    # writes (only under the store lock) --------------------------------------------------

    def unique_id(self, base: str) -> str:
        candidate, n = base, 1
        while self._db.execute("SELECT 1 FROM runs WHERE id = ?", (candidate,)).fetchone():
            n += 1
            candidate = f"{base}.{n}"
        return candidate

    def insert(self, run_id: str, *, status: str, started_utc: str | None = None,
               **fields: object) -> None:
        fields = _encode(fields)
        columns = ["id", "status", "started_utc", *fields]
        values = [run_id, status, started_utc or now_utc(), *fields.values()]
        with self.transaction() as db:
            db.execute(f"INSERT INTO runs ({', '.join(columns)}) "
                       f"VALUES ({', '.join('?' * len(columns))})", values)

    def update(self, run_id: str, **fields: object) -> None:
        fields = _encode(fields)
        assignments = ", ".join(f"{k} = ?" for k in fields)
        with self.transaction() as db:
            db.execute(f"UPDATE runs SET {assignments} WHERE id = ?", [*fields.values(), run_id])

    def finish(self, run_id: str, status: str, **fields: object) -> None:
        self.update(run_id, status=status, ended_utc=now_utc(), **fields)

    # reads -------------------------------------------------------------------------------

    def rows(self, *, status: str | None = None, limit: int | None = None,
             newest_first: bool = True) -> list[RunRow]:
        sql = "SELECT * FROM runs"
        args: list[object] = []
        if status is not None:
            sql += " WHERE status = ?"
            args.append(status)
        sql += " ORDER BY seq " + ("DESC" if newest_first else "ASC")
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        return [RunRow.from_sql(r) for r in self._db.execute(sql, args)]

    def get(self, run_id: str) -> RunRow | None:
        row = self._db.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
        return RunRow.from_sql(row) if row else None

    def find(self, prefix: str) -> list[RunRow]:
        exact = self.get(prefix)
        if exact is not None:
            return [exact]
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self._db.execute("SELECT * FROM runs WHERE id LIKE ? ESCAPE '\\' ORDER BY seq",
                                (escaped + "%",))
        return [RunRow.from_sql(r) for r in rows]

    def last_succeeded(self) -> RunRow | None:
        rows = self.rows(status="succeeded", limit=1)
        return rows[0] if rows else None


def disk_full(exc: BaseException) -> bool:
    """Whether `exc` is SQLite's "database or disk is full" (SQLITE_FULL: the disk, or the
    quota, has no room for the registry to grow)."""
    code = getattr(exc, "sqlite_errorcode", None) or 0  # (the primary code is its low byte)
    return isinstance(exc, sqlite3.OperationalError) and code & 0xFF == sqlite3.SQLITE_FULL


def _connect(path: Path, create: bool) -> sqlite3.Connection:
    """Read-write (a refresh, under the lock), or read-only for `dcload runs`: a store in a
    folder it may not write (a read-only replica or backup) is opened as immutable, since
    SQLite cannot make the shared-memory file a read of a WAL database needs there."""
    if create:
        return sqlite3.connect(path, timeout=30, isolation_level=None)
    mode = "mode=ro" if _writable(path.parent) else "immutable=1"
    return sqlite3.connect(f"{Path(path).absolute().as_uri()}?{mode}", uri=True, timeout=30,
                           isolation_level=None)


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK)


def _readable(path: Path) -> bool:
    return os.access(path, os.R_OK)


def _empty(path: Path) -> bool:
    """A registry file of 0 bytes with no write-ahead log beside it to give it its rows (a
    new registry's first pages may still be only in `-wal`)."""
    wal = path.with_name(path.name + "-wal")
    return path.stat().st_size == 0 and not (wal.is_file() and wal.stat().st_size > 0)


def _encode(fields: dict) -> dict:
    out = {}
    for key, value in fields.items():
        if key == "key_results" and value is not None and not isinstance(value, str):
            value = json.dumps(value, sort_keys=True)
        out[key] = value
    return out
