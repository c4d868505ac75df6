"""A winter is December of Y with January and February of Y + 1 ("winter Y/Y+1"), as planners
label it (`weather_years.season_months`): the held-out check's winter 2022/23 holds December
2022's peak, a growing forecast's winter sits between its two summers as its months do,
peaks.csv says the label and ends with the winter whose February is the last forecast month,
and a year's annual peak P50 still tops its summer's and its own winter months' 50/50.
Synthetic series and weather years built by hand; no zone run."""

import calendar

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.zones.annual_peak_floor import at_least_season_50_50
from forecasting.zones.peak_check import held_out_peaks
from forecasting.zones.weather_years import (
    SLOTS,
    WeatherYears,
    annual_peaks,
    calendar_winter_50_50,
    season_months,
    seasonal_peaks,
)
from tests.zones.synthetic_weather import noisy_paths, weather

HOURS = pd.date_range("2019-01-01", "2024-12-31 23:00", freq="h", tz="UTC")
NO_DATA_CENTER = pd.Series(0.0, index=pd.period_range("2019-01", "2024-12", freq="M"))
DECEMBER_2022 = 1900.0  # a Winter Storm Elliott: 24 December 2022
JANUARY_2022 = 2100.0   # winter 2021/22's, higher still


def test_the_held_out_winter_2022_23_holds_december_2022s_peak():
    """A daily cycle about 1000 MW with two cold hours: January 2022 (winter 2021/22) and
    December 2022 (winter 2022/23). The calendar year's winter 2022 had held both and
    reported January's."""
    t = np.arange(len(HOURS))
    load = pd.Series(1000.0 * (1 + 0.3 * np.sin(2 * np.pi * (t % 24) / 24)), index=HOURS)
    load.loc["2022-01-20 18:00"] = JANUARY_2022
    load.loc["2022-12-24 18:00"] = DECEMBER_2022
    check = held_out_peaks(load, NO_DATA_CENTER).set_index(["year", "season"])
    winter = check.loc[(2022, "winter")]
    assert winter["label"] == "2022/23"
    assert winter["actual_mw"] == DECEMBER_2022
    assert check.loc[(2021, "winter"), "actual_mw"] == JANUARY_2022
    assert check.loc[(2022, "summer"), "label"] == "2022"
    # winter 2024/25 has no January 2025 in the history: not checked
    assert (2024, "winter") not in check.index and (2024, "summer") in check.index


def flat_weather(years=(2010, 2011, 2012)) -> WeatherYears:
    """Weather years whose every month is the same daily cycle 1 + 0.3 sin (peak 1.3 x the
    month's base) at the same level: a season's peak is 1.3 x its largest month's base."""
    n = len(years)
    shapes = np.full((n, 12, SLOTS), np.nan)
    local = np.zeros((n, 12, SLOTS))
    for i, year in enumerate(years):
        for m in range(1, 13):
            k = 24 * calendar.monthrange(int(year), m)[1]
            shapes[i, m - 1, :k] = 1 + 0.3 * np.sin(2 * np.pi * np.arange(k) / 24)
            local[i, m - 1, :k] = np.arange(k) % 24
    return WeatherYears(np.asarray(years), shapes, local, np.ones((n, 12)))


def test_a_steeply_growing_forecast_puts_winter_y_y1_between_summer_y_and_summer_y1():
    """Base load growing 3% a month (42.6%/yr), weather alike in every month: summer Y
    peaks in September, winter Y/Y+1 in the February after, five months on, summer Y+1
    twelve. The calendar year's winter (January, February and December of Y) peaked in its
    December, three months after September."""
    months = pd.period_range("2030-01", "2032-12", freq="M")
    growth = 1.03
    base = np.tile(1000.0 * growth ** np.arange(len(months)), (3, 1))
    zeros = np.zeros_like(base)
    table = seasonal_peaks(flat_weather(), months, base, zeros, np.zeros(3), "s")
    p50 = table.set_index(["season", "year"])["peak_50_50_mw"]
    for year in (2030, 2031):
        assert p50["summer", year] < p50["winter", year] < p50["summer", year + 1]
        np.testing.assert_allclose(p50["winter", year] / p50["summer", year], growth ** 5,
                                   rtol=1e-9)


def test_peaks_csv_labels_its_winters_and_ends_with_the_last_whole_one():
    """History to December 2024, forecast to December 2030: winters 2024/25 (its December
    measured, the season never below it) to 2029/30; no winter 2030/31, whose January and
    February are not forecast; no row needs a month past the horizon."""
    months = pd.period_range("2025-01", "2030-12", freq="M")
    measured = 5000.0
    wy = weather(3, 4)
    wy = WeatherYears(wy.years, wy.shapes, wy.local_hour, wy.average,
                      observed=pd.Series(measured, index=pd.period_range("2024-01", "2024-12",
                                                                         freq="M")))
    base = noisy_paths(4, 20, months, 0.05)
    zeros = np.zeros_like(base)
    table = seasonal_peaks(wy, months, base, zeros, np.zeros(20), "s")
    assert list(table.columns[:4]) == ["scenario", "year", "season", "label"]
    winters = table[table["season"] == "winter"]
    assert list(winters["label"]) == ["2024/25", "2025/26", "2026/27", "2027/28", "2028/29",
                                      "2029/30"]
    assert list(table.loc[table["season"] == "summer", "label"]) == [
        str(y) for y in range(2025, 2031)]
    for season, year in zip(table["season"], table["year"], strict=True):
        assert season_months(season, int(year))[-1] <= months[-1]
    first = winters.iloc[0]
    assert first[["peak_50_50_mw", "peak_90_10_mw", "growth_p10_mw"]].min() >= measured
    assert (winters.iloc[1:]["peak_50_50_mw"] < measured).all()  # wholly forecast


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), n_years=st.integers(1, 5), n=st.integers(2, 30),
       noise=st.floats(0.0, 0.3), growth=st.floats(-0.3, 0.6))
def test_every_years_annual_peak_p50_tops_its_summer_and_its_winter_months(
        seed, n_years, n, noise, growth):
    """Any weather years, paths growing or shrinking across two years: after the floor
    (`annual_peak_floor`), each year's annual peak P50 is at least its summer 50/50 and the
    50/50 of its own January, February and December."""
    months = pd.period_range("2030-01", "2031-12", freq="M")
    wy = weather(seed, n_years)
    trend = (1 + growth) ** (np.arange(len(months)) / 12)
    base = noisy_paths(seed + 1, n, months, noise, 0.1) * trend
    dc = np.random.default_rng(seed).uniform(0.0, 300.0, base.shape)
    amp = np.full(n, 0.1)
    drawn = np.random.default_rng(seed + 2).integers(0, n_years, (n, 2))
    total, _, _ = annual_peaks(wy, months, base, dc, amp, drawn)
    table = seasonal_peaks(wy, months, base, dc, amp, "s")
    own_winter = calendar_winter_50_50(wy, months, base, dc, amp)
    raised = at_least_season_50_50(total, np.array([2030, 2031]), table, own_winter)
    summer = table[table["season"] == "summer"].set_index("year")["peak_50_50_mw"]
    for j, year in enumerate((2030, 2031)):
        p50 = float(np.median(raised[:, j]))
        assert p50 >= summer[year] * (1 - 1e-12)
        assert p50 >= own_winter[year] * (1 - 1e-12)
