"""zones.csv's backtest columns score the forecast a node publishes, not its own model.
Found by fuzzing (7b #2, 7a D8): Northwest publishes AVA's forecast to the last digit but
was listed with its own model's MASE 0.5871 beside AVA's 0.6022, and US48, published
bottom-up, with its own model's 0.9038 while the bottom-up sum it publishes scored 0.8675.
Now a single-child total takes its child's scores, a bottom-up total the MASE of its zones'
backtest P50s summed (no coverage: its bands are summed paths, not backtested), a zone its
own; under MinT every node the MASE of its reconciled P50."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from forecasting.hierarchy.tree import build_hierarchy
from forecasting.many_zones.assemble import assemble
from tests.many_zones.test_total_peaks_carry_zone_pipelines import node_result

REGIONS = {"AVA": "Northwest", "ERCO": "Texas"}
ZONES = ["AVA", "ERCO-NRTH", "ERCO-WEST"]
SIZE = {"AVA": 1500.0, "ERCO-NRTH": 6000.0, "ERCO-WEST": 4000.0}
ORIGINS = np.repeat([f"2022-{m:02d}" for m in range(1, 9)], 12)
PERIODS = [f"{2023 + i // 12}-{i % 12 + 1:02d}" for i in range(12)] * 8
SCALE = 50.0


def selected(actual: np.ndarray, p50: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({"metric": "energy_gwh", "origin": ORIGINS, "period": PERIODS,
                         "actual": actual, "p50": p50, "mase_scale": SCALE})


def summary(mase: float, coverage: float) -> pd.DataFrame:
    return pd.DataFrame({"model": "selected", "metric": "energy_gwh", "frequency": "monthly",
                         "horizon": [1, 2], "n": [30, 10], "MASE": [mase, mase + 0.2],
                         "coverage80": [coverage, coverage - 0.1]})


def run(biased: str):
    """The run of ``ZONES``; the ``biased`` level's own backtest P50s ("totals" or
    "zones") are 8% high, the others' close to the actual. Each node's own summary gives a
    MASE (3 and more) its backtest rows do not, so a score taken from it is told apart."""
    h = build_hierarchy(ZONES, "US48", REGIONS)
    rng = np.random.default_rng(4)
    leaf_actual = {z: SIZE[z] * rng.uniform(0.95, 1.05, len(ORIGINS)) for z in ZONES}
    results = {}
    for i, node in enumerate(h.nodes):
        actual = sum(leaf_actual[z] for z in h.leaves_under(node))
        is_leaf = node in h.leaves
        off = 1.08 if (biased == "zones") == is_leaf else 1.0
        p50 = actual * off + rng.normal(0, 20, len(actual))
        result = node_result(node, h.level[node], sum(SIZE[z] for z in h.leaves_under(node)),
                             0.0, rng)
        results[node] = replace(result, backtest_selected=selected(actual, p50),
                                backtest_summary=summary(3.0 + 0.1 * i, 0.9 - 0.01 * i))
    return h, results, assemble(h, list(results.values()), "US48")


def own_mase(result) -> float:
    return (30 * result.backtest_summary["MASE"].iloc[0]
            + 10 * result.backtest_summary["MASE"].iloc[1]) / 40


def summed_mase(h, results, node: str) -> float:
    rows = results[node].backtest_selected
    p50 = sum(results[z].backtest_selected["p50"] for z in h.leaves_under(node))
    return float(np.mean(np.abs(rows["actual"] - p50) / SCALE))


def test_totals_are_scored_as_published_bottom_up():
    h, results, made = run(biased="totals")
    assert made.reconciliation["published"] == "bottom_up"
    assert made.reconciliation["same_load"] == {"Northwest": "AVA", "Texas": "ERCO"}
    zones = made.zones.set_index("region")
    for zone in ZONES:  # a zone publishes its own forecast: its own backtest
        assert zones.loc[zone, "backtest_mase"] == pytest.approx(own_mase(results[zone]))
        assert zones.loc[zone, "backtest_coverage80"] == pytest.approx(
            (30 * 0.9 + 10 * 0.8 - 40 * 0.01 * h.nodes.index(zone)) / 40)
    # Northwest publishes AVA's paths: AVA's scores, not Northwest's own model's
    for column in ("backtest_mase", "backtest_coverage80"):
        assert zones.loc["Northwest", column] == zones.loc["AVA", column]
    assert zones.loc["Northwest", "backtest_mase"] != pytest.approx(
        own_mase(results["Northwest"]))
    assert "AVA" in zones.loc["Northwest", "backtest_of"]
    # a bottom-up total: its zones' P50s summed, and no coverage
    for total in ("ERCO", "US48"):
        assert zones.loc[total, "backtest_mase"] == pytest.approx(
            summed_mase(h, results, total))
        assert zones.loc[total, "backtest_mase"] != pytest.approx(own_mase(results[total]))
        assert np.isnan(zones.loc[total, "backtest_coverage80"])
        assert "summed" in zones.loc[total, "backtest_of"]
    assert zones.loc["Texas", "backtest_mase"] == zones.loc["ERCO", "backtest_mase"]
    top = next(b for b in made.reconciliation["backtest"] if b["level"] == "top")
    assert zones.loc["US48", "backtest_mase"] == pytest.approx(top["mase_bottom_up"], abs=1e-4)


def test_under_mint_every_node_is_scored_as_reconciled():
    h, results, made = run(biased="zones")
    assert made.reconciliation["published"] == "mint"
    zones = made.zones.set_index("region")
    assert zones["backtest_coverage80"].isna().all()
    for node in ("US48", "ERCO", *ZONES):
        assert "MinT" in zones.loc[node, "backtest_of"]
        assert 0 < zones.loc[node, "backtest_mase"] != pytest.approx(own_mase(results[node]))
    assert zones.loc["Northwest", "backtest_mase"] == zones.loc["AVA", "backtest_mase"]
