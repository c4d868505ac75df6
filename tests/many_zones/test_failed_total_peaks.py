"""A total whose own run failed publishes peaks made from its children's. Found by review: such
a total's energy was published (the sum of its zones') but not one peak row, monthly,
annual or in peaks.csv, so a BA's page had energy and no peak, and its parent's peak had no
upper bound from it. Now its peaks on every path are the sum of its children's (the upper
bound of a total's peak: without its own hours no coincidence is known), and zones.csv (and
so the report) says so beside its status."""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.hierarchy.tree import build_hierarchy
from forecasting.many_zones.assemble import assemble
from forecasting.many_zones.node_task import NodeResult
from tests.many_zones.test_annual_peak_within_90_10 import results


def run_with_failed(node: str):
    h, own = results(7, 600.0, 0.1)
    own = [NodeResult(r.node, r.level, ok=False, reason="total failed: too few months")
           if r.node == node else r for r in own]
    return h, assemble(h, own, "TOP")


def peak(forecast: pd.DataFrame, node: str) -> pd.DataFrame:
    rows = forecast[(forecast["region"] == node) & (forecast["metric"] == "peak_mw")]
    return rows.set_index(["component", "period"])[["mean", "p05", "p50", "p95"]].sort_index()


def test_a_failed_totals_peaks_are_its_childrens_summed_and_say_so():
    h, run = run_with_failed("AAA")
    f = run.forecast
    mine, north, south = peak(f, "AAA"), peak(f, "AAA-N"), peak(f, "AAA-S")
    assert len(mine) == len(north) > 0   # every component, every month and year
    # the sum of its zones' peaks on every path: the mean adds, quantiles sit in the bounds
    np.testing.assert_allclose(mine["mean"], north["mean"] + south["mean"])
    assert (mine["p50"] >= np.maximum(north["p50"], south["p50"]) - 1e-9).all()
    average = f[(f["region"] == "AAA") & (f["metric"] == "avg_mw")].set_index(
        ["component", "period"])["p50"]
    assert (mine["p50"] >= average.loc[mine.index] - 1e-9).all()
    # its parent's peak is now bounded above by it and BBB
    top, ba = peak(f, "TOP"), peak(f, "BBB")
    assert (top["mean"] <= mine["mean"] + ba["mean"] + 1e-6).all()
    # peaks.csv: its 50/50 the sum of its zones'
    seasons = run.peaks.set_index(["region", "year", "season"]).sort_index()
    np.testing.assert_allclose(seasons.loc["AAA", "peak_50_50_mw"],
                               seasons.loc["AAA-N", "peak_50_50_mw"]
                               + seasons.loc["AAA-S", "peak_50_50_mw"])
    zones = run.zones.set_index("region")
    assert zones.loc["AAA", "status"] == "sum of zones"
    assert "peaks: sum of its children's peaks" in zones.loc["AAA", "reason"]
    assert zones.loc["AAA", "peak_mw_2025_p50"] > 0


def test_a_failed_top_over_failed_ba_still_publishes_peaks():
    h = build_hierarchy(["AAA-N", "AAA-S", "BBB-X"], "TOP")
    _, own = results(7, 600.0, 0.1)
    own = [NodeResult(r.node, r.level, ok=False, reason="failed")
           if r.node in ("AAA", "TOP") else r for r in own]
    f = assemble(h, own, "TOP").forecast
    top = peak(f, "TOP")
    np.testing.assert_allclose(top["mean"], peak(f, "AAA")["mean"] + peak(f, "BBB")["mean"])
