"""The registry of baseline models: names, factories, parameters and frequencies."""

from __future__ import annotations

import pytest

from forecasting.models.base import Model
from forecasting.models.registry import MODELS, make_model, models_for

NAMES = {
    "naive", "seasonal_naive", "drift", "loglinear_trend", "regime_trend", "seasonal_trend",
    "seasonal_level", "seasonal_shrunk_trend", "harmonic_shrunk_trend",
    "harmonic_smoothed_level", "damped_ets", "arima",
    "local_linear_trend", "prophet", "prophet_defaults", "gbm_median", "auto_ets", "auto_arima",
    "auto_theta",
}  # fmt: skip


def test_every_model_is_registered_under_its_own_name():
    assert set(MODELS) == NAMES
    for name in NAMES:
        model = make_model(name)
        assert isinstance(model, Model)
        assert model.name == name


def test_parameters_reach_the_model():
    model = make_model("prophet", changepoint_prior_scale=0.2)
    assert model.changepoint_prior_scale == 0.2


def test_unknown_name_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown model 'arma'; known models: naive, "):
        make_model("arma")


def test_unknown_parameter_is_a_clear_error():
    with pytest.raises(ValueError, match="bad parameters for model 'drift'"):
        make_model("drift", windw=3)


def test_models_for_a_frequency():
    annual = models_for("Y")
    assert "gbm_median" not in annual and "seasonal_naive" not in annual
    assert {"naive", "drift", "arima", "prophet"} <= set(annual)
    assert models_for("Y-DEC") == annual == models_for("A")
    assert "seasonal_naive" in models_for("M")
    assert "gbm_median" in models_for("D") and "gbm_median" in models_for("h")
    assert "arima" not in models_for("H")  # a grid of fits on a year of hours is too slow
    assert models_for("Q") == []
