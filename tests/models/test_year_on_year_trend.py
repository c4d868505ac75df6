"""The data-center trend of the zone scenario `statistical-trend`: the year-on-year change of
the last two 12-month means, carried on linearly, with the slope's uncertainty."""

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.models.drift import Drift
from forecasting.models.year_on_year_trend import YearOnYearTrend


def ramp(months: int, slope: float, noise: float, seed: int = 0) -> pd.Series:
    rng = np.random.default_rng(seed)
    index = pd.period_range("2018-01", periods=months, freq="M")
    return pd.Series(500 + slope * np.arange(months) + rng.normal(0, noise, months),
                     index=index)


def test_a_noisy_ramp_is_carried_on_where_a_random_walk_takes_the_noise_for_steps():
    series = ramp(72, slope=80.0, noise=300.0)  # 1 GW a year under 300 MW of monthly noise
    model = YearOnYearTrend().fit(series)
    assert abs(model.slope_ * 12 - 960) < 250
    paths = model.sample_paths(36, 4000, np.random.default_rng(1))
    truth = 500 + 80.0 * np.arange(72, 108)
    assert np.all(np.abs(np.median(paths, axis=0) - truth) < 400)
    walk = Drift(log=False).fit(series).sample_paths(36, 4000, np.random.default_rng(1))
    width = np.subtract(*np.quantile(paths[:, 11], [0.9, 0.1]))
    walk_width = np.subtract(*np.quantile(walk[:, 11], [0.9, 0.1]))
    assert width < walk_width / 2


def test_paths_are_floored_and_pure_in_the_generator():
    series = ramp(36, slope=-40.0, noise=20.0)  # falling towards zero
    model = YearOnYearTrend().fit(series)
    a = model.sample_paths(60, 50, np.random.default_rng(3))
    b = model.sample_paths(60, 50, np.random.default_rng(3))
    np.testing.assert_array_equal(a, b)
    assert a.min() == 0.0 and (a >= 0).all()
    assert (model.mean_path(60) >= 0).all()


@settings(max_examples=30, deadline=None)
@given(st.integers(24, 96), st.floats(-50, 150), st.floats(1, 400), st.integers(0, 10))
def test_bands_widen_with_the_horizon(months, slope, noise, seed):
    model = YearOnYearTrend(floor=None).fit(ramp(months, slope, noise, seed))
    paths = model.sample_paths(48, 2000, np.random.default_rng(seed))
    q10, q90 = np.quantile(paths, [0.1, 0.9], axis=0)
    assert np.all(np.diff(q90 - q10) >= -1e-9)
    assert np.all(q10 <= q90)
