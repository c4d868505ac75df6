"""Invariants of the forecast table built from paths."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from forecasting.combine.quantiles import QUANTILES, summarise

YEARS = np.arange(2024, 2030)


@settings(max_examples=50, deadline=None)
@given(arrays(float, (40, len(YEARS)), elements=st.floats(1.0, 5000.0)))
def test_quantiles_ordered_and_metrics_consistent(paths):
    national = np.full_like(paths, 4000.0)
    table = summarise("US", "s", YEARS, paths, national)
    q = table[list(QUANTILES)].to_numpy()
    assert (np.diff(q, axis=1) >= -1e-9).all()
    twh = table[table["metric"] == "twh"].set_index("year")
    gw = table[table["metric"] == "avg_gw"].set_index("year")
    share = table[table["metric"] == "share_pct"].set_index("year")
    hours = np.where(YEARS % 4 == 0, 8784.0, 8760.0)
    assert np.allclose(gw["p50"].to_numpy(), twh["p50"].to_numpy() * 1000 / hours)
    assert np.allclose(share["mean"].to_numpy(), twh["mean"].to_numpy() / 40.0)


def test_share_quantiles_come_from_paths_not_from_dividing_quantiles():
    rng = np.random.default_rng(0)
    dc = rng.lognormal(5, 0.3, size=(5000, 1))
    national = dc * 20  # perfectly correlated: the share is exactly 5% on every path
    table = summarise("US", "s", np.array([2030]), dc, national)
    share = table[table["metric"] == "share_pct"].iloc[0]
    assert abs(share["p95"] - share["p05"]) < 1e-9
    assert abs(share["p50"] - 5.0) < 1e-9
    # dividing the quantiles instead would have given a band of about +-50%
    twh = table[table["metric"] == "twh"].iloc[0]
    assert twh["p95"] / twh["p05"] > 2
