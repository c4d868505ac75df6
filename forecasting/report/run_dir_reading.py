"""What every run-directory reader shares: a run's kind from its manifest, the check that its
files are the ones its run wrote, and a CSV table read as published (``None`` when the run has
no such file)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from forecasting.contracts import REQUIRED_FORECAST_COLUMNS
from forecasting.errors import InputError
from forecasting.paths import display_path
from forecasting.runs.outputs import output_problems


def csv_bool(value) -> bool:
    """A CSV cell written from a bool (True/False, or 1/0), read back as a bool."""
    return str(value).strip().lower() in ("true", "1", "1.0")


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
        table = pd.read_csv(path, dtype={c: str for c in labels}, keep_default_na=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InputError(display_path(path), f"cannot be read as CSV ({exc})") from None
    if path.name == "forecast.csv":  # every report reads these (`period`, or `year` archived)
        missing = [c for c in REQUIRED_FORECAST_COLUMNS if c not in table.columns]
        if "period" not in table.columns and "year" not in table.columns:
            missing.append("period")
        if missing:
            raise InputError(display_path(path), f"lacks the column(s) {', '.join(missing)}: "
                             "not a published forecast table")
    return table


def check_columns(table: pd.DataFrame, path: Path, columns: tuple[str, ...], what: str) -> None:
    """An InputError naming `path` and the `columns` its `table` lacks (a file a report
    reads must hold the columns it reads), as for a forecast.csv without its columns."""
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise InputError(display_path(path), f"lacks the column(s) {', '.join(missing)}: "
                         f"not a published {what} table")


def check_required(directory: Path, names: tuple[str, ...], what: str) -> None:
    for name in names:
        if not (directory / name).is_file():
            raise InputError(display_path(directory / name),
                             f"not found: is this a published {what} directory?")


def check_outputs(directory: Path, manifest: dict | None) -> None:
    """An InputError naming the first file its manifest lists (and forecast.csv) that is no
    longer the file its run wrote (`forecasting.runs.outputs.output_problems`): a truncated or
    edited table would otherwise render as a report with rows missing or numbers changed. A
    run written before the manifest kept `outputs` is checked by forecast.csv's last row."""
    problems = output_problems(directory, manifest or {})
    if problems:
        path, why = problems[0]
        raise InputError(display_path(path), f"{why}; the report is not rendered from it")


def read_json(path: Path) -> dict | None:
    """The JSON object at `path` (None if absent; InputError if it is not a JSON object:
    every document a run holds is one)."""
    if not path.is_file():
        return None
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(display_path(path), f"not valid JSON ({exc})") from None
    if not isinstance(document, dict):
        raise InputError(display_path(path), "must be a JSON object {...}, not "
                         f"{type(document).__name__ if document is not None else 'null'}")
    return document
