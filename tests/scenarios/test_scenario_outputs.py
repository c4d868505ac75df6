"""The tidy rows of a scenario: components, metrics and their arithmetic."""

from __future__ import annotations

import numpy as np

from forecasting.scenarios.catalog import load_scenario
from forecasting.scenarios.engine import simulate_scenario
from forecasting.scenarios.outputs import COLUMNS, summarise_paths


def test_rows_metrics_and_their_arithmetic(history, decomposition, years):
    paths = simulate_scenario(load_scenario("grid-constrained"), history=history, years=years,
                              n=400, seed=1, decomposition=decomposition)
    national = np.full(paths.total.shape, 4000.0)
    table = summarise_paths(paths, national)
    assert list(table.columns) == COLUMNS
    assert set(table["component"]) == {"total", "baseline", "ai", "removed_by_cap"}
    assert not table.duplicated(["scenario", "component", "year", "metric"]).any()
    rows = table.set_index(["component", "year", "metric"])
    hours = 8784 if 2028 % 4 == 0 else 8760
    twh = rows.loc[("total", 2028, "twh"), "mean"]
    assert np.isclose(rows.loc[("total", 2028, "avg_gw"), "mean"], twh * 1000 / hours)
    assert np.isclose(rows.loc[("total", 2028, "capacity_gw"), "mean"], twh * 1000 / hours / 0.5)
    assert np.isclose(rows.loc[("total", 2028, "share_pct"), "mean"], twh / 40)
    means = rows.xs("twh", level="metric")["mean"].unstack(0)
    assert np.allclose(means["baseline"] + means["ai"], means["total"])


def test_without_national_paths_there_is_no_share(history, decomposition, years):
    paths = simulate_scenario(load_scenario("momentum"), history=history, years=years, n=200,
                              seed=1, decomposition=decomposition)
    table = summarise_paths(paths)
    assert set(table["metric"]) == {"twh", "avg_gw", "capacity_gw"}
    # momentum is bounded by the supply envelope like every project scenario
    assert set(table["component"]) == {"total", "removed_by_cap"}


def test_energy_removed_by_the_caps_has_no_share_of_us_electricity(history, decomposition,
                                                                   years):
    """removed_by_cap is load not served: as `share_pct` (% of US electricity) it read as load
    served, up to 122% in the shipped run. Its TWh, average GW and capacity GW stay."""
    paths = simulate_scenario(load_scenario("grid-constrained"), history=history, years=years,
                              n=100, seed=1, decomposition=decomposition)
    table = summarise_paths(paths, np.full(paths.total.shape, 4000.0))
    metrics = table.groupby("component")["metric"].agg(set)
    assert metrics["removed_by_cap"] == {"twh", "avg_gw", "capacity_gw"}
    for served in ("total", "baseline", "ai"):
        assert metrics[served] == {"twh", "avg_gw", "capacity_gw", "share_pct"}, served
