"""Missing periods are missing: a model never sees a filled value as data (issue 13).

A history with gaps (the interpolated years of the national history, set to NaN) is modelled
as it is. Models that declare `missing_values` take the gaps at their true spacing; the others
learn from the values after the last gap and refuse to forecast from a missing last period.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.errors import SeriesTooShortError
from forecasting.models.base import Model
from forecasting.models.registry import MODELS, make_model

#: years of a sparse published history (the others are missing), as in the national data
PUBLISHED = (2000, 2005, 2006, 2008, 2010, 2014, 2015, 2016, 2018, 2023, 2024)


def sparse(values_at, years=PUBLISHED, first=2000, last=2024) -> pd.Series:
    index = pd.period_range(str(first), str(last), freq="Y")
    series = pd.Series(np.nan, index=index)
    for year in years:
        series[pd.Period(str(year), "Y")] = values_at(year - first)
    return series


def handles_missing() -> list[str]:
    return sorted(n for n, cls in MODELS.items() if cls.missing_values and "Y" in cls.frequencies)


def test_the_annual_candidates_and_peers_take_missing_years():
    # every model of the national pipeline and its benchmark peers, by name
    assert {"regime_trend", "loglinear_trend", "damped_ets", "arima", "local_linear_trend",
            "prophet", "prophet_defaults", "naive", "drift"} <= set(handles_missing())


def test_log_linear_trend_uses_the_true_spacing_of_the_observed_years():
    series = sparse(lambda t: 50.0 * 1.1**t)
    model = make_model("loglinear_trend").fit(series)
    assert model.growth_rate_ == pytest.approx(0.10, abs=1e-9)
    # compressing the gaps (11 points read as 11 consecutive years) would give ~ 0.24/yr
    assert make_model("loglinear_trend").fit(series.dropna().set_axis(
        pd.period_range("2000", periods=11, freq="Y"))).growth_rate_ > 0.2


def test_a_forecast_starts_after_the_last_period_given_even_when_it_is_missing():
    series = sparse(lambda t: 50.0 * 1.1**t, years=PUBLISHED[:-2], last=2022)  # ends 2018
    for name in ("loglinear_trend", "drift", "naive"):
        model = make_model(name, log=True) if name != "loglinear_trend" else make_model(name)
        model.fit(series)
        assert model.future_index(1)[0] == pd.Period("2023", "Y")
        median = np.median(model.sample_paths(3, 4000, np.random.default_rng(0)), axis=0)
        last = 50.0 * 1.1**18
        if name == "naive":
            assert median == pytest.approx([last] * 3, rel=0.02)
        else:  # 2023 is five years after the last value 2018
            assert median == pytest.approx(last * 1.1 ** np.arange(5, 8), rel=0.02)


def test_drift_counts_a_gap_of_k_years_as_k_steps():
    rng = np.random.default_rng(4)
    steps = rng.normal(0.05, 0.02, 24)
    walk = np.concatenate([[0.0], np.cumsum(steps)])
    full = pd.Series(np.exp(4 + walk), index=pd.period_range("2000", periods=25, freq="Y"))
    series = full.where(full.index.year.isin(PUBLISHED))
    model = make_model("drift").fit(series)
    assert model.drift_ == pytest.approx((walk[24] - walk[0]) / 24)
    assert 0.01 < model.sd_ < 0.04  # the per-year s.d. (0.02), not the s.d. of gap differences


@pytest.mark.parametrize("name", ["damped_ets", "arima", "local_linear_trend", "regime_trend",
                                  "prophet", "prophet_defaults"])
def test_models_fit_a_sparse_history_and_follow_its_growth(name):
    rng = np.random.default_rng(1)
    noise = dict(zip(range(25), rng.normal(0, 0.01, 25), strict=True))
    series = sparse(lambda t: 50.0 * np.exp(0.08 * t + noise[t]))
    model = make_model(name).fit(series)
    assert model.series_.index[-1] == pd.Period("2024", "Y")
    paths = model.sample_paths(3, 1000, np.random.default_rng(0))
    assert paths.shape == (1000, 3) and np.isfinite(paths).all()
    median = np.median(paths, axis=0)
    last = float(series.iloc[-1])
    # growing on from the last value (Prophet with defaults works on levels: slower)
    assert median[2] > median[0] > float(series["2018"]) and median[2] < last * 1.2**3


def test_a_model_without_missing_support_learns_after_the_last_gap_and_refuses_a_missing_end():
    class Recorder(Model):
        name = "recorder"
        min_observations = 3

        def _fit(self, series):
            self.seen_ = series

        def sample_paths(self, horizon, n, rng):
            return np.ones((n, horizon))

    # after the last gap of the sparse history only 2023 and 2024 remain: too few
    with pytest.raises(SeriesTooShortError, match="got 2"):
        Recorder().fit(sparse(lambda t: 1.0 + t))
    tail = sparse(lambda t: 1.0 + t, years=range(2000, 2025)).iloc[:-1]
    tail.iloc[10] = np.nan  # a gap in 2010: the model learns 2011-2023
    assert list(Recorder().fit(tail).seen_.index.year) == list(range(2011, 2024))
    with pytest.raises(ValueError, match="missing last period"):
        Recorder().fit(pd.concat([tail, pd.Series([np.nan], index=[pd.Period("2024", "Y")])]))
