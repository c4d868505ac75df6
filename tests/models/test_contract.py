"""Contract every baseline model must meet (new models are added to MODELS)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.errors import SeriesTooShortError
from forecasting.models.loglinear_trend import LogLinearTrend

MODELS = [lambda: LogLinearTrend(), lambda: LogLinearTrend(last_n=6, min_log_sd=0.05)]
QUANTILES = (0.05, 0.1, 0.5, 0.9, 0.95)


@pytest.fixture
def series() -> pd.Series:
    rng = np.random.default_rng(3)
    values = 60 * np.exp(0.12 * np.arange(15) + rng.normal(0, 0.03, 15))
    return pd.Series(values, index=pd.period_range("2009", periods=15, freq="Y"))


@pytest.mark.parametrize("make", MODELS)
def test_quantiles_are_ordered_and_bands_widen_with_horizon(make, series):
    frame = make().fit(series).predict(10, QUANTILES)
    q = frame[[f"q{x:g}" for x in QUANTILES]].to_numpy()
    assert (np.diff(q, axis=1) >= 0).all()
    width = frame["q0.9"] - frame["q0.1"]
    assert (np.diff(width.to_numpy()) > 0).all()
    assert frame.index[0] == pd.Period("2024", freq="Y")


@pytest.mark.parametrize("make", MODELS)
def test_paths_agree_with_predicted_quantiles(make, series):
    model = make().fit(series)
    paths = model.sample_paths(5, 20000, np.random.default_rng(1))
    frame = model.predict(5, QUANTILES)
    assert np.quantile(paths, 0.5, axis=0) == pytest.approx(frame["q0.5"].to_numpy(), rel=0.02)
    assert np.quantile(paths, 0.9, axis=0) == pytest.approx(frame["q0.9"].to_numpy(), rel=0.03)


@pytest.mark.parametrize("make", MODELS)
def test_same_seed_same_paths(make, series):
    model = make().fit(series)
    a = model.sample_paths(7, 100, np.random.default_rng(42))
    b = model.sample_paths(7, 100, np.random.default_rng(42))
    c = model.sample_paths(7, 100, np.random.default_rng(43))
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)


@pytest.mark.parametrize("make", MODELS)
def test_too_short_series_is_a_clear_error(make, series):
    with pytest.raises(SeriesTooShortError, match="needs at least 3 observations, got 2"):
        make().fit(series.iloc[:2])


def test_loglinear_trend_recovers_the_growth_rate(series):
    model = LogLinearTrend().fit(series)
    assert model.growth_rate_ == pytest.approx(np.expm1(0.12), abs=0.01)
