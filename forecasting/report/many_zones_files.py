"""Read a published many-zone run directory (files: forecasting/many_zones/tables.py) for its
report. backtest_failures.csv is optional (runs published before it have none); with it, the
report reads backtest_forecasts.csv too (the nodes' origins:
`forecasting.report.many_zones_backtest_failures`), and each must hold the columns the
report reads, as zones.csv and history.csv must."""

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
from forecasting.report.zone_backtest_failures import FAILURE_COLUMNS, FAILURES_FILE

REQUIRED = ("manifest.json", "forecast.csv", "zones.csv", "history.csv")
#: the columns of zones.csv and history.csv the report reads (every many-zone run writes
#: them: forecasting/many_zones/assemble.py ZONE_COLUMNS, forecasting/many_zones/tables.py)
ZONES_COLUMNS = ("region", "level", "status", "data_center",
                 *[f"energy_gwh_{year}_{q}" for year in (2025, 2028, 2030)
                   for q in ("p10", "p50", "p90")],
                 "peak_mw_2030_p50", "data_center_share_2030", "backtest_mase",
                 "backtest_coverage80")
HISTORY_COLUMNS = ("region", "period", "energy_gwh", "peak_mw")
#: the columns of backtest_failures.csv and backtest_forecasts.csv the report reads
#: (`forecasting.report.many_zones_backtest_failures`)
FAILURES_COLUMNS = ("region", *FAILURE_COLUMNS)
BACKTEST_FORECAST_COLUMNS = ("region", "metric", "model", "origin", "period")
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
    backtest_failures: pd.DataFrame | None = None   # absent in runs published before it
    backtest_forecasts: pd.DataFrame | None = None  # read only with backtest_failures.csv

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
        table = read_table(directory / name, labels=("period", "origin", *NAME_COLUMNS))
        return None if table is None else with_names_as_written(table, directory / name)

    zones, history = csv("zones.csv"), csv("history.csv")
    check_columns(zones, directory / "zones.csv", ZONES_COLUMNS, "zones")
    check_columns(history, directory / "history.csv", HISTORY_COLUMNS, "zone history")
    failures = csv(FAILURES_FILE)
    backtest = None
    if failures is not None:
        check_columns(failures, directory / FAILURES_FILE, FAILURES_COLUMNS,
                      "backtest failures")
        backtest = csv("backtest_forecasts.csv")
        if backtest is not None:
            check_columns(backtest, directory / "backtest_forecasts.csv",
                          BACKTEST_FORECAST_COLUMNS, "backtest forecasts")
    return ManyZonesFiles(
        directory=directory, manifest=manifest,
        forecast=csv("forecast.csv"), zones=zones, history=history,
        coincidence=csv("coincidence.csv"), changes=read_json(directory / "changes.json"),
        peaks=csv("peaks.csv"), peak_check=csv("peak_check.csv"),
        pipeline=csv("pipeline.csv"),
        backtest_failures=failures, backtest_forecasts=backtest,
    )
