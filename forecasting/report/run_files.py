"""Read a published run directory into a `RunFiles` bundle (the report's only input).

A run directory holds `manifest.json`, `forecast.csv` and `history.csv`, and (from dcload
0.2 on) the tables behind each report section. Files an older run does not have are `None`,
so archived runs keep rendering after the code changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from forecasting.contracts import annual_rows
from forecasting.report.run_dir_reading import (
    check_outputs,
    check_required,
    read_json,
    read_table,
)

REQUIRED = ("manifest.json", "forecast.csv", "history.csv")
OPTIONAL_TABLES = {
    "observations": "observations.csv",
    "outlooks": "outlooks.csv",
    "decomposition": "decomposition.csv",
    "sensitivity": "sensitivity.csv",
    "backtest_summary": "backtest_summary.csv",
    "backtest_forecasts": "backtest_forecasts.csv",
    "assumptions": "assumptions.csv",
    "limits": "limits.csv",
    "mc_error": "mc_error.csv",
    "track_record": "track_record.csv",
}
OPTIONAL_JSON = {"regimes": "regimes.json", "changes": "changes.json"}


@dataclass(frozen=True)
class RunFiles:
    directory: Path
    manifest: dict
    forecast: pd.DataFrame
    history: pd.DataFrame
    observations: pd.DataFrame | None = None
    outlooks: pd.DataFrame | None = None
    decomposition: pd.DataFrame | None = None
    sensitivity: pd.DataFrame | None = None
    backtest_summary: pd.DataFrame | None = None
    backtest_forecasts: pd.DataFrame | None = None
    assumptions: pd.DataFrame | None = None
    limits: pd.DataFrame | None = None
    mc_error: pd.DataFrame | None = None
    track_record: pd.DataFrame | None = None
    regimes: dict | None = None
    changes: dict | None = None

    def downloads(self) -> list[str]:
        return sorted(p.name for p in self.directory.glob("*.csv"))


def read_run(directory: Path) -> RunFiles:
    """The run in `directory`; InputError naming the file if a required file is missing, or
    a file its manifest lists is no longer the one its run wrote (a truncated or edited
    forecast.csv would otherwise render as a report with rows missing)."""
    directory = Path(directory)
    check_required(directory, REQUIRED, "run")
    manifest = read_json(directory / "manifest.json")
    check_outputs(directory, manifest)
    tables = {key: read_table(directory / name) for key, name in OPTIONAL_TABLES.items()}
    documents = {key: read_json(directory / name) for key, name in OPTIONAL_JSON.items()}
    forecast = annual_rows(read_table(directory / "forecast.csv"))  # `year` from `period`
    if "component" not in forecast.columns:  # runs before dcload 0.2 had totals only
        forecast.insert(2, "component", "total")
    return RunFiles(
        directory=directory,
        manifest=manifest,
        forecast=forecast,
        history=read_table(directory / "history.csv"),
        **tables,
        **documents,
    )
