"""Gradient-boosted trees: daily and hourly only, calendar learned, recursive joint paths."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from model_cases import fitted_model

from forecasting.errors import SeriesTooShortError
from forecasting.models.gradient_boosting_median import GradientBoostingMedian


def test_annual_and_monthly_data_are_refused_with_a_clear_error(annual, monthly):
    for series in (annual, monthly):
        with pytest.raises(ValueError, match="supports daily and hourly data only"):
            GradientBoostingMedian().fit(series)


def test_daily_paths_keep_the_weekly_pattern():
    model = fitted_model("gbm_median", {}, "D")
    frame = model.predict(14)
    weekend = np.asarray(frame.index.day_of_week >= 5)
    median = frame["q0.5"].to_numpy()
    assert median[weekend].mean() < 0.97 * median[~weekend].mean()  # weekends ~6% lower


def test_residuals_are_out_of_fold_by_default(daily):
    model = fitted_model("gbm_median", {}, "D")
    in_sample = GradientBoostingMedian(folds=0).fit(daily)
    assert np.std(model.residuals_) > np.std(in_sample.residuals_)


def test_hourly_series_is_simulated_recursively():
    rng = np.random.default_rng(1)
    t = np.arange(24 * 14)
    log_values = 7 + 0.1 * np.sin(2 * np.pi * t / 24) + np.cumsum(rng.normal(0, 0.004, t.size))
    series = pd.Series(np.exp(log_values),
                       index=pd.period_range("2025-03-01 00:00", periods=t.size, freq="h"))
    model = GradientBoostingMedian(max_iter=50).fit(series)
    paths = model.sample_paths(30, 200, np.random.default_rng(0))
    assert paths.shape == (200, 30)
    assert np.array_equal(paths, model.sample_paths(30, 200, np.random.default_rng(0)))
    median = np.median(paths, axis=0)
    hours = np.asarray(model.future_index(30).hour)
    assert median[hours == 6].mean() > median[hours == 18].mean()  # the daily cycle


def test_hourly_needs_a_week_and_more():
    model = GradientBoostingMedian()
    assert model.observations_needed("D") == 28 + 50
    assert model.observations_needed("H") == 168 + 50
    series = pd.Series(1.0 + np.arange(217.0), index=pd.period_range("2025-03-01", periods=217,
                                                                   freq="h"))
    with pytest.raises(SeriesTooShortError, match="needs at least 218 observations, got 217"):
        model.fit(series)
