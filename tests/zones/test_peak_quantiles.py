"""The 90/10 of a handful of weather years (`forecasting.zones.peak_quantiles`): exceeded
about a tenth of the time by next season's peak, wider where the years are few, never below
the 50/50, and the weather band ordered."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.zones.peak_quantiles import PRIOR_LOG_SD, predictive_peak


@pytest.mark.parametrize("n", [2, 3, 5])
def test_next_seasons_peak_tops_the_90_10_about_a_tenth_of_the_time(n):
    """Seasons drawn from one log-normal weather (the prior's spread): the share of next
    seasons above the 90/10 of the n before them is near 10%, where the 90th percentile of
    the n peaks themselves is topped 25-35% of the time (fuzz 11a, D2)."""
    rng = np.random.default_rng(5)
    sd = PRIOR_LOG_SD["summer"]
    trials = 4000
    seasons = 5000.0 * np.exp(rng.normal(0.0, sd, size=(trials, n + 1)))
    above = np.mean([s[-1] > predictive_peak(s[:-1], "summer", 0.9) for s in seasons])
    sample = np.mean([s[-1] > np.quantile(s[:-1], 0.9) for s in seasons])
    assert 0.06 < above < 0.14
    assert sample > 0.2


def test_two_weather_years_give_a_wider_band_than_five_alike():
    """Two years that happen to agree are weaker evidence of a calm season than five: the
    band widens as the years get fewer (it had narrowed: fuzz 11a, D3)."""
    two = predictive_peak(np.array([5000.0, 5010.0]), "summer", 0.9) / 5005.0
    five = predictive_peak(np.array([4990.0, 5000.0, 5005.0, 5010.0, 5020.0]), "summer",
                           0.9) / 5005.0
    assert two > five > 1.0


def test_one_weather_year_gets_the_priors_band():
    assert predictive_peak(np.array([5000.0]), "winter", 0.9) > 5000.0 * (
        1 + PRIOR_LOG_SD["winter"])


@settings(max_examples=60, deadline=None)
@given(peaks=st.lists(st.floats(100.0, 1e5), min_size=1, max_size=20),
       season=st.sampled_from(["summer", "winter"]))
def test_the_weather_band_is_ordered_about_the_50_50(peaks, season):
    p = np.asarray(peaks)
    p05, p90, p95 = (predictive_peak(p, season, q) for q in (0.05, 0.9, 0.95))
    assert p05 <= np.median(p) <= p90 <= p95
