"""What every run-directory reader shares: a run's kind from its manifest, and a CSV table
read as published (``None`` when the run has no such file)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from forecasting.errors import InputError
from forecasting.paths import display_path


def run_kind(directory: Path) -> str:
    """``national``, ``zone`` or ``zones``, from the run's manifest (``national`` when it
    has none or says nothing: archived national runs)."""
    try:
        manifest = json.loads((Path(directory) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "national"
    return manifest.get("kind", "national") if isinstance(manifest, dict) else "national"


def read_table(path: Path, *, labels: tuple[str, ...] = ()) -> pd.DataFrame | None:
    """The CSV file at `path` (None if absent), the ``labels`` columns kept as text (periods
    "2030", "2030-07" never become numbers); an unreadable or empty file is an InputError."""
    if not path.is_file():
        return None
    try:
        return pd.read_csv(path, dtype={c: str for c in labels}, keep_default_na=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InputError(display_path(path), f"cannot be read as CSV ({exc})") from None


def check_required(directory: Path, names: tuple[str, ...], what: str) -> None:
    for name in names:
        if not (directory / name).is_file():
            raise InputError(display_path(directory / name),
                             f"not found: is this a published {what} directory?")


def read_json(path: Path) -> dict | None:
    """The JSON document at `path` (None if absent; InputError if it is not JSON)."""
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(display_path(path), f"not valid JSON ({exc})") from None
