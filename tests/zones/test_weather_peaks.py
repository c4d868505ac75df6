"""The 50/50 and 90/10 season peaks see a hot season's higher average, not only its sharper
hours, and never count growth between years as weather (`weather_years.WeatherYears.anomaly`)."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.zones.peak_check import held_out_peaks
from forecasting.zones.peak_quantiles import predictive_peak
from forecasting.zones.weather_years import seasonal_peaks, weather_years

HOURS = pd.date_range("2010-01-01", "2014-12-31 23:00", freq="h", tz="UTC")
YEAR_2030 = pd.period_range("2030-01", "2030-12", freq="M")


def daily_load(scale: np.ndarray) -> pd.Series:
    """One daily cycle every day, each month times ``scale[year - 2010, month - 1]``."""
    t = np.arange(len(HOURS))
    cycle = 1000.0 * (1 + 0.3 * np.sin(2 * np.pi * (t % 24) / 24))
    factor = scale[HOURS.year.to_numpy() - 2010, HOURS.month.to_numpy() - 1]
    return pd.Series(cycle * factor, index=HOURS)


NO_DATA_CENTER = pd.Series(0.0, index=pd.period_range("2010-01", "2014-12", freq="M"))


def peaks_at_typical_month(wy) -> pd.DataFrame:
    n = 3
    base = np.full((n, len(YEAR_2030)), 1000.0)
    dc = np.zeros((n, len(YEAR_2030)))
    return seasonal_peaks(wy, YEAR_2030, base, dc, np.zeros(n), "s").set_index("season")


def test_a_hotter_july_in_one_year_widens_the_summer_90_10():
    scale = np.ones((5, 12))
    scale[2, 6] = 1.08  # July 2012 ran 8% above the usual July, hour for hour
    wy = weather_years(daily_load(scale), NO_DATA_CENTER)
    assert wy.anomaly[2, 6] > 1.05 and np.allclose(np.delete(wy.anomaly[:, 6], 2), wy.anomaly[0, 6])
    summer = peaks_at_typical_month(wy).loc["summer"]
    # every year has the same shapes: without the anomaly all five summers peak alike
    assert summer["peak_90_10_mw"] > summer["peak_50_50_mw"] * 1.02
    assert summer["weather_p95_mw"] >= summer["peak_90_10_mw"]
    flat = peaks_at_typical_month(weather_years(daily_load(np.ones((5, 12))),
                                                NO_DATA_CENTER))
    # five alike summers leave only the prior's weather spread (`peak_quantiles`), narrower
    flat_ratio = flat.loc["summer", "peak_90_10_mw"] / flat.loc["summer", "peak_50_50_mw"]
    assert flat_ratio == pytest.approx(predictive_peak(np.ones(5), "summer", 0.9))
    assert 1.0 < flat_ratio < summer["peak_90_10_mw"] / summer["peak_50_50_mw"]


@settings(max_examples=25, deadline=None)
@given(growth=st.lists(st.floats(0.5, 2.0), min_size=5, max_size=5),
       season=st.lists(st.floats(0.7, 1.4), min_size=12, max_size=12))
def test_growth_between_years_is_not_weather(growth, season):
    """Years that differ only by their level (and share one seasonal pattern) have no anomaly,
    so their summers are alike and the 90/10 is the 50/50 widened by the prior's weather
    spread alone, as for identical years (`peak_quantiles`); any anomalies average 1."""
    scale = np.outer(growth, season)
    wy = weather_years(daily_load(scale), NO_DATA_CENTER)
    np.testing.assert_allclose(wy.anomaly, 1.0, rtol=1e-9)
    summer = peaks_at_typical_month(wy).loc["summer"]
    assert np.isclose(summer["peak_90_10_mw"] / summer["peak_50_50_mw"],
                      predictive_peak(np.ones(5), "summer", 0.9), rtol=1e-9)


@settings(max_examples=25, deadline=None)
@given(scale=st.lists(st.lists(st.floats(0.7, 1.4), min_size=12, max_size=12),
                      min_size=5, max_size=5))
def test_anomalies_average_one_over_the_years_and_order_the_peaks(scale):
    scale = np.asarray(scale)
    wy = weather_years(daily_load(scale), NO_DATA_CENTER)
    np.testing.assert_allclose(wy.anomaly.mean(axis=0), 1.0, rtol=1e-9)
    row = peaks_at_typical_month(wy).loc["summer"]
    assert row["weather_p05_mw"] <= row["peak_50_50_mw"] <= row["peak_90_10_mw"] \
        <= row["weather_p95_mw"]


def test_the_held_out_check_flags_the_hot_summer_and_only_it():
    """peak_check.csv: held out, the year with the hot July peaks above the 90/10 the other
    years give; a usual year held out does not, and sits at the 50/50."""
    scale = np.ones((5, 12))
    scale[2, 6] = 1.08
    check = held_out_peaks(daily_load(scale), NO_DATA_CENTER).set_index(["year", "season"])
    assert list(check.index.get_level_values("year").unique()) == [2010, 2011, 2012, 2013, 2014]
    # a winter Y/Y+1 holds out both years it spans (2014/15 has no January 2015: not checked)
    seasons = check["weather_years"].unstack("season")
    assert (seasons["summer"] == 4).all()
    assert list(seasons["winter"].dropna()) == [3, 3, 3, 3]
    hot = check.loc[(2012, "summer")]
    assert hot["above_90_10"] and hot["below"] == 4
    usual = check.drop((2012, "summer"))
    assert not usual["above_90_10"].any() and not usual["above_50_50"].any()
    np.testing.assert_allclose(usual.loc[(2010, "winter"), "actual_mw"],
                               usual.loc[(2010, "winter"), "peak_50_50_mw"], rtol=1e-9)
