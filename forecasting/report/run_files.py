"""Read a published run directory into a `RunFiles` bundle (the report's only input).

A run directory holds `manifest.json`, `forecast.csv` and `history.csv`, and (from dcload
0.2 on) the tables behind each report section. Files an older run does not have are `None`,
so archived runs keep rendering after the code changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from forecasting.contracts import annual_rows
from forecasting.errors import InputError
from forecasting.paths import display_path

REQUIRED = ("manifest.json", "forecast.csv", "history.csv")
OPTIONAL_TABLES = {
    "observations": "observations.csv",
    "outlooks": "outlooks.csv",
    "decomposition": "decomposition.csv",
    "sensitivity": "sensitivity.csv",
    "backtest_summary": "backtest_summary.csv",
    "backtest_forecasts": "backtest_forecasts.csv",
    "assumptions": "assumptions.csv",
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
    track_record: pd.DataFrame | None = None
    regimes: dict | None = None
    changes: dict | None = None

    def downloads(self) -> list[str]:
        return sorted(p.name for p in self.directory.glob("*.csv"))


def read_run(directory: Path) -> RunFiles:
    directory = Path(directory)
    for name in REQUIRED:
        if not (directory / name).is_file():
            raise InputError(display_path(directory / name),
                             "not found: is this a published run directory?")
    tables = {key: _csv(directory / name) for key, name in OPTIONAL_TABLES.items()}
    documents = {key: _json(directory / name) for key, name in OPTIONAL_JSON.items()}
    forecast = annual_rows(_csv(directory / "forecast.csv"))  # `year` from `period`
    if "component" not in forecast.columns:  # runs before dcload 0.2 had totals only
        forecast.insert(2, "component", "total")
    return RunFiles(
        directory=directory,
        manifest=_json(directory / "manifest.json"),
        forecast=forecast,
        history=_csv(directory / "history.csv"),
        **tables,
        **documents,
    )


def _csv(path: Path) -> pd.DataFrame | None:
    if not path.is_file():
        return None
    try:
        return pd.read_csv(path, keep_default_na=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InputError(display_path(path), f"cannot be read as CSV ({exc})") from None


def _json(path: Path) -> dict | None:
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(display_path(path), f"not valid JSON ({exc})") from None
