"""A node with a single child is the same load as its child, not a second forecast of it.
Found by fuzzing (round 4, #10): Northwest held only AVA, and Northwest's own model, fitted
on the same hours with its own seed, disagreed with AVA's; MinT took the two as separate
series (its shrunk W nearly independent) and moved AVA by the difference: AVA alone in a
many-zone folder published a 2035 P50 of 13,162 GWh where its own run said 13,395. Now a
single-child node enters the reconciliation only through its child (`independent_nodes`):
its own forecast, whatever it says, moves no published number, and it publishes its
child's paths."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.hierarchy.tree import build_hierarchy
from forecasting.many_zones.assemble import assemble, independent_nodes
from tests.many_zones.test_total_peaks_carry_zone_pipelines import node_result

REGIONS = {"ERCO": "Texas", "AVA": "Northwest", "PJM": "Mid-Atlantic"}
ZONES = ["AVA", "ERCO-WEST", "ERCO-NRTH", "PJM-DOM", "XYZ"]
SIZE = {"AVA": 1500.0, "ERCO-WEST": 4000.0, "ERCO-NRTH": 6000.0, "PJM-DOM": 9000.0,
        "XYZ": 200.0}


def results_of(h, seed: int, scale: dict[str, float] | None = None):
    """A result per node: each node's own level with its own noise; ``scale`` multiplies
    the named nodes' own forecasts (what a second model of the same load might say)."""
    rng = np.random.default_rng(seed)
    out = []
    for node in h.nodes:
        result = node_result(node, h.level[node], sum(SIZE[x] for x in h.leaves_under(node)),
                             0.0, rng)
        factor = (scale or {}).get(node, 1.0)
        if factor != 1.0:
            result = replace(result, energy_paths={
                c: p * factor for c, p in result.energy_paths.items()})
        out.append(result)
    return out


def energy(forecast: pd.DataFrame) -> pd.DataFrame:
    rows = forecast[forecast["metric"] == "energy_gwh"]
    return rows.set_index(["region", "component", "period"])[["mean", "p05", "p50", "p95"]]


def test_single_child_nodes_are_not_reconciled_as_forecasts_of_their_own():
    h = build_hierarchy(ZONES, "US48", REGIONS)
    # Northwest > AVA, Texas > ERCO, Mid-Atlantic > PJM > PJM-DOM, (region unknown) > XYZ
    assert independent_nodes(h, h.nodes) == ["US48", "ERCO", "AVA", "ERCO-NRTH",
                                             "ERCO-WEST", "PJM-DOM", "XYZ"]
    # a single-child total whose child failed stands for that load itself
    assert "Texas" in independent_nodes(h, [n for n in h.nodes if n != "ERCO"])


@settings(max_examples=3, deadline=None)
@given(seed=st.integers(0, 10_000),
       factors=st.lists(st.floats(0.3, 3.0), min_size=4, max_size=4),
       zones=st.lists(st.sampled_from(ZONES), min_size=1, max_size=len(ZONES), unique=True))
def test_a_single_child_nodes_own_forecast_moves_nothing(seed, factors, zones):
    h = build_hierarchy(zones, "US48", REGIONS)
    single = [n for n in h.nodes if len(h.children(n)) == 1]
    scale = dict(zip(single, factors, strict=False))
    as_made = energy(assemble(h, results_of(h, seed), "US48").forecast)
    other = energy(assemble(h, results_of(h, seed, scale), "US48").forecast)
    pd.testing.assert_frame_equal(as_made, other)
    for node in single:  # the same load: its child's paths
        child = h.children(node)[0]
        assert np.allclose(as_made.loc[node].to_numpy(), as_made.loc[child].to_numpy())
    if len(zones) == 1:  # a zone alone publishes its own forecast
        own = results_of(h, seed)[h.nodes.index(zones[0])].energy_paths
        total = own["base"] + own["data_center"]
        assert np.allclose(as_made.loc[(zones[0], "total", "2025-01"), "mean"],
                           total[:, 0].mean())
