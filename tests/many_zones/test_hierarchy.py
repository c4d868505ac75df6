"""The zone hierarchy from file names, and MinT reconciliation: children sum to parents on
every path, whatever the base forecasts and errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.hierarchy.mint import MIN_ERRORS, projection, reconcile, shrunk_covariance
from forecasting.hierarchy.tree import UNKNOWN_REGION, build_hierarchy
from forecasting.many_zones.assemble import reconciliation_backtest
from forecasting.many_zones.node_task import NodeResult

REGIONS = {"PJM": "Mid-Atlantic", "AEC": "Southeast", "ERCO": "Texas"}
ZONES = ["PJM-DOM", "PJM-PEP", "AEC", "ERCO-COAS", "XYZ-1"]


def test_sub_regions_sit_under_their_ba_and_bas_under_their_region():
    h = build_hierarchy(ZONES, "US48", REGIONS)
    assert h.parent["PJM-DOM"] == "PJM" and h.parent["PJM"] == "Mid-Atlantic"
    assert h.parent["Mid-Atlantic"] == "US48"
    assert h.parent["AEC"] == "Southeast"          # a BA without sub-regions is a leaf
    assert h.parent["XYZ"] == UNKNOWN_REGION       # a BA the table does not know
    assert h.nodes[0] == "US48" and set(h.leaves) == set(ZONES)
    assert sorted(h.leaves_under("PJM")) == ["PJM-DOM", "PJM-PEP"]
    assert h.leaves_under("US48") == list(h.leaves)


def test_without_a_region_table_bas_sit_under_the_top():
    h = build_hierarchy(["PJM-DOM", "AEC"], "US48")
    assert h.parent["PJM"] == "US48" and h.parent["AEC"] == "US48"


def test_a_name_at_two_levels_is_refused():
    with pytest.raises(ValueError, match="names both"):
        build_hierarchy(["PJM", "PJM-DOM"], "US48", REGIONS)


def test_dropping_a_failed_zone_drops_parents_left_empty():
    h = build_hierarchy(ZONES, "US48", REGIONS).without(["AEC"])
    assert "AEC" not in h.nodes and "Southeast" not in h.nodes
    s = h.summing_matrix()
    assert s.shape == (len(h.nodes), len(h.leaves)) and (s[0] == 1).all()


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), periods=st.integers(0, 30))
def test_reconciled_paths_are_coherent_whatever_the_base_forecasts(seed, periods):
    h = build_hierarchy(ZONES, "US48", REGIONS)
    s = h.summing_matrix()
    rng = np.random.default_rng(seed)
    errors = rng.normal(size=(periods, len(h.nodes))) * rng.uniform(1, 100, len(h.nodes))
    p, note = projection(s, errors)
    assert note["method"] == ("mint_shrink" if periods >= MIN_ERRORS else "structural")
    base = rng.uniform(10, 1000, size=(len(h.nodes), 50, 12))   # nodes x paths x months
    out = reconcile(p, base)
    leaves = out[[h.nodes.index(leaf) for leaf in h.leaves]]
    assert np.allclose(np.tensordot(s, leaves, axes=(1, 0)), out, rtol=1e-9, atol=1e-6)


def test_coherent_forecasts_are_left_as_they_are():
    h = build_hierarchy(ZONES, "US48", REGIONS)
    s = h.summing_matrix()
    rng = np.random.default_rng(1)
    p, _ = projection(s, rng.normal(size=(24, len(h.nodes))))
    coherent = s @ rng.uniform(1, 10, size=len(h.leaves))
    assert np.allclose(reconcile(p, coherent), coherent)


def test_shrinkage_weight_is_a_fraction_and_keeps_the_variances():
    rng = np.random.default_rng(2)
    errors = rng.normal(size=(20, 6))
    w, lam = shrunk_covariance(errors)
    assert 0 <= lam <= 1
    assert np.allclose(np.diag(w), errors.var(axis=0, ddof=1))


def _selected_rows(actual: np.ndarray, p50: np.ndarray, origins, periods) -> pd.DataFrame:
    return pd.DataFrame({"metric": "energy_gwh", "origin": origins, "period": periods,
                         "actual": actual, "p50": p50, "mase_scale": 10.0})


def test_the_reconciliation_backtest_shows_mint_repairing_biased_parents():
    h = build_hierarchy(["PJM-DOM", "PJM-PEP"], "US48", REGIONS)
    rng = np.random.default_rng(3)
    origins = np.repeat([f"2022-{m:02d}" for m in range(1, 9)], 12)
    periods = [f"{2023 + i // 12}-{i % 12 + 1:02d}" for i in range(12)] * 8
    leaf_actual = {leaf: rng.uniform(900, 1100, len(origins)) for leaf in h.leaves}
    results = []
    for node in h.nodes:
        actual = sum(leaf_actual[leaf] for leaf in h.leaves_under(node)) \
            if node not in h.leaves else leaf_actual[node]
        # the leaves forecast well; every parent's own forecast is 10% too high
        p50 = actual + rng.normal(0, 5, len(actual)) if node in h.leaves else actual * 1.10
        results.append(NodeResult(node, h.level[node], ok=True,
                                  backtest_selected=_selected_rows(actual, p50, origins,
                                                                   periods)))
    table = {row["level"]: row for row in
             reconciliation_backtest(h.summing_matrix(), results, h)}
    assert set(table) == {"top", "region", "ba", "zone"}
    for level in ("top", "region", "ba"):
        assert table[level]["mase_reconciled"] < 0.5 * table[level]["mase_base"], level
    assert table["zone"]["nodes"] == 2
