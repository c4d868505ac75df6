"""A run directory on disk: write a run's files into it, and read one back as a snapshot for a
diff. (The report reads a run directory through forecasting/report/run_files.py.)"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from forecasting.runs.diff import RunSnapshot


def write_files(directory: Path, files: Mapping[str, str]) -> None:
    """Write each `name -> text` into `directory` (which must exist)."""
    for name, text in files.items():
        (Path(directory) / name).write_text(text, encoding="utf-8")


def read_snapshot(directory: Path) -> RunSnapshot:
    """A published run's manifest and forecast table."""
    directory = Path(directory)
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    return RunSnapshot(manifest, pd.read_csv(directory / "forecast.csv"))


def has_run(directory: Path) -> bool:
    """Whether `directory` holds a published run (it has a manifest)."""
    return (Path(directory) / "manifest.json").is_file()
