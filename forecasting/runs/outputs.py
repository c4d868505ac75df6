"""What a run wrote, recorded in its manifest, and whether its files still hold it.

A run's manifest lists each file written with it (`outputs`: name -> `bytes`, `sha256`), all
but the manifest itself and `index.html` (re-rendered by `dcload report`). A file that is
missing, or whose size or sha256 differs, was changed or damaged after the run (a truncated
write, a sync tool, a hand edit): readers refuse it rather than show part of a run.

Runs written before the manifest kept these records are checked by their shape instead: a
`forecast.csv` must end in a complete row (`ragged_last_row`).
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Mapping
from pathlib import Path

from forecasting.io.hashing import sha256_file


def output_records(files: Mapping[str, str]) -> dict[str, dict]:
    """{name: {"bytes", "sha256"}} of each file's text as written (UTF-8)."""
    records = {}
    for name in sorted(files):
        data = files[name].encode("utf-8")
        records[name] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    return records


def output_problem(directory: Path, name: str, manifest: Mapping) -> str | None:
    """Why `directory/name` is not the file its run wrote, without the path (None: it is,
    or the manifest records nothing of it)."""
    records = manifest.get("outputs") if isinstance(manifest, Mapping) else None
    record = records.get(name) if isinstance(records, Mapping) else None
    path = Path(directory) / name
    if not isinstance(record, Mapping):
        return ragged_last_row(path) if name == "forecast.csv" and path.is_file() else None
    if not path.is_file():
        return "missing, but its run wrote it (manifest.json lists it)"
    size = path.stat().st_size
    if size != record.get("bytes"):
        return (f"{size} bytes, but its run wrote {record.get('bytes')} "
                "(manifest.json): damaged or changed since the run")
    if sha256_file(path) != record.get("sha256"):
        return ("its sha256 differs from the one manifest.json records: "
                "damaged or changed since the run")
    return None


def output_problems(directory: Path, manifest: Mapping) -> list[tuple[Path, str]]:
    """(path, why) of every file the manifest lists (and forecast.csv) that is not the file
    its run wrote (`output_problem`)."""
    records = manifest.get("outputs") if isinstance(manifest, Mapping) else None
    names = sorted({"forecast.csv", *(records if isinstance(records, Mapping) else ())})
    problems = ((Path(directory) / n, output_problem(directory, n, manifest)) for n in names)
    return [(path, why) for path, why in problems if why]


def ragged_last_row(path: Path) -> str | None:
    """Why a CSV file looks cut short (its last row has no line end, or not its header's
    number of fields), without the path; None if it does not."""
    with open(path, "rb") as handle:
        header = handle.readline()
        handle.seek(0, 2)
        end = handle.tell()
        if end == 0:
            return "empty"
        handle.seek(max(0, end - 65536))
        tail = handle.read()
    if not tail.endswith(b"\n"):
        return ("its last row is cut short (no line end): damaged or "
                "truncated")
    lines = tail.rstrip(b"\r\n").split(b"\n")
    last = lines[-1].decode("utf-8", "replace")
    expected = len(next(csv.reader([header.decode("utf-8", "replace")]), []))
    got = len(next(csv.reader([last]), []))
    if got != expected:
        return (f"its last row has {got} fields, its header {expected}: "
                "damaged or truncated")
    return None
