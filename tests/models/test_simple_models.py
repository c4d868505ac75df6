"""Naive, seasonal naive and drift: what they forecast and how their bands grow."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.models.drift import Drift
from forecasting.models.naive import Naive, SeasonalNaive


def test_naive_carries_the_last_value_forward(annual):
    frame = Naive().fit(annual).predict(6)
    assert frame["q0.5"].to_numpy() == pytest.approx(annual.iloc[-1], rel=0.02)
    width = np.log(frame["q0.9"] / frame["q0.1"]).to_numpy()
    assert width / width[0] == pytest.approx(np.sqrt(np.arange(1, 7)), rel=0.05)


def test_seasonal_naive_repeats_the_last_season(monthly):
    frame = SeasonalNaive().fit(monthly).predict(24)
    last_year = monthly.iloc[-12:].to_numpy()
    assert frame["q0.5"].to_numpy()[:12] == pytest.approx(last_year, rel=0.02)
    assert frame["q0.5"].to_numpy()[12:] == pytest.approx(last_year, rel=0.02)


def test_seasonal_naive_refuses_annual_data(annual):
    with pytest.raises(ValueError, match="does not support frequency 'Y'"):
        SeasonalNaive().fit(annual)


def test_drift_recovers_the_mean_growth(annual):
    model = Drift().fit(annual)
    growth = np.log(annual.iloc[-1] / annual.iloc[0]) / (len(annual) - 1)
    assert model.drift_ == pytest.approx(growth)
    assert model.scale_.on


def test_drift_works_on_levels_when_values_are_not_all_positive():
    series = pd.Series([-2.0, -1.0, 0.5, 1.0, 2.2, 3.0],
                       index=pd.period_range("2018", periods=6, freq="Y"))
    model = Drift().fit(series)
    assert not model.scale_.on
    median = model.predict(4)["q0.5"].to_numpy()
    assert median == pytest.approx(3 + model.drift_ * np.arange(1, 5), abs=0.05)


def test_drift_parameter_uncertainty_widens_long_horizons(annual):
    model = Drift().fit(annual)
    paths = np.log(model.sample_paths(20, 20000, np.random.default_rng(0)))
    h = np.arange(1, 21)
    expected = model.sd_ * np.sqrt(h + h**2 / (len(annual) - 1))
    assert paths.std(axis=0) == pytest.approx(expected, rel=0.03)
