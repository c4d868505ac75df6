"""A month partly in the history keeps the hour already measured in it. A many-zone run fits
each node's peaks to its coherent energy (`coherent_peaks`, rule 1: its own run's
peak-to-average ratio on the coherent average); when the coherent energy is below the
node's own (a total under its zones' sum, or a MinT adjustment), that scaled a month the
files end inside below its measured peak, which the zone run floors
(`weather_years.at_least_measured`). Now its monthly, annual and season peaks are floored at
the measured hour on every path, and a total still sits between its children's largest
peak and their sum."""

from __future__ import annotations

import pickle
from dataclasses import replace

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.hierarchy.tree import build_hierarchy
from forecasting.many_zones.assemble import assemble
from forecasting.many_zones.coherent_peaks import (
    COMPONENTS,
    SEASON_VALUES,
    coherent_peak_paths,
    coherent_season_peaks,
)
from forecasting.many_zones.node_task import NodeResult
from tests.many_zones.test_coherent_peaks import ZONES, N, inputs, season_table
from tests.many_zones.test_total_peaks_carry_zone_pipelines import LEVELS, MONTHS, node_result


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 100_000), lowered=st.floats(0.3, 1.0),
       zones=st.lists(st.sampled_from(ZONES), min_size=1, max_size=len(ZONES), unique=True))
def test_no_peak_below_a_measured_hour_and_totals_still_between_their_children(seed, lowered,
                                                                               zones):
    h, peaks, own, own_new, average, new = inputs(seed, zones)
    rng = np.random.default_rng(seed)
    # the coherent energy lowered (a total's under its zones', a MinT adjustment)
    average = {n: {c: a * lowered for c, a in mine.items()} for n, mine in average.items()}
    leaf_floor = {leaf: np.where(np.arange(6) == 0, peaks[leaf]["total"].max() * rng.uniform(
        0.8, 1.2), -np.inf) for leaf in h.leaves}    # only the first month partly measured
    # a total's measured hour: at least its largest zone's, at most their sum
    floor = {n: np.max([leaf_floor[x] for x in h.leaves_under(n)], axis=0) for n in h.nodes}
    out = coherent_peak_paths(h, peaks, own, own_new, average, new, floor)
    for node in h.nodes:
        assert (out[node]["total"] >= floor[node][None, :]).all(), node
        children = h.children(node)
        for c in COMPONENTS:
            if len(children) == 1:
                np.testing.assert_array_equal(out[node][c], out[children[0]][c])
            elif children:
                kids = np.stack([out[k][c] for k in children])
                assert (out[node][c] >= kids.max(axis=0) - 1e-9).all(), (node, c)
                assert (out[node][c] <= kids.sum(axis=0) + 1e-9).all(), (node, c)
    # months wholly in the future are as without a floor
    plain = coherent_peak_paths(h, peaks, own, own_new, average, new)
    for node in h.nodes:
        np.testing.assert_array_equal(out[node]["total"][:, 1:], plain[node]["total"][:, 1:])


def test_season_peaks_keep_a_measured_hour_of_their_season():
    h = build_hierarchy(["AVA"], "US48", {"AVA": "Northwest"})
    months = pd.period_range("2030-01", "2030-12", freq="M")
    own = {n: np.full((N, len(months)), 400.0) for n in h.nodes}
    half = {n: v / 2 for n, v in own.items()}
    zero = {n: np.zeros((N, len(months))) for n in h.nodes}
    # winter 2029/30 (filed under 2029): December 2029 and January 2030 measured
    seasons = {n: season_table(n, 400.0).assign(
        year=lambda t: np.where(t["season"] == "winter", 2029, t["year"])) for n in h.nodes}
    measured = {n: {"2029-11": 2000.0, "2029-12": 480.0, "2030-01": 450.0} for n in h.nodes}
    out = coherent_season_peaks(h, seasons, months, own, zero, half, zero, measured)
    table = out["AVA"].set_index("season")[list(SEASON_VALUES)]
    # its forecast February halves to 240-290 MW, floored at its December's 480 (November's
    # 2,000 MW is no winter month)
    assert (table.loc["winter"] == 480.0).all()
    np.testing.assert_allclose(table.loc["summer"], season_table("AVA", 200.0).set_index(
        "season").loc["summer", list(SEASON_VALUES)].to_numpy(dtype=float))


def test_a_total_lowered_to_its_zones_sum_keeps_its_measured_january():
    h = build_hierarchy(list(LEVELS), "TOP")
    rng = np.random.default_rng(5)
    results = []
    for node in h.nodes:
        leaves = h.leaves_under(node)
        level = sum(LEVELS[x] for x in leaves) * (1.0 if node in h.leaves else 1.5)
        result = node_result(node, h.level[node], level, 0.0, rng)
        # January 2025 partly measured: its largest hour 1.4 x the zones' level
        measured = {"2024-12": 1.3 * level, MONTHS[0]: 1.4 * sum(LEVELS[x] for x in leaves)}
        results.append(replace(result, measured_peaks=measured))
    run = assemble(h, results, "TOP")
    assert run.reconciliation["published"] == "bottom_up"   # no backtest: no evidence
    peak = run.forecast[(run.forecast["metric"] == "peak_mw")
                        & (run.forecast["component"] == "total")].set_index(["region", "period"])
    for node in ("TOP", "AAA"):  # its own 1.5x energy halved to its zones': 1.3 x 2/3 < 1.4
        level = sum(LEVELS[x] for x in h.leaves_under(node))
        assert peak.loc[(node, MONTHS[0]), "p05"] >= 1.4 * level - 1e-6, node
        assert peak.loc[(node, "2025"), "p05"] >= 1.4 * level - 1e-6, node
        assert peak.loc[(node, MONTHS[1]), "p50"] < 1.4 * level, node   # not measured
    # a result pickled before it carried measured peaks reads as having none
    state = {k: v for k, v in results[0].__dict__.items() if k != "measured_peaks"}
    older = NodeResult.__new__(NodeResult)
    older.__setstate__(state)
    assert pickle.loads(pickle.dumps(older)).measured_peaks is None
