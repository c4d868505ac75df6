"""A zone run from its config file, in memory: read the load files and large-load tables,
then `forecasting.zones.run.run_zone`. No file is written here (the application writes,
renders and publishes, as for a national run)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from forecasting.errors import InputError
from forecasting.io.yaml_lines import key_line
from forecasting.paths import display_path
from forecasting.progress import Progress, Timings
from forecasting.zones.config import ZoneConfig
from forecasting.zones.inputs import load_zone_inputs
from forecasting.zones.large_loads import Assumptions, Contract
from forecasting.zones.read import (
    read_large_load_cells,
    read_neighbours,
    read_published_figures,
    read_zone_inputs,
)
from forecasting.zones.run import ZoneRun, ZoneSettingError, run_zone


@dataclass(frozen=True)
class ComputedZoneRun:
    config: ZoneConfig
    config_path: Path
    run: ZoneRun
    large_loads: tuple[list[Contract], Assumptions] | None
    large_load_cells: tuple[pd.DataFrame, pd.DataFrame] | None  # as read, with sources
    started: datetime


def compute_zone_run(config_path: Path, *, draws: int | None = None, seed: int | None = None,
                     scenario: str | None = None,
                     progress: Progress | None = None) -> ComputedZoneRun:
    """Every stage of a zone run; `progress` sees each stage (default: timed silently)."""
    progress = progress if progress is not None else Timings()
    started = datetime.now(UTC)
    with progress.stage("load and validate inputs"):
        config = load_zone_inputs(config_path, draws=draws, seed=seed, scenario=scenario)
        raws, large = read_zone_inputs(config)
        neighbours = read_neighbours(config)
        cells = read_large_load_cells(config.large_loads) if config.large_loads else None
        published = read_published_figures(config.published_figures)
    with progress.stage("fit base models by backtest, decompose and simulate the zone"):
        try:
            run = run_zone(config, raws, large, neighbours, published)
        except ZoneSettingError as exc:
            raise InputError(display_path(config_path), str(exc),
                             row=key_line(config_path, exc.key), field=exc.key) from None
    return ComputedZoneRun(config, Path(config_path), run, large, cells, started)

