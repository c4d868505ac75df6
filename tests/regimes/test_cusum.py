"""OLS-CUSUM stability test on the log-linear trend."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.regimes.cusum import CusumTest


def _annual(values):
    return pd.Series(values, index=pd.period_range("2000", periods=len(values), freq="Y"))


def test_level_shift_is_unstable():
    values = np.r_[np.full(15, 10.0), np.full(15, 20.0)] * np.exp(
        np.random.default_rng(0).normal(0, 0.02, 30)
    )
    test = CusumTest(trend="c").fit(_annual(values))
    assert test.p_value_ < 0.01
    assert test.statistic_ > test.critical_values_[0][1]


def test_stable_trend_rarely_rejects(make_series):
    p_values = [
        CusumTest().fit(make_series(30, [], [0.05], 0.03, seed)).p_value_ for seed in range(50)
    ]
    assert all(0.0 <= p <= 1.0 for p in p_values)
    assert np.mean(np.array(p_values) < 0.05) <= 0.10


def test_us_series_gives_a_probability(us_series):
    test = CusumTest().fit(us_series)
    assert 0.0 <= test.p_value_ <= 1.0
    assert len(test.residuals_) == len(us_series)
    assert abs(test.residuals_.sum()) < 1e-9


def test_exact_fit_is_stable():
    assert CusumTest().fit(_annual(3.0 * 1.1 ** np.arange(12))).p_value_ == 1.0


def test_invalid():
    with pytest.raises(ValueError):
        CusumTest(trend="ctt")
    with pytest.raises(TypeError):
        CusumTest().fit(pd.Series([1.0, 2.0, 3.0, 4.0, 5.0]))
