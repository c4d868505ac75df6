"""Seasonal shrunk trend: the slope kept in proportion to how well the window measures it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.models.seasonal_level import SeasonalLevel
from forecasting.models.seasonal_shrunk_trend import SeasonalShrunkTrend
from forecasting.models.seasonal_trend import SeasonalTrend

SHAPE = 0.1 * np.sin(2 * np.pi * np.arange(12) / 12)


def series(slope: float, noise: float, seed: int = 4, months: int = 48) -> pd.Series:
    rng = np.random.default_rng(seed)
    t = np.arange(months)
    log_values = np.log(100) + slope * t + SHAPE[t % 12] + rng.normal(0, noise, months)
    return pd.Series(np.exp(log_values), index=pd.period_range("2020-01", periods=months,
                                                                 freq="M"))


def centre(model, data, horizon=24):
    return model.fit(data).predict(horizon)["q0.5"].to_numpy()


def test_strong_growth_is_carried_on_like_the_seasonal_trend():
    data = series(slope=0.01, noise=0.01)  # the slope is dozens of standard errors
    shrunk = SeasonalShrunkTrend().fit(data)
    assert shrunk.shrinkage_ > 0.95
    trend = centre(SeasonalTrend(window=36), data)
    assert centre(SeasonalShrunkTrend(), data) == pytest.approx(trend, rel=0.01)
    # the seasonal level stays 1.5 years behind
    assert (centre(SeasonalLevel(), data) / trend).mean() < np.exp(-0.01 * 17)


def test_a_slope_lost_in_the_noise_is_dropped_like_the_seasonal_level():
    data = series(slope=0.0, noise=0.05, seed=2)
    shrunk = SeasonalShrunkTrend().fit(data)
    t_stat = abs(shrunk.coef_[1]) / shrunk.slope_se_
    assert t_stat < 1
    assert shrunk.shrinkage_ == 0.0
    assert centre(SeasonalShrunkTrend(), data) == pytest.approx(
        centre(SeasonalLevel(), data), rel=0.01)


@settings(max_examples=25, deadline=None)
@given(slope=st.floats(-0.01, 0.01), noise=st.floats(0.005, 0.08), seed=st.integers(0, 50))
def test_the_centre_lies_between_the_seasonal_level_and_the_seasonal_trend(slope, noise, seed):
    data = series(slope, noise, seed)
    shrunk = SeasonalShrunkTrend().fit(data)
    assert 0.0 <= shrunk.shrinkage_ <= 1.0
    level = SeasonalLevel().fit(data)
    trend = SeasonalTrend(window=36).fit(data)  # the same window, so the same regression
    # the fitted log centres at horizons 1-24, measured from the middle of the window
    from_middle = 35 + np.arange(1, 25) - 17.5
    level_centre = level.coef_[0] + level.coef_[1] * 17.5
    trend_centre = level_centre + trend.coef_[1] * from_middle
    shrunk_centre = level_centre + shrunk.kept_slope_ * from_middle
    assert np.all(shrunk_centre >= np.minimum(level_centre, trend_centre) - 1e-9)
    assert np.all(shrunk_centre <= np.maximum(level_centre, trend_centre) + 1e-9)


def test_bands_widen_with_the_horizon_and_sampling_is_pure():
    model = SeasonalShrunkTrend().fit(series(slope=0.004, noise=0.03))
    frame = model.predict(36)
    width = np.log(frame["q0.9"] / frame["q0.1"]).to_numpy()
    assert width[24:].mean() > width[:12].mean()
    first = model.sample_paths(12, 50, np.random.default_rng(3))
    again = model.sample_paths(12, 50, np.random.default_rng(3))
    assert np.array_equal(first, again)


def test_zero_or_negative_values_are_refused_by_name():
    data = series(slope=0.0, noise=0.01)
    data.iloc[30] = 0.0
    with pytest.raises(ValueError, match="seasonal_shrunk_trend needs positive values"):
        SeasonalShrunkTrend().fit(data)


def test_a_higher_threshold_keeps_less_of_the_same_slope():
    data = series(slope=0.003, noise=0.03, seed=7)
    kept = [SeasonalShrunkTrend(slope_threshold=t).fit(data) for t in (0.0, 1.0, 2.0)]
    t_stat = abs(kept[0].coef_[1]) / kept[0].slope_se_
    assert kept[0].shrinkage_ == 1.0  # no threshold: the seasonal trend's slope, whole
    assert kept[1].shrinkage_ == pytest.approx(max(0.0, 1 - 1 / t_stat**2))
    assert kept[2].shrinkage_ == pytest.approx(max(0.0, 1 - 4 / t_stat**2))
    assert kept[0].shrinkage_ > kept[1].shrinkage_ > kept[2].shrinkage_
    with pytest.raises(ValueError, match="slope_threshold"):
        SeasonalShrunkTrend(slope_threshold=-1.0)
