"""A band is narrowed only on enough residuals, and a narrowing is never carried past the
last calibrated horizon (a short zone's 0.64 from 5 residuals at h=2 had cut every later
month's band by a third while calibration.csv said factor 1 there)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.backtest.calibration import (
    MIN_RESIDUALS_TO_NARROW,
    Calibration,
    fit_calibration,
)
from forecasting.backtest.choose import BaselineChoice, calibrated_paths
from forecasting.backtest.selected import Decision
from forecasting.backtest.selection import Choice

Z = {"p05": -1.6449, "p10": -1.2816, "p50": 0.0, "p90": 1.2816, "p95": 1.6449}


def too_wide_rows(n: int, horizon: int = 1) -> pd.DataFrame:
    """`n` actuals N(0, 1) under bands three times too wide."""
    actual = np.random.default_rng(n).normal(0.0, 1.0, n)
    return pd.DataFrame({"horizon": horizon, "actual": actual,
                         **{col: 3.0 * z for col, z in Z.items()}})


def choice_of(factors: dict[int, float]) -> BaselineChoice:
    """A choice whose horizons 1..len(factors) are calibrated with `factors`."""
    hs = sorted(factors)
    calibration = Calibration(factors=dict(factors), counts=dict.fromkeys(hs, 20),
                              calibrated=dict.fromkeys(hs, True),
                              level_factors={h: {} for h in hs})
    decision = Decision(Choice("best", {"m": 1.0}), calibration, scored_rows=0)
    return BaselineChoice(result=None, decision=decision, summary=pd.DataFrame())


def width(x: np.ndarray) -> np.ndarray:
    q10, q90 = np.quantile(x, [0.1, 0.9], axis=0)
    return q90 - q10


def random_walk(n: int, k: int, seed: int) -> np.ndarray:
    return np.cumsum(np.random.default_rng(seed).normal(0.0, 0.05, (n, k)), axis=1)


def test_a_factor_below_one_needs_eleven_residuals():
    few = fit_calibration(too_wide_rows(MIN_RESIDUALS_TO_NARROW - 1))
    assert few.is_calibrated(1) and few.factor(1) == 1.0
    assert few.level_factors[1][0.8] < 0.6  # the fitted factors are kept for the table
    enough = fit_calibration(too_wide_rows(MIN_RESIDUALS_TO_NARROW))
    assert enough.is_calibrated(1) and enough.factor(1) < 0.7
    assert MIN_RESIDUALS_TO_NARROW == 11 and 0.8**11 < 0.1 < 0.8**10


def test_a_narrowing_is_not_carried_past_the_last_calibrated_horizon():
    choice = choice_of({1: 0.885, 2: 0.638})
    assert choice.factors(6) == [0.885, 0.638, 1.0, 1.0, 1.0, 1.0]
    paths = random_walk(4000, 6, 0)
    own = width(paths)
    for widening in ("stretch", "independent"):
        out = width(calibrated_paths(paths, choice, widening=widening,
                                     rng=np.random.default_rng(1)))
        np.testing.assert_allclose(out[:2], [0.885 * own[0], 0.638 * own[1]], rtol=1e-9)
        np.testing.assert_allclose(out[2:], own[2:], rtol=1e-12)


@settings(max_examples=15, deadline=None)
@given(factors=st.lists(st.floats(0.3, 3.0), min_size=1, max_size=4),
       widening=st.sampled_from(["stretch", "independent"]), seed=st.integers(0, 99))
def test_past_the_last_calibrated_horizon_no_band_is_narrower_than_the_models(
        factors, widening, seed):
    choice = choice_of({h: c for h, c in enumerate(factors, start=1)})
    paths = random_walk(1000, 8, seed)
    out = calibrated_paths(paths, choice, widening=widening, rng=np.random.default_rng(seed))
    past = len(factors)
    assert (width(out)[past:] >= 0.95 * width(paths)[past:]).all()
    shift = np.abs(np.median(out, axis=0) - np.median(paths, axis=0))
    assert (shift <= 0.1 * width(paths)).all()  # medians kept (to sampling noise)
    assert choice.factors(8)[past:] == [max(factors[-1], 1.0)] * (8 - past)
