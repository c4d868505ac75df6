"""A total's data-center peak holds the same data centers as its data-center energy. Its
energy is the sum of its zones' data-center load (the data centers already in a zone's
history and its pipeline's new load); its peak was its own model's (none) plus the new
pipeline load alone, so a total above a zone with 800 MW of data centers in its history had
a data-center peak hundreds of MW below its data-center average. Now such a total's
data-center peak is its zones' data-center load at each month's average MW."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from forecasting.hierarchy.tree import build_hierarchy
from forecasting.many_zones.assemble import assemble
from tests.many_zones.test_total_peaks_carry_zone_pipelines import HOURS, LEVELS, node_result

EXISTING_MW = 800.0   # data centers already in AAA-N's history


def forecast() -> pd.DataFrame:
    h = build_hierarchy(list(LEVELS), "TOP")
    rng = np.random.default_rng(1)
    results = []
    for node in h.nodes:
        mw = sum(LEVELS[leaf] for leaf in h.leaves_under(node))
        result = node_result(node, h.level[node], mw, 3000.0 if node == "AAA-N" else 0.0, rng)
        if node == "AAA-N":
            paths = dict(result.energy_paths)
            paths["data_center"] = paths["data_center"] + EXISTING_MW * HOURS / 1000.0
            result = replace(result, energy_paths=paths)
        results.append(result)
    return assemble(h, results, "TOP").forecast


def data_center(frame: pd.DataFrame, node: str, metric: str) -> pd.Series:
    rows = frame[(frame["region"] == node) & (frame["metric"] == metric)
                 & (frame["component"] == "data_center")]
    return rows.set_index("period")["p50"]


def test_a_totals_data_center_peak_is_not_below_its_data_center_average():
    table = forecast()
    for node in ("AAA", "TOP"):
        peak, average = data_center(table, node, "peak_mw"), data_center(table, node, "avg_mw")
        assert (average > EXISTING_MW).all()
        assert (peak.loc[average.index] >= average - 1e-6).all(), node
        # a flat block: each month's peak is its average, the year's its largest month
        monthly = [p for p in average.index if len(p) == 7]
        np.testing.assert_allclose(peak.loc[monthly], average.loc[monthly])
