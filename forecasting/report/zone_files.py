"""Read a published zone run directory into a `ZoneRunFiles` bundle (the zone report's only
input). Which files a zone run holds: forecasting/zones/tables.py. Optional tables a run does
not have (no large-load data, no neighbours) are `None`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from forecasting.errors import InputError
from forecasting.paths import display_path

REQUIRED = ("manifest.json", "forecast.csv", "history.csv", "peaks.csv", "decomposition.csv")
OPTIONAL = {
    "profile": "profile.csv",
    "published_check": "published_check.csv",
    "neighbour_check": "neighbour_check.csv",
    "pipeline": "pipeline.csv",
    "pjm_check": "pjm_check.csv",
    "contracts": "large_load_contracts.csv",
    "assumptions": "large_load_assumptions.csv",
    "backtest_summary": "backtest_summary.csv",
    "backtest_forecasts": "backtest_forecasts.csv",
}


@dataclass(frozen=True)
class ZoneRunFiles:
    directory: Path
    manifest: dict
    forecast: pd.DataFrame
    history: pd.DataFrame
    peaks: pd.DataFrame
    decomposition: pd.DataFrame
    profile: pd.DataFrame | None = None
    published_check: pd.DataFrame | None = None
    neighbour_check: pd.DataFrame | None = None
    pipeline: pd.DataFrame | None = None
    pjm_check: pd.DataFrame | None = None
    contracts: pd.DataFrame | None = None
    assumptions: pd.DataFrame | None = None
    backtest_summary: pd.DataFrame | None = None
    backtest_forecasts: pd.DataFrame | None = None
    changes: dict | None = None

    def downloads(self) -> list[str]:
        return sorted(p.name for p in self.directory.glob("*.csv"))


def is_zone_run(directory: Path) -> bool:
    """Whether the run directory's manifest says it is a zone run."""
    path = Path(directory) / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and manifest.get("kind") == "zone"


def read_zone_run(directory: Path) -> ZoneRunFiles:
    directory = Path(directory)
    for name in REQUIRED:
        if not (directory / name).is_file():
            raise InputError(display_path(directory / name),
                             "not found: is this a published zone run directory?")
    changes = directory / "changes.json"
    return ZoneRunFiles(
        directory=directory,
        manifest=json.loads((directory / "manifest.json").read_text(encoding="utf-8")),
        forecast=_csv(directory / "forecast.csv"),
        history=_csv(directory / "history.csv"),
        peaks=_csv(directory / "peaks.csv"),
        decomposition=_csv(directory / "decomposition.csv"),
        **{key: _csv(directory / name) for key, name in OPTIONAL.items()},
        changes=json.loads(changes.read_text(encoding="utf-8")) if changes.is_file() else None,
    )


def _csv(path: Path) -> pd.DataFrame | None:
    if not path.is_file():
        return None
    try:
        # periods stay labels ("2030", "2030-07"), never numbers
        return pd.read_csv(path, dtype={"period": str, "origin": str}, keep_default_na=True)
    except pd.errors.EmptyDataError:
        return pd.DataFrame()
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError(display_path(path), f"cannot be read as CSV ({exc})") from None
