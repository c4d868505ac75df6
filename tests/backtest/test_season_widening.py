"""Bands that do not narrow from one season to the next (`season_widening`)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.backtest.season_widening import widened_by_season


def _width(paths, log=True):
    z = np.log(paths) if log else paths
    q10, q90 = np.quantile(z, [0.1, 0.9], axis=0)
    return q90 - q10


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), shrink=st.floats(0.05, 3.0),
       horizon=st.integers(13, 60))
def test_no_month_is_narrower_than_the_same_month_a_season_earlier(seed, shrink, horizon):
    rng = np.random.default_rng(seed)
    scale = np.where(np.arange(horizon) >= 12, shrink, 1.0) * rng.uniform(0.02, 0.2, horizon)
    paths = 1000.0 * np.exp(scale * rng.standard_normal((301, horizon)))  # odd: one median
    out = widened_by_season(paths, 12)
    width = _width(out)
    assert np.all(width[12:] >= width[:-12] - 1e-9)
    # medians kept, and the order of the paths in each month
    np.testing.assert_allclose(np.median(out, axis=0), np.median(paths, axis=0), rtol=1e-9)
    assert np.array_equal(np.argsort(out, axis=0), np.argsort(paths, axis=0))
    assert (out > 0).all()


def test_bands_that_already_widen_are_left_as_they_are():
    rng = np.random.default_rng(0)
    growing = 1000.0 * np.exp(np.linspace(0.02, 0.3, 36) * rng.standard_normal((401, 36)))
    np.testing.assert_array_equal(widened_by_season(growing, 12), growing)


def test_a_narrow_second_year_takes_the_first_years_width():
    rng = np.random.default_rng(1)
    sd = np.r_[np.full(12, 0.10), np.full(12, 0.02)]
    paths = 500.0 * np.exp(sd * rng.standard_normal((400, 24)))
    width = _width(widened_by_season(paths, 12))
    np.testing.assert_allclose(width[12:], _width(paths)[:12], rtol=1e-9)
