"""A run directory on disk: write a run's files into it. (A run is read back for a diff by
forecasting/runs/snapshot.py, for the report by forecasting/report/run_files.py.)"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path


def write_files(directory: Path, files: Mapping[str, str]) -> None:
    """Write each `name -> text` into `directory` (which must exist)."""
    for name, text in files.items():
        (Path(directory) / name).write_text(text, encoding="utf-8")
