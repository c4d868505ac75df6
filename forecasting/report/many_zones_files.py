"""Read a published many-zone run directory (files: forecasting/many_zones/tables.py) for its
report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from forecasting.report.run_dir_reading import (
    check_columns,
    check_outputs,
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
#: zones.csv's ``data_center`` of a node whose data-center part was not estimated (its
#: share empty; a total's text goes on to say in how many of its zones), as
#: forecasting/many_zones/data_center_source.py writes it
NOT_ESTIMATED = "not estimated"
#: columns holding node names, read as written: a zone, region or top named NA, NULL, nan or
#: None is that name, never a missing value (only an empty cell is: the top's parent)
NAME_COLUMNS = ("region", "parent")


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
    pipeline: pd.DataFrame | None = None     # queue zones' pipelines (runs with a queue)

    def downloads(self) -> list[str]:
        return sorted(p.name for p in self.directory.glob("*.csv"))


def is_many_zones_run(directory: Path) -> bool:
    return run_kind(directory) == "zones"


def with_names_as_written(table: pd.DataFrame, path: Path) -> pd.DataFrame:
    """`table` with its `NAME_COLUMNS` read again from `path` as text, so that only an empty
    cell is missing (pandas takes 'NA', 'NULL', 'nan', 'None', ... for missing values)."""
    names = [c for c in NAME_COLUMNS if c in table.columns]
    if not names:
        return table
    cells = pd.read_csv(path, usecols=names, dtype=str, keep_default_na=False,
                        na_values=[""])
    return table.assign(**{c: cells[c].to_numpy() for c in names})


def read_many_zones_run(directory: Path) -> ManyZonesFiles:
    """The many-zone run in `directory`; InputError naming the file if a required file is
    missing, lacks its columns, or is no longer the one its run wrote (`check_outputs`)."""
    directory = Path(directory)
    check_required(directory, REQUIRED, "many-zone run")
    manifest = read_json(directory / "manifest.json")
    check_outputs(directory, manifest)

    def csv(name: str) -> pd.DataFrame | None:
        table = read_table(directory / name, labels=("period", *NAME_COLUMNS))
        return None if table is None else with_names_as_written(table, directory / name)

    zones, history = csv("zones.csv"), csv("history.csv")
    check_columns(zones, directory / "zones.csv", ZONES_COLUMNS, "zones")
    check_columns(history, directory / "history.csv", HISTORY_COLUMNS, "zone history")
    return ManyZonesFiles(
        directory=directory, manifest=manifest,
        forecast=csv("forecast.csv"), zones=zones, history=history,
        coincidence=csv("coincidence.csv"), changes=read_json(directory / "changes.json"),
        peaks=csv("peaks.csv"), peak_check=csv("peak_check.csv"),
        pipeline=csv("pipeline.csv"),
    )
