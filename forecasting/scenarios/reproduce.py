"""Reproduce the published outlooks with the presets (`dcload scenarios reproduce`).

Each preset (a scenario file with `reproduces:`) is simulated with its own uncertainty from the
built history; its P50 of total TWh in the target year is compared with the published figure.
LBNL 2024 and IEA 2025 are reproduced bottom-up (the `fleet` driver: shipments, power per
accelerator, utilization, PUE, on a conventional baseline); EPRI 2024 from its stated growth
rates on its own 2023 baseline (the `growth_rate` driver).

Columns: source_id, scenario (the source's name), year, published (TWh), preset (the scenario
file), p50 (TWh), ratio (p50 / published).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from forecasting.config import ForecastConfig
from forecasting.decompose.fleet_backcast import Decomposition
from forecasting.paths import SCENARIOS_DIR
from forecasting.scenarios.distributions import ParamError
from forecasting.scenarios.engine import simulate_scenario
from forecasting.scenarios.spec import ScenarioSpec

COLUMNS = ["source_id", "scenario", "year", "published", "preset", "p50", "ratio"]
DEFAULT_DRAWS = ForecastConfig().draws
DEFAULT_SEED = ForecastConfig().seed


def check_target_years(specs: Iterable[ScenarioSpec], *, base_year: int,
                       directory: Path | None = None) -> None:
    """Each preset's `reproduces.year` after the history's last year `base_year`, else an
    InputError naming the preset's file and `reproduces.year`: a preset reproduces a
    published *forecast*, and a target year the history already holds would be published
    (`outlooks.csv`, the report's markers) as a forecast beside the measured load. The same
    rule for `dcload scenarios reproduce` and the national run (which publishes every
    preset's outlook, run or not)."""
    from forecasting.scenarios.catalog import scenario_key_error

    for spec in specs:
        target = spec.reproduces
        if target is not None and target.year <= base_year:
            raise scenario_key_error(
                Path(directory or SCENARIOS_DIR) / f"{spec.name}.yaml",
                ["reproduces", "year"], spec.name,
                f"the target year {target.year} is not after the history's last year "
                f"{base_year}: a preset reproduces a published forecast of a later year")


def reproduce(
    history: pd.DataFrame,
    *,
    specs: Iterable[ScenarioSpec] | None = None,
    decomposition: Decomposition | None = None,
    n: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    directory: Path | None = None,
) -> pd.DataFrame:
    """One row per preset's published figure (see the module docstring). `specs` defaults to
    every scenario file in `directory` (default `data/scenarios/`); those without `reproduces`
    are skipped. A target year not after the history's last year is an InputError naming the
    preset's file and `reproduces.year`."""
    if specs is None:
        from forecasting.scenarios.catalog import load_all

        specs = load_all(directory)
    base_year = int(history["year"].max())
    specs = [spec for spec in specs if spec.reproduces is not None]
    from forecasting.scenarios.catalog import scenario_key_error

    # every preset checked before any is simulated
    check_target_years(specs, base_year=base_year, directory=directory)
    for spec in specs:
        path = Path(directory or SCENARIOS_DIR) / f"{spec.name}.yaml"
        try:  # a driver year at or before the base year, a start after the target year
            spec.check_forecast_years(base_year=base_year, last_year=spec.reproduces.year)
        except ParamError as exc:
            raise scenario_key_error(path, list(exc.key), spec.name, str(exc)) from None
    rows = []
    for spec in specs:
        target = spec.reproduces
        years = np.arange(base_year + 1, target.year + 1)
        paths = simulate_scenario(spec, history=history, years=years, n=n, seed=seed,
                                  decomposition=decomposition)
        p50 = float(np.median(paths.total[:, -1]))
        rows.append({"source_id": target.source_id, "scenario": target.scenario,
                     "year": target.year, "published": target.published_twh,
                     "preset": spec.name, "p50": p50, "ratio": p50 / target.published_twh})
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.sort_values(["source_id", "year", "published"], kind="stable"
                             ).reset_index(drop=True)
