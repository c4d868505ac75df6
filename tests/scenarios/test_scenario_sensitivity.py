"""Tornado tables and rank correlations."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.backtest.selection import mix_paths
from forecasting.combine.sensitivity import (
    RANK_COLUMNS,
    TORNADO_COLUMNS,
    evenly_spread,
    rank_correlations,
    tornado,
)
from forecasting.scenarios.catalog import load_scenario
from forecasting.scenarios.engine import simulate_scenario
from forecasting.scenarios.outputs import summarise_paths


@pytest.fixture(scope="module")
def spec():
    return load_scenario("lbnl2024-high")


def test_tornado_moves_the_p50_with_each_parameter(spec, history, decomposition, years):
    table = tornado(spec, history=history, years=years, n=1000, seed=3, year=2028,
                    decomposition=decomposition)
    assert list(table.columns) == TORNADO_COLUMNS
    fixed = {p for p, d in spec.parameter_paths().items() if d.is_fixed}
    assert set(table["parameter"]) == set(spec.parameter_paths()) - fixed
    assert (np.diff(table["swing"].to_numpy()) <= 0).all()
    row = table.set_index("parameter").loc["fleet.shipments_growth"]
    assert row["p50_at_p10"] < row["p50_base"] < row["p50_at_p90"]
    row = table.set_index("parameter").loc["fleet.utilization"]
    assert row["change_at_p10"] < 0 < row["change_at_p90"]
    # the year after the 2028 growth path ends: its later rate cannot matter in 2028
    row = table.set_index("parameter").loc["fleet.shipments_growth_after"]
    assert row["swing"] == pytest.approx(0, abs=1e-9)
    assert table["parameter"].iloc[0] == "fleet.shipments_growth"


def test_a_runs_tornado_starts_from_its_published_p50(spec, history, decomposition, years):
    # fuzz 13a D15: the tornado's base was the median of its own 1,000 draws, up to 0.8% off
    # the published P50 (rebound 2030: 421.9 against 418.4 TWh); its bars stay the draws' own
    published = simulate_scenario(spec, history=history, years=years, n=2000, seed=5,
                                  decomposition=decomposition)
    rows = summarise_paths(published)
    p50 = rows.loc[(rows["component"] == "total") & (rows["metric"] == "twh")
                   & (rows["year"] == 2028), "p50"].item()
    kwargs = dict(history=history, years=years, n=300, seed=3, year=2028,
                  decomposition=decomposition)
    alone = tornado(spec, **kwargs)
    anchored = tornado(spec, published=published, **kwargs)
    assert alone["p50_base"].iloc[0] != pytest.approx(p50, rel=1e-3)  # a second sample
    assert (anchored["p50_base"] == p50).all()
    same = ["parameter", "change_at_p10", "change_at_p90", "swing"]
    assert anchored[same].equals(alone[same])
    for side in ("p10", "p90"):
        assert np.allclose(anchored[f"p50_at_{side}"] - p50, anchored[f"change_at_{side}"],
                           rtol=0, atol=1e-9)


def test_rank_correlations_find_the_drivers(spec, history, decomposition, years):
    paths = simulate_scenario(spec, history=history, years=years, n=2000, seed=3,
                              decomposition=decomposition)
    table = rank_correlations(paths, year=2028)
    assert list(table.columns) == RANK_COLUMNS
    rho = table.set_index("parameter")["spearman"]
    assert rho["fleet.shipments_growth"] > 0.5
    assert rho["fleet.utilization"] > 0.1
    assert abs(rho["fleet.shipments_growth_after"]) < 0.1
    assert "load_factor" not in rho.index  # fixed: left out
    with pytest.raises(ValueError, match="not among"):
        rank_correlations(paths, year=2050)


@given(st.lists(st.floats(0.01, 1.0), min_size=1, max_size=6), st.integers(1, 400))
@settings(max_examples=60, deadline=None)
def test_an_evenly_spread_subset_keeps_each_models_share_of_a_mixture(weights, n):
    # the baseline stores its mixture model by model (`mix_paths`): its first n rows are the
    # first models' alone, an evenly spread subset holds every model at its share
    total = 1000
    aliases = [f"m{i}" for i in range(len(weights))]
    paths = {a: np.full((total, 1), float(i)) for i, a in enumerate(aliases)}
    mixture = mix_paths(paths, dict(zip(aliases, weights, strict=True)))
    subset = evenly_spread(mixture, n)
    assert len(subset) == min(n, len(mixture))
    for i in range(len(aliases)):
        share = np.mean(mixture[:, 0] == i)
        assert abs(np.sum(subset[:, 0] == i) - share * len(subset)) <= 1 + 1e-9
