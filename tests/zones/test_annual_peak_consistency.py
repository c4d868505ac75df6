"""The annual peak agrees with the 50/50 and 90/10 of the same run
(`weather_years.annual_peaks`, `typical_base`): a path's peak of the year takes its level,
not the largest of its independently noised months. Synthetic weather years built by hand
and synthetic paths (`synthetic_weather`); no zone run."""

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.zones.history import hours_in
from forecasting.zones.weather_years import (
    WeatherYears,
    annual_peaks,
    monthly_peaks,
    seasonal_peaks,
)
from tests.zones.synthetic_weather import PROFILE, noisy_paths, weather

YEAR = pd.period_range("2030-01", "2030-12", freq="M")
TWO_YEARS = pd.period_range("2030-01", "2031-12", freq="M")


def season_values(table: pd.DataFrame, year: int, column: str) -> float:
    return float(table[table["year"] == year][column].max())


def one_level(seed: int, n: int, noise: float) -> np.ndarray:
    """(n, 12) base MW of 2030: 1000 x PROFILE, each month with its own draw within
    +-2 ``noise``, every path with the same annual energy (each path's draws less their
    energy-weighted mean)."""
    draw = np.random.default_rng(seed).uniform(-noise, noise, (n, 12))
    weight = PROFILE * hours_in(YEAR)
    draw -= (draw @ weight / weight.sum())[:, None]
    return 1000.0 * PROFILE * (1 + draw)


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), n_years=st.integers(5, 8), copies=st.integers(1, 3),
       noise=st.floats(0.0, 0.15), dc=st.floats(0.0, 300.0), amplitude=st.floats(0.0, 0.2))
def test_the_annual_p50_sits_between_the_larger_50_50_and_the_larger_90_10(
        seed, n_years, copies, noise, dc, amplitude):
    """Paths with one annual level and independent monthly noise, every weather year drawn
    by as many paths: the annual P50 is at least the larger 50/50 (a year's peak is at least
    each of its seasons') and at most the larger 90/10 (at most a fifth of five or more
    weather years exceed either 90/10, so half peak under both). The largest of the noisy
    months, published before, was above the 90/10."""
    wy = weather(seed, n_years)
    n = copies * n_years
    base = one_level(seed + 1, n, noise)
    dcs = np.full((n, 12), dc)
    amp = np.full(n, amplitude)
    drawn = (np.arange(n) % n_years)[:, None]
    total, _, _ = annual_peaks(wy, YEAR, base, dcs, amp, drawn)
    p50 = float(np.median(total[:, 0]))
    table = seasonal_peaks(wy, YEAR, base, dcs, amp, "s")
    assert p50 >= season_values(table, 2030, "peak_50_50_mw") * (1 - 1e-9)
    assert p50 <= season_values(table, 2030, "peak_90_10_mw") * (1 + 1e-9)


def test_the_largest_noisy_month_was_above_the_90_10():
    """The defect: with the energy widening's independent monthly draws (here +-30%), the
    largest of a path's twelve monthly peaks has a P50 above the larger 90/10; the annual
    peak at the path's level does not."""
    wy = weather(7, 5)
    n = 200
    base = noisy_paths(8, n, YEAR, 0.3)
    zeros = np.zeros((n, 12))
    drawn = (np.arange(n) % 5)[:, None]
    by_month, _, _ = monthly_peaks(wy, YEAR, base, zeros, np.zeros(n), drawn)
    annual, _, _ = annual_peaks(wy, YEAR, base, zeros, np.zeros(n), drawn)
    table = seasonal_peaks(wy, YEAR, base, zeros, np.zeros(n), "s")
    larger_90_10 = season_values(table, 2030, "peak_90_10_mw")
    assert np.median(by_month.max(axis=1)) > 1.1 * larger_90_10
    assert np.median(annual[:, 0]) <= larger_90_10


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), n_years=st.integers(1, 5), n=st.integers(1, 30),
       noise=st.floats(0.0, 0.5), spread=st.floats(0.0, 0.5), flat=st.booleans(),
       measured=st.floats(0.0, 5000.0))
def test_an_annual_peak_is_never_below_the_years_average(seed, n_years, n, noise, spread,
                                                         flat, measured):
    """Per path and component, the annual peak is at least the year's average MW (the
    total's: the published energy's when given), and the total at least the hour already
    measured in a month of the year partly in the history."""
    wy = weather(seed, n_years, 0.3)
    if flat:  # no hour above the month's average: only the floor can hold the peak up
        wy = WeatherYears(wy.years, np.where(np.isnan(wy.shapes), np.nan, 1.0), wy.local_hour,
                          wy.average)
    wy = WeatherYears(wy.years, wy.shapes, wy.local_hour, wy.average,
                      observed=pd.Series([measured], index=TWO_YEARS[:1]))
    rng = np.random.default_rng(seed + 4)
    base = noisy_paths(seed + 5, n, TWO_YEARS, noise, spread)
    dc = rng.uniform(0.0, 500.0, (n, 24))
    published = (base + dc) * rng.uniform(1.0, 1.2, (n, 24))  # an energy floor raised it
    drawn = rng.integers(0, n_years, (n, 2))
    total, base_pk, dc_pk = annual_peaks(wy, TWO_YEARS, base, dc, rng.uniform(0, 0.3, n),
                                         drawn, average=published)
    hours = hours_in(TWO_YEARS)
    for j in range(2):
        share = hours[12 * j:12 * j + 12] / hours[12 * j:12 * j + 12].sum()
        for peak, mw in ((total, published), (base_pk, base), (dc_pk, dc)):
            assert (peak[:, j] >= mw[:, 12 * j:12 * j + 12] @ share * (1 - 1e-12)).all()
    assert (total[:, 0] >= measured).all()


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(1, 30), noise=st.floats(0.0, 0.5),
       spread=st.floats(0.0, 0.5), change=st.floats(0.5, 1.5))
def test_the_annual_peak_follows_the_level_not_the_months_noise(seed, n, noise, spread,
                                                                change):
    """A year whose every path is the year before times ``change``, under the same weather
    year: every path's annual peak moves by that factor (a shrinking zone's peak falls)."""
    wy = weather(seed, 5)
    first = noisy_paths(seed + 6, n, YEAR, noise, spread)
    base = np.concatenate([first, change * first], axis=1)
    zeros = np.zeros_like(base)
    drawn = np.repeat(np.random.default_rng(seed).integers(0, 5, (n, 1)), 2, axis=1)
    total, _, _ = annual_peaks(wy, TWO_YEARS, base, zeros, np.zeros(n), drawn)
    np.testing.assert_allclose(total[:, 1], change * total[:, 0], rtol=1e-9)
