"""Seasonal level: the last years' level and season, no slope extrapolated, the slope's
uncertainty in the bands."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.models.seasonal_level import SeasonalLevel
from forecasting.models.seasonal_trend import SeasonalTrend

SHAPE = 0.1 * np.sin(2 * np.pi * np.arange(12) / 12)


def growing(months: int = 60, slope: float = 0.005, noise: float = 0.0) -> pd.Series:
    rng = np.random.default_rng(4)
    t = np.arange(months)
    log_values = np.log(100) + slope * t + SHAPE[t % 12] + rng.normal(0, noise, months)
    return pd.Series(np.exp(log_values), index=pd.period_range("2019-01", periods=months,
                                                                 freq="M"))


def test_the_centre_is_the_window_level_and_season_without_the_slope():
    series = growing()
    frame = SeasonalLevel().fit(series).predict(24)
    window = np.log(series.iloc[-36:].to_numpy())
    level = window.mean()  # three whole years: the seasonal effects sum to zero
    expected = np.exp(level + SHAPE[np.arange(60, 84) % 12])
    assert frame["q0.5"].to_numpy() == pytest.approx(expected, rel=0.01)
    # the same months a year apart have the same centre: nothing extrapolated ...
    assert frame["q0.5"].to_numpy()[12:] == pytest.approx(frame["q0.5"].to_numpy()[:12],
                                                          rel=0.01)
    # ... where the seasonal trend carries the slope on
    trend = SeasonalTrend().fit(series).predict(24)["q0.5"].to_numpy()
    assert (trend[12:] / trend[:12]).mean() == pytest.approx(np.exp(12 * 0.005), rel=0.01)


def test_the_window_sets_which_years_are_used():
    series = growing()
    two_years = SeasonalLevel(window=24).fit(series).predict(12)["q0.5"].to_numpy()
    three_years = SeasonalLevel().fit(series).predict(12)["q0.5"].to_numpy()
    # a growing series: the later window sits higher, by the slope times the shift of the middle
    assert (two_years / three_years).mean() == pytest.approx(np.exp(6 * 0.005), rel=0.01)


def test_the_slope_uncertainty_widens_the_bands_and_shrinks_with_the_window():
    series = growing(noise=0.02)
    short, long = SeasonalLevel(window=24).fit(series), SeasonalLevel(window=60).fit(series)
    assert short.slope_se_ > long.slope_se_ > 0
    frame = long.predict(36)
    width = np.log(frame["q0.9"] / frame["q0.1"]).to_numpy()
    assert width[24:].mean() > width[:12].mean()


def test_zero_or_negative_values_are_refused():
    series = growing()
    series.iloc[40] = 0.0
    with pytest.raises(ValueError, match="seasonal_level needs positive values"):
        SeasonalLevel().fit(series)
