"""Prophet: logistic growth under a cap, determinism, silence, no global-state side effects.

Prophet fits take up to a second each, so this file fits only two models of its own (the
contract's fits are shared through `model_cases.fitted_model`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from model_cases import annual_series, fitted_model

from forecasting.models.prophet_model import ProphetDefaults, ProphetModel


def test_logistic_growth_stays_under_the_cap():
    rng = np.random.default_rng(8)
    t = np.arange(20)
    values = 200 / (1 + np.exp(-(t - 10) / 2.5)) * np.exp(rng.normal(0, 0.03, 20))
    series = pd.Series(values, index=pd.period_range("2005", periods=20, freq="Y"))
    model = ProphetModel(cap=220).fit(series)
    assert not model.scale_.on  # logistic growth works on levels
    frame = model.predict(10)
    assert (frame["q0.5"] <= 220).all()
    assert (np.diff(frame["q0.5"].to_numpy()) > -0.5).all()  # flattening towards the cap
    assert (frame["q0.95"] <= 1.06 * 220).all()  # only observation noise goes above it


def test_a_refitted_model_gives_the_same_paths_quietly_and_leaves_numpy_alone(capfd):
    np.random.seed(123)
    state = np.random.get_state()
    again = ProphetModel().fit(annual_series())
    paths = again.sample_paths(6, 50, np.random.default_rng(9))
    assert capfd.readouterr() == ("", "")  # no cmdstanpy or prophet chatter
    after = np.random.get_state()
    assert all(np.array_equal(a, b) for a, b in zip(state, after, strict=True))
    cached = fitted_model("prophet", {}, "Y")
    assert np.array_equal(paths, cached.sample_paths(6, 50, np.random.default_rng(9)))


def test_defaults_peer_and_tuned_model_differ_in_settings():
    tuned = fitted_model("prophet", {}, "Y")
    peer = fitted_model("prophet_defaults", {}, "Y")
    assert tuned.scale_.on and not peer.scale_.on
    assert tuned.prophet_.changepoint_range == 0.95
    assert peer.prophet_.changepoint_range == 0.8
    assert not tuned.prophet_.yearly_seasonality
    assert isinstance(peer, ProphetDefaults)


def test_cap_with_log_values_is_refused():
    with pytest.raises(ValueError, match="logistic growth"):
        ProphetModel(cap=100, log=True)


def test_on_log_values_of_a_large_monthly_load_the_forecast_stays_near_the_truth():
    # log of ~12,000 MW is ~9.4: with Prophet's default max-abs scaling the series becomes a
    # band a few hundredths wide and the fit chases noise (errors ~5% here); min-max keeps it
    # near the 3% noise level
    errors = []
    for seed in (1, 2):
        rng = np.random.default_rng(seed)
        t = np.arange(60)
        values = 12000 * np.exp(0.004 * t + 0.12 * np.cos(2 * np.pi * (t % 12) / 12)
                                + rng.normal(0, 0.03, 60))  # fmt: skip
        series = pd.Series(values, index=pd.period_range("2019-01", periods=60, freq="M"))
        model = ProphetModel().fit(series[:48])
        assert model.scale_.on and model.prophet_.scaling == "minmax"
        median = model.predict(12)["q0.5"].to_numpy()
        errors.append(np.mean(np.abs(median / series[48:].to_numpy() - 1)))
    assert np.mean(errors) < 0.036
