"""The published baseline's calibrated paths: conformal factors inside the backtest horizon,
the calibrated widening carried along (not multiplied again) beyond it."""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.backtest.choose import backtest_and_choose, calibrated_paths, chosen_paths
from forecasting.models.loglinear_trend import LogLinearTrend


def series() -> pd.Series:
    rng = np.random.default_rng(5)
    values = 50 * np.exp(0.08 * np.arange(24) + np.cumsum(rng.normal(0, 0.06, 24)))
    return pd.Series(values, index=pd.period_range("2000", periods=24, freq="Y"))


def choose():
    factories = {"trend": lambda: LogLinearTrend(last_n=6)}
    return backtest_and_choose(series(), factories, horizon=3, first_origin="2008",
                               n_paths=300, seed=1), factories


def test_bands_widen_beyond_the_backtest_and_stay_positive():
    choice, factories = choose()
    assert choice.decision.calibration.is_calibrated(3)
    paths = chosen_paths(series(), choice, factories, 12, 4000, np.random.default_rng(0))
    assert (paths > 0).all()
    q10, q90 = np.quantile(np.log(paths), [0.1, 0.9], axis=0)
    width = q90 - q10
    assert (np.diff(width) > 0).all()


def test_inside_the_horizon_it_is_the_conformal_stretch_and_beyond_it_is_additive():
    choice, _ = choose()
    rng = np.random.default_rng(2)
    # log-scale paths as wide as the trend's own (wider ones would meet factor_bound.py)
    paths = np.cumsum(rng.normal(0, 0.02, (5000, 8)), axis=1)
    out = calibrated_paths(paths, choice)
    c = choice.factors(8)
    median = np.median(paths, axis=0)
    assert np.allclose(out[:, 0] - median[0], c[0] * (paths[:, 0] - median[0]))

    def width(x):
        q10, q90 = np.quantile(x, [0.1, 0.9], axis=0)
        return q90 - q10

    own, calibrated = width(paths), width(out)
    assert np.allclose(calibrated[6], c[2] * own[2] + own[6] - own[2], rtol=1e-6)
    assert (np.diff(calibrated) > 0).all()


def test_independent_widening_keeps_each_period_band_and_carries_the_extra_spread_along():
    """Inside the backtest horizon each period's band is c_h times the model's, as stretched;
    beyond it the model's own spread grows and the extra spread of the last calibrated
    horizon is added to it, independent of the model's (Gaussian: variances add)."""
    choice, _ = choose()
    rng = np.random.default_rng(2)
    paths = np.cumsum(rng.normal(0, 0.02, (20000, 8)), axis=1)  # see above
    out = calibrated_paths(paths, choice, widening="independent", rng=np.random.default_rng(3))
    c = choice.factors(8)

    def width(x):
        q10, q90 = np.quantile(x, [0.1, 0.9], axis=0)
        return q90 - q10

    own, calibrated = width(paths), width(out)
    np.testing.assert_allclose(calibrated[:3], np.multiply(c[:3], own[:3]), rtol=0.04)
    expected = np.sqrt(own[3:] ** 2 + (c[2] ** 2 - 1) * own[2] ** 2)
    np.testing.assert_allclose(calibrated[3:], expected, rtol=0.04)
    assert (np.diff(calibrated[2:]) > 0).all()
    # the months after the backtest horizon are narrower than stretch's coherent carry-on
    # would give a sum over them: the extra error does not add up from period to period
    tail = slice(3, 8)
    stretched = calibrated_paths(paths, choice)
    assert np.std(out[:, tail].sum(axis=1)) < np.std(stretched[:, tail].sum(axis=1))
