"""Assembling a many-zone run raises no pandas FutureWarning: a node with no peak row of its
own in the run's months (an empty frame, its columns of no dtype) was put into the concat of
the forecast rows, and pandas warned that such entries will one day set the columns' dtypes
(a `python_warning` line in the run log, a warning in every test run). Such a node now adds
nothing to the concat; the other nodes' peak rows and every dtype are as before."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from forecasting.contracts import FORECAST_COLUMNS, QUANTILE_COLUMNS
from forecasting.hierarchy.tree import build_hierarchy
from forecasting.many_zones.assemble import _quantile_rows, assemble
from forecasting.many_zones.node_task import NodeResult

MONTHS = tuple(f"2025-{m:02d}" for m in range(1, 13))
ORIGINS = [f"2023-06/2023-{m:02d}" for m in range(7, 13)] + \
    [f"2023-12/2024-{m:02d}" for m in range(1, 13)]


def result(node: str, level: str, mw: float, rng, with_peaks: bool) -> NodeResult:
    base = mw * 8.76 / 12 * (1 + rng.normal(0, 0.01, size=(30, len(MONTHS))))
    peaks = pd.DataFrame(columns=FORECAST_COLUMNS)  # no peak row of its own
    if with_peaks:
        peaks = _quantile_rows(1.3 * mw * (1 + rng.normal(0, 0.01, size=(30, len(MONTHS)))),
                               MONTHS, node, "total", "peak_mw")[FORECAST_COLUMNS]
    return NodeResult(node, level, ok=True, months=MONTHS,
                      energy_paths={"base": base, "data_center": np.zeros_like(base)},
                      peak_rows=peaks,
                      errors=pd.Series(rng.normal(0, 0.02 * mw, len(ORIGINS)), index=ORIGINS),
                      backtest_summary=pd.DataFrame(columns=["model", "metric", "n", "MASE",
                                                             "coverage80"]))


def test_a_node_without_peak_rows_assembles_without_a_future_warning():
    h = build_hierarchy(["XX-A", "XX-B"], "TOP")
    rng = np.random.default_rng(0)
    mw = {"TOP": 1700.0, "XX": 1700.0, "XX-A": 1000.0, "XX-B": 700.0}
    results = [result(n, h.level[n], mw[n], rng, with_peaks=n != "XX-B") for n in h.nodes]
    with warnings.catch_warnings():
        warnings.simplefilter("error", FutureWarning)
        forecast = assemble(h, results, "TOP").forecast
    peaks = forecast[forecast["metric"] == "peak_mw"]
    assert set(peaks["region"]) == {"TOP", "XX", "XX-A"}
    pd.testing.assert_frame_equal(
        peaks[peaks["region"] == "XX-A"].reset_index(drop=True),
        results[h.nodes.index("XX-A")].peak_rows.reset_index(drop=True))
    assert all(forecast[c].dtype == np.float64 for c in QUANTILE_COLUMNS)
