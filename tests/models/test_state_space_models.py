"""ARIMA, damped ETS and the local linear trend (statsmodels-based models)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from model_cases import fitted_model

from forecasting.models.arima import ArimaDrift
from forecasting.models.ets import DampedETS
from forecasting.models.local_linear_trend import LocalLinearTrend


def random_walk_with_drift(n: int = 30, seed: int = 4) -> pd.Series:
    rng = np.random.default_rng(seed)
    log_values = np.log(20) + np.cumsum(0.08 + rng.normal(0, 0.05, n))
    return pd.Series(np.exp(log_values), index=pd.period_range("1995", periods=n, freq="Y"))


def test_arima_picks_a_difference_and_a_drift_for_a_random_walk_with_drift():
    model = ArimaDrift().fit(random_walk_with_drift())
    assert model.order_[1] == 1
    assert model.trend_ == "t"
    slope = model.results_.params[list(model.results_.param_names).index("x1")]
    assert slope == pytest.approx(0.08, abs=0.04)


def test_arima_keeps_a_stationary_series_undifferenced():
    rng = np.random.default_rng(2)
    series = pd.Series(np.exp(3 + rng.normal(0, 0.05, 30)),
                       index=pd.period_range("1995", periods=30, freq="Y"))
    model = ArimaDrift().fit(series)
    assert model.order_[1] == 0
    assert model.trend_ == "ct"


def test_arima_paths_match_the_statsmodels_forecast_distribution(annual):
    model = ArimaDrift(d=1, parameter_uncertainty=False).fit(annual)
    logs = np.log(model.sample_paths(8, 20000, np.random.default_rng(3)))
    forecast = model.results_.get_forecast(8)
    assert logs.mean(axis=0) == pytest.approx(forecast.predicted_mean, abs=0.003)
    assert logs.std(axis=0) == pytest.approx(forecast.se_mean, rel=0.03)


def test_arima_drift_uncertainty_widens_long_horizon_bands(annual):
    with_it = fitted_model("arima", {}, "Y")
    without = ArimaDrift(parameter_uncertainty=False).fit(annual)
    assert without.order_ == with_it.order_
    rng = np.random.default_rng
    wide = np.log(with_it.sample_paths(10, 8000, rng(0))).std(axis=0)
    narrow = np.log(without.sample_paths(10, 8000, rng(0))).std(axis=0)
    assert wide[-1] > narrow[-1]
    assert wide[0] == pytest.approx(narrow[0], rel=0.05)


def test_arima_seasonal_order_narrows_monthly_bands(monthly):
    seasonal = ArimaDrift(seasonal_order=(0, 1, 1), max_p=1, max_q=1).fit(monthly)
    plain = fitted_model("arima", {}, "M")
    assert seasonal.results_.model.seasonal_order == (0, 1, 1, 12)
    width = {}
    for label, model in (("seasonal", seasonal), ("plain", plain)):
        frame = model.predict(24)
        width[label] = (frame["q0.9"] - frame["q0.1"]).to_numpy()[-1]
    assert width["seasonal"] < 0.5 * width["plain"]


def test_arima_refuses_a_seasonal_order_for_annual_data(annual):
    with pytest.raises(ValueError, match="no seasonal part for annual data"):
        ArimaDrift(seasonal_order=(1, 0, 0)).fit(annual)
    with pytest.raises(ValueError, match="seasonal_order must be"):
        ArimaDrift(seasonal_order=(1, 2, 0))


def test_damped_ets_growth_flattens():
    model = fitted_model("damped_ets", {}, "Y")
    phi = model.damping_
    assert 0.8 <= phi < 1
    point = np.concatenate([[np.log(model.series_.iloc[-1])], model.results_.forecast(12)])
    growth = np.diff(point)[1:]  # log growth of the point forecast, from year 1 to year 2 on
    assert (growth > 0).all()
    assert growth[1:] / growth[:-1] == pytest.approx(phi)  # slows every year by the damping
    median = model.predict(12)["q0.5"].to_numpy()
    assert median == pytest.approx(np.exp(point[1:]), rel=0.01)  # and the paths follow it


def test_damped_ets_uses_a_season_only_with_two_full_seasons(monthly):
    assert fitted_model("damped_ets", {}, "M").seasonal_
    assert not DampedETS().fit(monthly.iloc[:20]).seasonal_
    with pytest.raises(ValueError, match="needs two full seasons"):
        DampedETS(seasonal=True).fit(monthly.iloc[:20])


def test_local_linear_trend_paths_match_statsmodels_and_find_the_slope():
    model = fitted_model("local_linear_trend", {}, "Y")
    assert model.slope_ == pytest.approx(0.12, abs=0.02)
    logs = np.log(model.sample_paths(6, 20000, np.random.default_rng(5)))
    forecast = model.results_.get_forecast(6)
    assert logs.mean(axis=0) == pytest.approx(forecast.predicted_mean, abs=0.003)
    assert logs.std(axis=0) == pytest.approx(forecast.se_mean, rel=0.03)


def test_statsmodels_fits_raise_no_warnings_and_print_nothing(annual, capfd):
    short = annual.iloc[:9]  # few points: the optimisers complain most here
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for model in (ArimaDrift(d=1), DampedETS(), LocalLinearTrend()):
            model.fit(short).sample_paths(3, 10, np.random.default_rng(0))
    assert capfd.readouterr() == ("", "")
