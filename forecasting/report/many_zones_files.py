"""Read a published many-zone run directory (files: forecasting/many_zones/tables.py) for its
report."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from forecasting.errors import InputError
from forecasting.paths import display_path

REQUIRED = ("manifest.json", "forecast.csv", "zones.csv", "history.csv")


@dataclass(frozen=True)
class ManyZonesFiles:
    directory: Path
    manifest: dict
    forecast: pd.DataFrame
    zones: pd.DataFrame
    history: pd.DataFrame
    coincidence: pd.DataFrame | None
    changes: dict | None

    def downloads(self) -> list[str]:
        return sorted(p.name for p in self.directory.glob("*.csv"))


def is_many_zones_run(directory: Path) -> bool:
    try:
        manifest = json.loads((Path(directory) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and manifest.get("kind") == "zones"


def read_many_zones_run(directory: Path) -> ManyZonesFiles:
    directory = Path(directory)
    for name in REQUIRED:
        if not (directory / name).is_file():
            raise InputError(display_path(directory / name),
                             "not found: is this a published many-zone run directory?")

    def csv(name: str) -> pd.DataFrame | None:
        path = directory / name
        if not path.is_file():
            return None
        try:
            return pd.read_csv(path, dtype={"period": str, "region": str, "parent": str},
                               keep_default_na=True)
        except pd.errors.EmptyDataError:
            return pd.DataFrame()

    changes = directory / "changes.json"
    return ManyZonesFiles(
        directory=directory,
        manifest=json.loads((directory / "manifest.json").read_text(encoding="utf-8")),
        forecast=csv("forecast.csv"), zones=csv("zones.csv"), history=csv("history.csv"),
        coincidence=csv("coincidence.csv"),
        changes=json.loads(changes.read_text(encoding="utf-8")) if changes.is_file() else None,
    )
