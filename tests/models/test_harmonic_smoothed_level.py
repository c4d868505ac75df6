"""Harmonic smoothed level: a smooth yearly shape on an exponentially smoothed level."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.models.harmonic_shrunk_trend import HarmonicShrunkTrend
from forecasting.models.harmonic_smoothed_level import HarmonicSmoothedLevel, smoothed_level

SHAPE = 0.08 * np.cos(2 * np.pi * (np.arange(12) - 6.5) / 12)


def series(noise=0.01, seed=4, months=48, step=0.0, step_at=42, slope=0.0):
    rng = np.random.default_rng(seed)
    t = np.arange(months)
    log_values = (np.log(1000) + slope * t + SHAPE[t % 12] + step * (t >= step_at)
                  + rng.normal(0, noise, months))
    return pd.Series(np.exp(log_values),
                     index=pd.period_range("2020-01", periods=months, freq="M"))


def test_a_step_in_the_load_is_carried_forward_at_its_new_level():
    # a large load connected six months before the end: +15% from then on
    data = series(step=0.15)
    centre = HarmonicSmoothedLevel().fit(data).predict(12)["q0.5"].to_numpy()
    seasonal = np.exp(np.log(1000) + 0.15 + SHAPE[np.arange(48, 60) % 12])
    assert np.mean(centre / seasonal) == pytest.approx(1.0, abs=0.03)
    # a level held at the middle of a 36-month window stays well below it
    middle = HarmonicShrunkTrend().fit(data).predict(12)["q0.5"].to_numpy()
    assert np.mean(middle / seasonal) < 0.95


def test_the_smoothing_weight_follows_the_evidence():
    flat = np.random.default_rng(1).normal(0, 0.02, 60)
    walk = np.cumsum(np.random.default_rng(1).normal(0, 0.02, 60))
    assert smoothed_level(flat)[1] <= 0.15  # noise around a level: a long memory
    assert smoothed_level(walk)[1] >= 0.8  # a random walk: the last value
    level, alpha, sd = smoothed_level(np.array([1.0, 1.0, 1.0]))
    assert (level, alpha, sd) == (1.0, 0.05, 0.0)


def test_zero_load_and_bad_settings_are_refused_by_name():
    data = series()
    data.iloc[30] = 0.0
    with pytest.raises(ValueError, match="harmonic_smoothed_level needs positive values"):
        HarmonicSmoothedLevel().fit(data)
    with pytest.raises(ValueError, match="slope_threshold"):
        HarmonicSmoothedLevel(slope_threshold=-1.0)


@settings(max_examples=20, deadline=None)
@given(slope=st.floats(-0.01, 0.01), noise=st.floats(0.005, 0.06), seed=st.integers(0, 50))
def test_quantiles_are_ordered_bands_widen_and_sampling_is_pure(slope, noise, seed):
    model = HarmonicSmoothedLevel().fit(series(noise=noise, seed=seed, slope=slope))
    frame = model.predict(36)
    quantiles = frame[[c for c in frame.columns if c.startswith("q")]].to_numpy()
    assert np.all(np.diff(quantiles, axis=1) >= 0)
    width = np.log(frame["q0.9"] / frame["q0.1"]).to_numpy()
    assert width[24:].mean() > width[:12].mean()
    first = model.sample_paths(12, 50, np.random.default_rng(3))
    assert np.array_equal(first, model.sample_paths(12, 50, np.random.default_rng(3)))
