"""The Monte Carlo interval of a published median (forecasting/combine/mc_error.py) and the
report's sentence naming the medians the draws leave uncertain by more than 1%."""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.combine.mc_error import median_interval, median_rank_bounds
from forecasting.report.mc_error_view import mc_error_sentence


def _two_modes(rng: np.random.Generator, n: int) -> np.ndarray:
    """Half the paths near 200, half near 560, like efficiency-breakthrough's 2035 paths:
    the median falls in the thin stretch between the modes."""
    low = rng.normal(200.0, 40.0, n // 2)
    high = rng.normal(560.0, 50.0, n - n // 2)
    return np.concatenate([low, high])


def test_the_interval_covers_the_true_median_of_a_two_mode_mixture_at_least_95_percent():
    rng = np.random.default_rng(7)
    truth = np.median(_two_modes(np.random.default_rng(0), 2_000_000))
    hits = 0
    for _ in range(400):
        low, high = median_interval(_two_modes(rng, 1001))
        hits += low <= truth <= high
    assert hits >= 0.93 * 400


def test_the_interval_is_wide_where_the_median_sits_between_two_modes():
    rng = np.random.default_rng(3)
    one_mode = rng.normal(380.0, 60.0, 5000)
    gap_low, gap_high = median_interval(_two_modes(rng, 5000))
    low, high = median_interval(one_mode)
    assert (gap_high - gap_low) > 5 * (high - low)


def test_rank_bounds_are_the_binomial_order_statistics():
    lo, hi = median_rank_bounds(5000)
    # about n/2 -+ 1.96 sqrt(n)/2 (0-based), symmetric about the middle
    assert abs(lo - (2500 - 1.96 * np.sqrt(5000) / 2)) <= 2
    assert lo + hi == 4999
    assert median_rank_bounds(1) == (0, 0)


def _table(half_width_pct: float, year: int = 2035) -> pd.DataFrame:
    return pd.DataFrame({"scenario": ["efficiency-breakthrough", "momentum"],
                         "component": ["total", "total"], "year": [year, year],
                         "draws": [20000, 20000], "p50": [470.9, 540.0],
                         "p50_low": [460.0, 538.0], "p50_high": [480.0, 542.0],
                         "half_width_pct": [half_width_pct, 0.4]})


def test_the_report_names_a_headline_median_uncertain_by_more_than_one_percent():
    sentence = mc_error_sentence(_table(2.1))
    assert "efficiency-breakthrough 2035" in sentence and "460-480" in sentence
    assert "momentum" not in sentence and "20,000" in sentence


def test_the_report_says_nothing_when_every_headline_median_is_within_one_percent():
    assert mc_error_sentence(_table(0.9)) is None
    assert mc_error_sentence(_table(2.1, year=2031)) is None  # not a headline year
    assert mc_error_sentence(None) is None
