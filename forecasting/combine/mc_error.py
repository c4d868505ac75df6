"""The Monte Carlo error of each published median: a 95% interval from the paths themselves.

A P50 taken from n sample paths is itself an estimate. The number of paths below the true
median is Binomial(n, 1/2), so the order statistics x_(l) <= x_(n+1-l) of the sorted paths,
with l - 1 the largest count whose binomial CDF is at most 2.5%, cover the true median with
probability at least 95% whatever the paths' distribution (the distribution-free interval of
a median). It needs no density estimate, which matters where a median falls between two
modes: efficiency-breakthrough's 2035 paths pile up near 200 TWh (paths of the baseline that
stay low) and near 550-650 TWh (paths the supply envelope caps), and its median sits in the
thin stretch between, where a few paths more or less move it by percents.

The interval is conservative for the run's paths: they are drawn stratified by baseline model
(`forecasting.backtest.selection.allocate_paths` gives each model its exact share), which
makes the median less noisy than independent draws. It is the error of the draws only, for
the run's chosen baseline; it says nothing of whether the scenario's assumptions are right.

Rows (`MC_ERROR_COLUMNS`): one per scenario, component and year, for TWh; `half_width_pct`
is half the interval's width as a percent of the P50. `large_errors` picks the rows the
report names: half-width above `THRESHOLD_PCT` of the P50.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import binom

MC_ERROR_COLUMNS = ["scenario", "component", "year", "draws", "p50", "p50_low", "p50_high",
                    "half_width_pct"]
#: a median whose interval's half-width exceeds this percent of it is named in the report
THRESHOLD_PCT = 1.0
LEVEL = 0.95


def median_rank_bounds(n: int, level: float = LEVEL) -> tuple[int, int]:
    """0-based indices (lo, hi) into n sorted values whose values bound the median with
    probability at least `level` (the binomial order-statistic interval; see the module)."""
    if n < 1:
        raise ValueError("need at least one value")
    tail = (1.0 - level) / 2.0
    # l = the smallest count k with P(B <= k) >= tail, so P(B <= l - 1) < tail
    rank = max(int(binom.ppf(tail, n, 0.5)), 1)
    return rank - 1, n - rank


def median_interval(values: np.ndarray, level: float = LEVEL) -> np.ndarray:
    """(low, high) bounds of the median of `values` along axis 0 (arrays of shape values[0])."""
    values = np.asarray(values, dtype=float)
    lo, hi = median_rank_bounds(values.shape[0], level)
    ordered = np.partition(values, [lo, hi], axis=0)
    return np.stack([ordered[lo], ordered[hi]])


def mc_error_rows(paths) -> pd.DataFrame:
    """`MC_ERROR_COLUMNS` rows of a `ScenarioPaths`: every reported component, in TWh."""
    frames = []
    for component, twh in paths.components().items():
        p50 = np.median(twh, axis=0)
        low, high = median_interval(twh)
        with np.errstate(divide="ignore", invalid="ignore"):
            half = np.where(p50 > 0, 50.0 * (high - low) / p50, 0.0)
        frames.append(pd.DataFrame({
            "scenario": paths.scenario, "component": component,
            "year": paths.years.astype(int), "draws": paths.n, "p50": p50,
            "p50_low": low, "p50_high": high, "half_width_pct": half}))
    return pd.concat(frames, ignore_index=True)[MC_ERROR_COLUMNS]


def large_errors(table: pd.DataFrame | None, years, *,
                 threshold_pct: float = THRESHOLD_PCT) -> list[dict]:
    """Rows of the total in `years` whose half-width is above `threshold_pct` of the P50
    (the report's sentence; an older run without the table gives none)."""
    if table is None or table.empty:
        return []
    rows = table[(table["component"] == "total") & table["year"].isin(list(years))
                 & (table["half_width_pct"] > threshold_pct)]
    return rows.to_dict("records")
