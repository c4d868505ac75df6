"""Every hour of the profile year has a value: a leap profile year's Feb 29 is drawn from
its weather year's Feb 28 when that year is common (an EIA-930 zone's weather years
2021-2023 hold no Feb 29), a leap weather year's February is cut to a common year's 28 days,
and each month still averages the forecast base (`weather_years.hourly_profile`); the
forecast month's calendar decides which days the peaks take too (`WeatherYears.in_month`)."""

import numpy as np
import pandas as pd

from forecasting.zones.weather_years import hourly_profile, weather_years

N_PATHS = 3
BASE_MW = 1000.0


def one_weather_year(year: int):
    """The weather years of a one-year synthetic zone (its only complete year: ``year``),
    every hour of its February a different value; no data-center load."""
    hours = pd.date_range(f"{year}-01-01", f"{year}-12-31 23:00", freq="h", tz="UTC")
    t = np.arange(len(hours))
    load = pd.Series(BASE_MW * (1 + 0.2 * np.sin(2 * np.pi * t / 24) + 1e-4 * t), index=hours)
    months = pd.period_range(f"{year}-01", f"{year}-12", freq="M")
    return weather_years(load, pd.Series(0.0, index=months))


def profile(weather_year: int, profile_year: int) -> pd.DataFrame:
    wy = one_weather_year(weather_year)
    assert list(wy.years) == [weather_year]
    months = pd.period_range(f"{profile_year}-01", f"{profile_year}-12", freq="M")
    base = np.full((N_PATHS, 12), BASE_MW)
    out = hourly_profile(wy, months, base, np.zeros((N_PATHS, 12)), np.zeros(N_PATHS),
                         np.zeros((N_PATHS, 1), dtype=int), year=profile_year,
                         scenario="s")
    return out.set_index(pd.to_datetime(out["hour_start_utc"], format="%Y-%m-%dT%H:%MZ"))


def test_a_leap_profile_year_from_a_common_weather_year_has_every_hour():
    out = profile(2022, 2024)
    assert len(out) == 8784 and out.index.is_unique
    assert out[["total_p50_mw", "base_p50_mw"]].notna().all().all()  # Feb 29 had been NaN
    feb28 = out.loc["2024-02-28", "base_p50_mw"].to_numpy()
    feb29 = out.loc["2024-02-29", "base_p50_mw"].to_numpy()
    np.testing.assert_allclose(feb29, feb28, rtol=1e-12)  # the same weather year's Feb 28
    monthly = out["base_p50_mw"].groupby(out.index.month).mean()
    np.testing.assert_allclose(monthly, BASE_MW, rtol=1e-12)  # still the month's base


def test_a_common_profile_year_from_a_leap_weather_year_keeps_28_days():
    out = profile(2020, 2025)
    assert len(out) == 8760 and out.index.is_unique
    assert out[["total_p50_mw", "base_p50_mw"]].notna().all().all()
    assert out.index[out.index.month == 2].day.max() == 28
    monthly = out["base_p50_mw"].groupby(out.index.month).mean()
    np.testing.assert_allclose(monthly, BASE_MW, rtol=1e-12)


def test_a_leap_weather_years_feb_29_is_no_peak_of_a_common_february():
    """A leap weather year's Feb 29 is a day a common February does not have: its hottest
    hour no longer sets the forecast's February, winter or annual peak of a common year; a
    leap forecast year keeps it."""
    from forecasting.zones.weather_years import annual_peaks, monthly_peaks, seasonal_peaks

    hours = pd.date_range("2020-01-01", "2020-12-31 23:00", freq="h", tz="UTC")
    load = pd.Series(BASE_MW, index=hours)
    load.loc["2020-02-29 18:00"] = 3 * BASE_MW  # the year's peak hour, on Feb 29
    wy = weather_years(load, pd.Series(0.0, index=pd.period_range("2020-01", "2020-12",
                                                                  freq="M")))
    months = pd.period_range("2027-01", "2028-12", freq="M")
    base = np.full((N_PATHS, len(months)), BASE_MW)
    zeros = np.zeros((N_PATHS, len(months)))
    drawn = np.zeros((N_PATHS, 2), dtype=int)
    total, _, _ = monthly_peaks(wy, months, base, zeros, np.zeros(N_PATHS), drawn)
    feb_2027, feb_2028 = total[0, 1], total[0, 13]
    assert feb_2027 < 1.01 * BASE_MW  # was 2.9x: the Feb 29 hour
    assert feb_2028 > 2.5 * BASE_MW
    annual, _, _ = annual_peaks(wy, months, base, zeros, np.zeros(N_PATHS), drawn)
    assert annual[0, 0] < 1.01 * BASE_MW and annual[0, 1] > 2.5 * BASE_MW
    winter = seasonal_peaks(wy, months, base, zeros, np.zeros(N_PATHS), "s")
    winter = winter[winter["season"] == "winter"].set_index("year")["peak_50_50_mw"]
    # winter 2026/27 has 2027's common February, winter 2027/28 the leap February of 2028
    assert winter[2026] < 1.01 * BASE_MW and winter[2027] > 2.5 * BASE_MW
