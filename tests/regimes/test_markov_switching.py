"""Exploratory Markov-switching growth regimes: never raises, never leaks warnings."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest

from forecasting.regimes.markov_switching import MarkovSwitchingGrowth


def _fit_silently(series, **kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = MarkovSwitchingGrowth(**kwargs).fit(series).result_
    assert caught == [], [str(w.message) for w in caught]
    return result


def _annual(values):
    return pd.Series(values, index=pd.period_range("2000", periods=len(values), freq="Y"))


def test_too_short_series_is_not_converged():
    result = _fit_silently(_annual([1.0, 2.0, 3.0, 5.0, 4.0]))
    assert result.converged is False
    assert "too short" in result.message
    assert result.regime_growth == ()


@pytest.mark.parametrize(
    "values",
    [np.full(30, 5.0), 10.0 * 1.05 ** np.arange(30)],
    ids=["constant", "exact-exponential"],
)
def test_degenerate_series_is_not_converged(values):
    result = _fit_silently(_annual(values))
    assert result.converged is False
    assert "constant" in result.message


def test_numerical_failure_becomes_a_message():
    # a single level jump: one growth rate differs, the others are exactly zero
    result = _fit_silently(_annual(np.r_[np.full(15, 5.0), np.full(15, 50.0)]))
    assert result.converged is False
    assert result.message


def test_optimizer_non_convergence_is_reported_not_raised(us_series):
    result = _fit_silently(us_series, maxiter=1, em_iter=0, search_reps=0)
    assert result.converged is False
    assert result.message


def test_us_series_returns_without_warnings(us_series):
    result = _fit_silently(us_series)
    assert isinstance(result.converged, bool)
    assert result.message
    if result.converged:
        low, high = result.regime_growth
        assert low < high
        assert len(result.smoothed_probabilities) == len(us_series) - 1
        assert next(iter(result.smoothed_probabilities)) == "2001"
    json.dumps(result.to_dict(), allow_nan=False)


def test_recovers_two_clear_regimes_and_is_deterministic():
    rng = np.random.default_rng(0)
    states = np.repeat([0, 1, 0, 1, 0, 1], 20)
    growth = np.where(
        states == 0, 0.002 + rng.normal(0, 0.003, 120), 0.03 + rng.normal(0, 0.01, 120)
    )
    series = pd.Series(
        100 * np.exp(np.cumsum(growth)), index=pd.period_range("2010-01", periods=120, freq="M")
    )
    first = _fit_silently(series, seed=3)
    assert first.converged, first.message
    low, high = first.regime_growth
    assert low == pytest.approx(0.002, abs=0.002)
    assert high == pytest.approx(0.03, abs=0.005)
    probs = np.array(list(first.smoothed_probabilities.values()))
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-8)
    # the high-growth regime is identified where it actually holds
    assert np.mean((probs[:, 1] > 0.5) == (states[1:] == 1)) > 0.9
    assert _fit_silently(series, seed=3) == first


def test_invalid_parameters():
    with pytest.raises(ValueError):
        MarkovSwitchingGrowth(k_regimes=1)
