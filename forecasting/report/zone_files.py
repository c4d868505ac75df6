"""Read a published zone run directory into a `ZoneRunFiles` bundle (the zone report's only
input). Which files a zone run holds: forecasting/zones/tables.py. Optional tables a run does
not have (no large-load data, no neighbours) are `None`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from forecasting.report.run_dir_reading import (
    check_outputs,
    check_required,
    read_json,
    read_table,
    run_kind,
)

REQUIRED = ("manifest.json", "forecast.csv", "history.csv", "peaks.csv")
#: and what a run that estimated its data-center part has besides (`data_center_estimated`)
REQUIRED_WITH_DATA_CENTER = ("decomposition.csv",)
OPTIONAL = {
    "profile": "profile.csv",
    "published_check": "published_check.csv",
    "neighbour_check": "neighbour_check.csv",
    "pipeline": "pipeline.csv",
    "pjm_check": "pjm_check.csv",
    "peak_check": "peak_check.csv",
    "contracts": "large_load_contracts.csv",
    "assumptions": "large_load_assumptions.csv",
    "backtest_summary": "backtest_summary.csv",
    "backtest_forecasts": "backtest_forecasts.csv",
    "backtest_failures": "backtest_failures.csv",  # runs before the table have none
    "growth_check": "growth_check.csv",  # runs before the check have none
}


@dataclass(frozen=True)
class ZoneRunFiles:
    directory: Path
    manifest: dict
    forecast: pd.DataFrame
    history: pd.DataFrame
    peaks: pd.DataFrame
    decomposition: pd.DataFrame | None  # None: a ``data_center: none`` run writes none
    profile: pd.DataFrame | None = None
    published_check: pd.DataFrame | None = None
    neighbour_check: pd.DataFrame | None = None
    pipeline: pd.DataFrame | None = None
    pjm_check: pd.DataFrame | None = None
    peak_check: pd.DataFrame | None = None
    contracts: pd.DataFrame | None = None
    assumptions: pd.DataFrame | None = None
    backtest_summary: pd.DataFrame | None = None
    backtest_forecasts: pd.DataFrame | None = None
    backtest_failures: pd.DataFrame | None = None
    growth_check: pd.DataFrame | None = None
    changes: dict | None = None

    def downloads(self) -> list[str]:
        return sorted(p.name for p in self.directory.glob("*.csv"))


def is_zone_run(directory: Path) -> bool:
    """Whether the run directory's manifest says it is a zone run."""
    return run_kind(directory) == "zone"


def data_center_estimated(manifest: dict) -> bool:
    """Whether the run estimated a data-center component: its config's ``data_center`` is
    ``decomposition`` (the default, and what every run before the key existed did), not
    ``none`` (no data-center component: the model forecasts the whole load; such a run
    publishes no data-center rows or decomposition.csv, and one published before that rule
    holds zeros there because nothing was estimated: `forecasting.zones.data_center_part`)."""
    config = manifest.get("config") if isinstance(manifest, dict) else None
    return (config if isinstance(config, dict) else {}).get("data_center",
                                                            "decomposition") != "none"


def required_files(manifest: dict) -> tuple[str, ...]:
    """The files a zone run with ``manifest`` must hold besides `REQUIRED`:
    decomposition.csv when it estimated its data-center part (a ``data_center: none`` run
    published before the rule has one too, which is read and not needed)."""
    return REQUIRED_WITH_DATA_CENTER if data_center_estimated(manifest) else ()


def read_zone_run(directory: Path) -> ZoneRunFiles:
    """The zone run in `directory`; InputError naming the file if a required file is missing
    (decomposition.csv only when the run estimated its data-center part), or a file its
    manifest lists is no longer the one its run wrote (`check_outputs`)."""
    directory = Path(directory)
    check_required(directory, REQUIRED, "zone run")
    manifest = read_json(directory / "manifest.json")
    check_required(directory, required_files(manifest), "zone run")
    check_outputs(directory, manifest)

    def csv(name: str) -> pd.DataFrame | None:
        return read_table(directory / name, labels=("period", "origin"))

    return ZoneRunFiles(
        directory=directory,
        manifest=manifest,
        forecast=csv("forecast.csv"), history=csv("history.csv"), peaks=csv("peaks.csv"),
        decomposition=csv("decomposition.csv"),
        **{key: csv(name) for key, name in OPTIONAL.items()},
        changes=read_json(directory / "changes.json"),
    )
