"""Contract every baseline model must meet, run over every registered model.

Cases (`model_cases.contract_cases`): each model supporting annual data on an annual series,
the thin baseline's configured variant too, each model supporting monthly data on a monthly
series, and the gradient-boosting model on a daily series. A new model joins by being added
to `forecasting.models.registry`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from model_cases import SEASON, SERIES, contract_cases, fitted_model

from forecasting.contracts import FREQUENCY_CODES
from forecasting.errors import SeriesTooShortError
from forecasting.models.base import PREDICT_DRAWS
from forecasting.models.loglinear_trend import LogLinearTrend
from forecasting.models.registry import MODELS, make_model

QUANTILES = (0.05, 0.1, 0.5, 0.9, 0.95)
CASES = contract_cases()

#: cases whose bands may stay flat: Prophet with defaults works on levels, and on this short
#: annual series its fitted changepoints are ~0, so its simulated trend changes are too and
#: only the (constant) observation noise is left - Prophet's known trait, kept in the peer
#: (the tuned `prophet` works on logs, where the bands grow with the level).
FLAT_BANDS = {("prophet_defaults", "Y")}


def horizon_for(freq: str) -> int:
    return 10 if freq == "Y" else 2 * SEASON[freq] + 1


@pytest.mark.parametrize(("name", "params", "freq"), CASES)
def test_predict_is_indexed_by_the_next_periods(name, params, freq):
    model = fitted_model(name, params, freq)
    frame = model.predict(horizon_for(freq), QUANTILES)
    last = SERIES[freq]().index[-1]
    expected = pd.period_range(last + 1, periods=horizon_for(freq), freq=last.freq)
    assert frame.index.equals(expected)
    assert list(frame.columns) == ["mean", *[f"q{q:g}" for q in QUANTILES]]
    assert np.isfinite(frame.to_numpy()).all()


@pytest.mark.parametrize(("name", "params", "freq"), CASES)
def test_quantiles_are_ordered_and_bands_widen_with_horizon(name, params, freq):
    horizon = horizon_for(freq)
    frame = fitted_model(name, params, freq).predict(horizon, QUANTILES)
    q = frame[[f"q{x:g}" for x in QUANTILES]].to_numpy()
    assert (np.diff(q, axis=1) >= 0).all()
    width = (frame["q0.9"] - frame["q0.1"]).to_numpy()
    if (name, freq) in FLAT_BANDS:
        assert width.min() >= 0.95 * width[0]  # flat within sampling noise, never narrowing
        return
    lag = SEASON[freq]  # the same point of the season: widths never shrink ...
    assert (width[lag:] >= width[:-lag]).all(), width
    assert width[-1] > width[0]  # ... and grow from the first period to the last


@pytest.mark.parametrize(("name", "params", "freq"), CASES)
def test_paths_agree_with_predicted_quantiles(name, params, freq):
    model = fitted_model(name, params, freq)
    paths = model.sample_paths(5, 5 * PREDICT_DRAWS, np.random.default_rng(1))
    assert paths.shape == (5 * PREDICT_DRAWS, 5)
    assert np.isfinite(paths).all()
    frame = model.predict(5, QUANTILES)
    assert np.quantile(paths, 0.5, axis=0) == pytest.approx(frame["q0.5"].to_numpy(), rel=0.02)
    assert np.quantile(paths, 0.9, axis=0) == pytest.approx(frame["q0.9"].to_numpy(), rel=0.03)
    assert paths.mean(axis=0) == pytest.approx(frame["mean"].to_numpy(), rel=0.03)


@pytest.mark.parametrize(("name", "params", "freq"), CASES)
def test_same_seed_same_paths(name, params, freq):
    model = fitted_model(name, params, freq)
    a = model.sample_paths(7, 100, np.random.default_rng(42))
    b = model.sample_paths(7, 100, np.random.default_rng(42))
    c = model.sample_paths(7, 100, np.random.default_rng(43))
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)


@pytest.mark.parametrize(("name", "params", "freq"), CASES)
def test_too_short_series_is_a_clear_error(name, params, freq):
    model = make_model(name, **params)
    needed = model.observations_needed(freq)
    assert needed >= model.min_observations
    series = SERIES[freq]()
    with pytest.raises(SeriesTooShortError, match=f"'{name}' needs at least {needed} "
                       f"observations, got {needed - 1}"):
        model.fit(series.iloc[: needed - 1])


@pytest.mark.parametrize("name", [name for name in sorted(MODELS)
                                  if set(FREQUENCY_CODES) - make_model(name).frequencies])
def test_an_unsupported_frequency_is_named_before_the_length(name):
    """Two points at a frequency the model does not take: the error is the frequency (which
    more data would not fix), naming the frequencies it supports."""
    model = make_model(name)
    others = [code for code in FREQUENCY_CODES if code not in model.frequencies]
    start = {"Y": "2020", "M": "2020-01", "D": "2020-01-01", "H": "2020-01-01 00:00"}
    for code in others:
        series = pd.Series([1.0, 2.0], index=pd.period_range(start[code], periods=2,
                                                             freq=code.replace("H", "h")))
        with pytest.raises(ValueError, match=f"does not support frequency '{code}'") as err:
            model.fit(series)
        assert not isinstance(err.value, SeriesTooShortError)
        assert all(f"{supported}" in str(err.value) for supported in model.frequencies)


def test_loglinear_trend_recovers_the_growth_rate(annual):
    model = LogLinearTrend().fit(annual)
    assert model.growth_rate_ == pytest.approx(np.expm1(0.12), abs=0.01)
