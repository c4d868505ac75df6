"""`dcload data fetch`: download public EIA tables without ever losing the last good copy.

Each file is downloaded (with retries, `forecasting/fetch/http.py`) into a temporary file next
to its destination, validated (`forecasting/fetch/validate.py`), then moved over the old copy
with `os.replace`; a sidecar `<file>.meta.json` records the URL, time, size, rows and sha256.
A failed download or a file that does not validate leaves the old copy as it was and raises
`FetchError` (an `InputError`: one line naming the URL, row and field; exit code 2). A
destination that cannot hold the files (an existing file, a path under a file, a directory
that cannot be created or written) raises `DestinationError` (a `FetchError` naming it) before
anything is downloaded.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from forecasting.errors import InputError
from forecasting.fetch.datasets import DATASETS, EIA_BASE_URL, Dataset, Period
from forecasting.fetch.http import FetchError, RetryPolicy, download
from forecasting.fetch.validate import validate_csv
from forecasting.io.hashing import sha256_file
from forecasting.paths import display_path

__all__ = ["DATASETS", "EIA_BASE_URL", "Dataset", "DestinationError", "FetchError",
           "FetchResult", "Period", "RetryPolicy", "fetch"]


class DestinationError(FetchError):
    """The destination directory cannot hold the downloaded files (`file` is its path)."""


@dataclass(frozen=True)
class FetchResult:
    dataset: str
    url: str
    path: Path
    rows: int
    bytes: int
    sha256: str
    tries: int


def fetch(dataset: Dataset, url: str, dest: Path, *, period: Period | None = None,
          policy: RetryPolicy | None = None,
          on_retry: Callable[[int, float, str], None] | None = None) -> FetchResult:
    policy = policy or RetryPolicy()
    dest = Path(dest)
    final = dest / dataset.filename(period)
    try:
        dest.mkdir(parents=True, exist_ok=True)
        if final.is_dir():
            raise IsADirectoryError(0, "is a directory", str(final))
        fd, tmp_name = tempfile.mkstemp(prefix=f".{final.name}.part-", dir=dest)
    except OSError as exc:
        raise _destination_error(dest, exc) from None
    tmp = Path(tmp_name)
    kept = f"; kept the last good copy {display_path(final)}" if final.exists() else ""
    try:
        try:
            with os.fdopen(fd, "w+b") as handle:
                size, tries = download(url, handle, policy, on_retry=on_retry)
                handle.flush()
                os.fsync(handle.fileno())
            if size == 0:
                raise FetchError(url, "empty download")
            summary = validate_csv(tmp, dataset, source=url, period=period)
        except InputError as error:
            raise FetchError(error.file, error.message + kept, row=error.row,
                             field=error.field) from None
        digest = sha256_file(tmp)
        tmp.chmod(0o644)
        os.replace(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    result = FetchResult(dataset.name, url, final, summary.rows, size, digest, tries)
    _write_meta(final, result, period)
    return result


def _destination_error(dest: Path, exc: OSError) -> DestinationError:
    name = display_path(dest)
    if isinstance(exc, FileExistsError) or (dest.exists() and not dest.is_dir()):
        why = "is a file, not a directory"
    elif isinstance(exc, NotADirectoryError):
        why = "lies under a file, not a directory"
    elif isinstance(exc, IsADirectoryError) and exc.filename:
        why = f"holds a directory where the file {Path(exc.filename).name} goes"
    else:
        why = f"cannot be created or written ({exc.strerror or exc})"
    return DestinationError(name, f"the destination {name} {why}")


def _write_meta(final: Path, result: FetchResult, period: Period | None) -> None:
    meta = {"dataset": result.dataset, "url": result.url, "file": final.name,
            "period": str(period) if period else None, "rows": result.rows,
            "bytes": result.bytes, "sha256": result.sha256,
            "fetched_utc": datetime.now(UTC).isoformat(timespec="seconds")}
    target = final.with_name(final.name + ".meta.json")
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, target)
