"""A conformal factor widens a forecast's band by at most what the backtest's misses it was
fitted on support: a zone whose final models fitted across a step (a band of its own already
wide) is not widened again by the factors 4-5 the step's origins gave."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.backtest.calibration import Calibration, fit_calibration
from forecasting.backtest.choose import BaselineChoice, calibrated_paths
from forecasting.backtest.factor_bound import MAX_MISS_RATIO, bounded_factors
from forecasting.backtest.selected import Decision
from forecasting.backtest.selection import Choice


@settings(max_examples=50, deadline=None)
@given(factor=st.floats(0.2, 8.0), miss=st.floats(0.01, 1.0), own=st.floats(0.01, 5.0))
def test_a_bounded_factor_never_narrows_more_and_never_widens_past_the_evidence(
        factor, miss, own):
    (bounded,) = bounded_factors([factor], [own], {1: miss})
    if factor <= 1:
        assert bounded == factor  # narrowing has its own rule
        return
    assert 1.0 <= bounded <= factor
    # the calibrated P05-P95 band reaches at most twice the largest miss each side, unless
    # the forecast's own band already does (then it is kept, factor 1)
    assert bounded * own <= max(2 * MAX_MISS_RATIO * miss, own) * (1 + 1e-12)
    if factor * own <= 2 * MAX_MISS_RATIO * miss:
        assert bounded == factor


def test_the_largest_miss_is_recorded_per_horizon():
    rows = pd.DataFrame({"horizon": [1] * 6, "actual": [-0.1, 0.2, -0.3, 0.05, 0.4, 0.0],
                         "p05": -0.4, "p10": -0.3, "p50": 0.0, "p90": 0.3, "p95": 0.4})
    assert fit_calibration(rows).largest_misses == {1: 0.4}
    assert bounded_factors([3.0], [0.6], {}).tolist() == [3.0]  # no miss recorded: unchanged


def step_choice(factor: float, largest_miss: float, horizons: int = 3) -> BaselineChoice:
    hs = range(1, horizons + 1)
    calibration = Calibration(factors=dict.fromkeys(hs, factor), counts=dict.fromkeys(hs, 12),
                              calibrated=dict.fromkeys(hs, True),
                              level_factors={h: {} for h in hs},
                              largest_misses=dict.fromkeys(hs, largest_miss))
    decision = Decision(Choice("best", {"m": 1.0}), calibration, scored_rows=0)
    return BaselineChoice(result=None, decision=decision, summary=pd.DataFrame())


def p05_p95(x: np.ndarray) -> np.ndarray:
    q05, q95 = np.quantile(x, [0.05, 0.95], axis=0)
    return q95 - q05


def test_a_forecast_fitted_across_a_step_is_not_widened_past_twice_the_step():
    """Factor 4.5 from a backtest whose largest miss was 0.36 (a 30% step, log scale): a
    forecast whose own P05-P95 band is 0.3 wide gets 4.5 (1.35 <= 4 x 0.36); one already 0.9
    wide (its models saw the step) gets 4 x 0.36 / 0.9 = 1.6, and past the calibrated
    horizons that bounded widening is what is carried."""
    noise = np.random.default_rng(0).normal(0.0, 1.0, (4000, 6))
    for own, expected in ((0.3, 4.5), (0.9, 1.6)):
        paths = own / 3.2897 * noise
        out = calibrated_paths(paths, step_choice(4.5, 0.36), widening="stretch")
        ratio = p05_p95(out) / p05_p95(paths)
        np.testing.assert_allclose(ratio[:3], expected, rtol=0.04)
        assert (ratio[3:] >= 1.0).all() and (ratio[3:] <= expected * 1.04).all()
