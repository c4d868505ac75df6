"""Harmonic shrunk trend: the shrunk trend's regression with a smooth yearly shape."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.models.harmonic_shrunk_trend import HarmonicShrunkTrend
from forecasting.models.seasonal_shrunk_trend import SeasonalShrunkTrend
from forecasting.models.seasonal_trend import seasonal_design

#: a summer and a winter peak: the first two harmonics of the year
SHAPE = 0.08 * np.cos(2 * np.pi * (np.arange(12) - 6.5) / 12) + 0.05 * np.cos(
    4 * np.pi * (np.arange(12) - 0.5) / 12)


def series(noise: float = 0.01, seed: int = 4, months: int = 36, slope: float = 0.0):
    rng = np.random.default_rng(seed)
    t = np.arange(months)
    log_values = np.log(1000) + slope * t + SHAPE[t % 12] + rng.normal(0, noise, months)
    return pd.Series(np.exp(log_values),
                     index=pd.period_range("2021-01", periods=months, freq="M"))


def centre(model, data, horizon=12):
    return model.fit(data).predict(horizon)["q0.5"].to_numpy()


def test_a_smooth_summer_and_winter_shape_is_forecast_like_the_month_effects():
    data = series(noise=0.005)
    harmonic = centre(HarmonicShrunkTrend(), data)
    months = centre(SeasonalShrunkTrend(), data)
    assert harmonic == pytest.approx(months, rel=0.01)
    # the shape itself: the July and January peaks above April and October
    assert harmonic[6] > harmonic[9] and harmonic[0] > harmonic[3]


def test_one_unusual_month_moves_next_years_forecast_of_it_less():
    # a heat wave: one July 25% above its usual load
    calm = series(noise=0.005)
    hot = calm.copy()
    hot.loc[pd.Period("2022-07", "M")] *= 1.25
    july = 6  # the first forecast month is 2024-01
    moved = {cls.name: centre(cls(), hot)[july] / centre(cls(), calm)[july] - 1
             for cls in (HarmonicShrunkTrend, SeasonalShrunkTrend)}
    assert moved["seasonal_shrunk_trend"] > 0.05  # a third of the heat wave, kept as July's
    assert moved["harmonic_shrunk_trend"] < 0.75 * moved["seasonal_shrunk_trend"]


def test_harmonic_columns_average_zero_over_a_year_and_are_refused_beyond_the_season():
    index = pd.period_range("2020-01", periods=24, freq="M")
    design = seasonal_design(np.arange(24.0), index, 12, harmonics=6)
    assert design.shape == (24, 2 + 11)  # the last sine is zero at every month and left out
    assert np.allclose(design[:12, 2:].sum(axis=0), 0.0)
    with pytest.raises(ValueError, match="harmonics must be between 1 and 6"):
        HarmonicShrunkTrend(harmonics=7).fit(series())
    with pytest.raises(ValueError, match="harmonics must be between 1 and 6"):
        HarmonicShrunkTrend(harmonics=0).fit(series())


@settings(max_examples=20, deadline=None)
@given(slope=st.floats(-0.01, 0.01), noise=st.floats(0.005, 0.06), seed=st.integers(0, 50))
def test_quantiles_are_ordered_and_bands_widen_with_the_horizon(slope, noise, seed):
    model = HarmonicShrunkTrend().fit(series(noise=noise, seed=seed, slope=slope))
    frame = model.predict(36)
    quantiles = frame[[c for c in frame.columns if c.startswith("q")]].to_numpy()
    assert np.all(np.diff(quantiles, axis=1) >= 0)
    width = np.log(frame["q0.9"] / frame["q0.1"]).to_numpy()
    assert width[24:].mean() > width[:12].mean()
