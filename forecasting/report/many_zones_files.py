"""Read a published many-zone run directory (files: forecasting/many_zones/tables.py) for its
report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from forecasting.report.run_dir_reading import (
    check_columns,
    check_required,
    read_json,
    read_table,
    run_kind,
)

REQUIRED = ("manifest.json", "forecast.csv", "zones.csv", "history.csv")
#: the columns of zones.csv and history.csv the report reads (every many-zone run writes
#: them: forecasting/many_zones/assemble.py ZONE_COLUMNS, forecasting/many_zones/tables.py)
ZONES_COLUMNS = ("region", "level", "status", "data_center",
                 *[f"energy_gwh_{year}_{q}" for year in (2025, 2028, 2030)
                   for q in ("p10", "p50", "p90")],
                 "peak_mw_2030_p50", "data_center_share_2030", "backtest_mase",
                 "backtest_coverage80")
HISTORY_COLUMNS = ("region", "period", "energy_gwh", "peak_mw")


@dataclass(frozen=True)
class ManyZonesFiles:
    directory: Path
    manifest: dict
    forecast: pd.DataFrame
    zones: pd.DataFrame
    history: pd.DataFrame
    coincidence: pd.DataFrame | None
    changes: dict | None
    peaks: pd.DataFrame | None = None        # absent in runs published before peaks.csv
    peak_check: pd.DataFrame | None = None

    def downloads(self) -> list[str]:
        return sorted(p.name for p in self.directory.glob("*.csv"))


def is_many_zones_run(directory: Path) -> bool:
    return run_kind(directory) == "zones"


def read_many_zones_run(directory: Path) -> ManyZonesFiles:
    directory = Path(directory)
    check_required(directory, REQUIRED, "many-zone run")

    def csv(name: str) -> pd.DataFrame | None:
        return read_table(directory / name, labels=("period", "region", "parent"))

    zones, history = csv("zones.csv"), csv("history.csv")
    check_columns(zones, directory / "zones.csv", ZONES_COLUMNS, "zones")
    check_columns(history, directory / "history.csv", HISTORY_COLUMNS, "zone history")
    return ManyZonesFiles(
        directory=directory, manifest=read_json(directory / "manifest.json"),
        forecast=csv("forecast.csv"), zones=zones, history=history,
        coincidence=csv("coincidence.csv"), changes=read_json(directory / "changes.json"),
        peaks=csv("peaks.csv"), peak_check=csv("peak_check.csv"),
    )
