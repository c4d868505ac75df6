"""Read a published run back as a `RunSnapshot` (its manifest and forecast table) for a diff,
checked: a manifest that is not a JSON object, or a forecast table that is not the one its run
wrote (forecasting/runs/outputs.py), is an InputError naming the file."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from forecasting.errors import InputError
from forecasting.paths import display_path
from forecasting.runs.diff import RunSnapshot
from forecasting.runs.outputs import output_problem


def read_manifest(directory: Path) -> dict:
    """A run's manifest.json as a dict; InputError (naming the file) if it is missing, not
    JSON or not a JSON object."""
    path = Path(directory) / "manifest.json"
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(display_path(path), "not found: is this a published run?") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(display_path(path), f"not valid JSON ({exc}): damaged") from None
    if not isinstance(document, dict):
        raise InputError(display_path(path), "must be a JSON object {...}, not "
                         f"{type(document).__name__ if document is not None else 'null'}: "
                         "damaged")
    return document


def read_snapshot(directory: Path) -> RunSnapshot:
    """A published run's manifest and forecast table, both checked (see the module)."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    path = directory / "forecast.csv"
    if not path.is_file():
        raise InputError(display_path(path), "not found: the run's forecast table is missing")
    problem = output_problem(directory, "forecast.csv", manifest)
    if problem is not None:
        raise InputError(display_path(path), problem)
    try:
        forecast = pd.read_csv(path)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(display_path(path), f"cannot be read as CSV ({exc})") from None
    return RunSnapshot(manifest, forecast)
