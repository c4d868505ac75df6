"""A band within the relative floor of its level is no band (`band_floor.py`): a constant load's
candidates miss by 1e-14 of the level with bands of 1e-15, and the ratios of such roundings
had become band factors and stretches of 10^12, whose exp() overflowed (fuzz 14, D4)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.backtest.band_floor import MIN_RELATIVE_WIDTH
from forecasting.backtest.calibration import conformity_scores, fit_calibration
from forecasting.backtest.factor_bound import bounded_factors
from forecasting.backtest.season_widening import widened_by_season


def constant_rows(n: int, level: float, miss: float, half: float) -> pd.DataFrame:
    """Backtest rows at horizon 1 whose actual is `miss` off a median `level` and whose
    bands are `half` wide each side (a model that forecast a constant exactly)."""
    return pd.DataFrame({"horizon": 1, "actual": level + miss * (-1.0) ** np.arange(n),
                         "p05": level - 1.3 * half, "p10": level - half, "p50": level,
                         "p90": level + half, "p95": level + 1.3 * half})


def test_a_miss_of_rounding_is_covered_by_any_band():
    # log scale: a miss of 1e-13 outside a band of 1e-15 had scored 100
    scores = conformity_scores([5.2 + 1e-13], [5.2 - 1e-15], [5.2], [5.2 + 1e-15],
                               log_scale=True)
    assert scores.tolist() == [0.0]
    # linear scale: relative to the median, 186 GWh missed by 2e-12 GWh
    scores = conformity_scores([186.0 + 2e-12], [186.0], [186.0], [186.0])
    assert scores.tolist() == [0.0]


def test_a_real_miss_outside_a_band_of_rounding_leaves_the_horizon_model_based():
    rows = constant_rows(12, np.log(186.0), miss=1e-3, half=1e-14)
    calibration = fit_calibration(rows, log_scale=True)
    assert not calibration.is_calibrated(1) and calibration.factor(1) == 1.0
    # the same miss outside a band twice narrower than it: a factor of 2
    rows = constant_rows(12, np.log(186.0), miss=1e-3, half=1e-3 / 2)
    assert abs(fit_calibration(rows, log_scale=True).factor(1) - 2.0) < 1e-9


def test_a_constant_series_calibrates_to_its_constant():
    rows = constant_rows(12, np.log(186.0), miss=3e-14, half=2e-15)
    calibration = fit_calibration(rows, log_scale=True)
    assert calibration.is_calibrated(1) and calibration.factor(1) == 0.0


def test_a_band_of_rounding_is_not_widened_by_its_factor():
    floor = [MIN_RELATIVE_WIDTH]
    # a miss of 1e-10 over a P05-P95 width of 1e-15: the bound had been 4e5
    assert bounded_factors([50.0], [1e-15], {1: 1e-10}, floors=floor).tolist() == [1.0]
    assert bounded_factors([50.0], [0.0], {1: 0.2}, floors=floor).tolist() == [1.0]
    # a band above the floor is bounded as before, and narrowing is left to its own rule
    assert bounded_factors([50.0], [0.1], {1: 0.2}, floors=floor).tolist() == [8.0]
    assert bounded_factors([0.5], [1e-15], {1: 0.2}, floors=floor).tolist() == [0.5]


@pytest.mark.parametrize("middle", [1e-14, 3e-6])
def test_a_month_whose_middle_sits_on_one_value_is_not_stretched_to_a_season_earlier(middle):
    # most paths forecast the constant exactly (to rounding, or to a few parts per million),
    # a seventh draw a few percent either side: the P10-P90 width is that of the middle, a
    # season earlier's is a band
    rng = np.random.default_rng(0)
    n = 700
    paths = np.full((n, 24), 186.0) * (1 + middle * rng.standard_normal((n, 24)))
    wide = rng.random(n) < 1 / 7
    paths[wide] *= np.exp(0.05 * rng.standard_normal((wide.sum(), 24)))
    paths[:, :12] = 186.0 * np.exp(0.03 * rng.standard_normal((n, 12)))
    out = widened_by_season(paths, 12)
    assert np.isfinite(out).all() and (out > 0).all()
    np.testing.assert_array_equal(out[:, 12:], paths[:, 12:])
    q05, q95 = np.quantile(out[:, 12:], [0.05, 0.95], axis=0)
    assert (q05 > 150).all() and (q95 < 230).all()
