"""A year whose months each miss one whole day is still a weather year (EIA-930 has no
reported hours on PJM's daylight-saving days, and its imputed values are not evidence);
a year missing an hour of every day is not (`weather_years.WEATHER_MONTH`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.zones.history import period_table
from forecasting.zones.weather_years import complete_years, weather_years


def _load(years=(2022, 2023)) -> pd.Series:
    index = pd.date_range(f"{years[0]}-01-01", f"{years[-1]}-12-31 23:00", freq="h", tz="UTC")
    hours = np.arange(len(index))
    mw = 1000 + 200 * np.sin(2 * np.pi * hours / 24) + 150 * np.cos(2 * np.pi * hours / 8766)
    return pd.Series(mw, index=index)


def test_a_missing_daylight_saving_day_in_march_and_november_keeps_the_year():
    load = _load()
    for day in ("2023-03-12", "2023-11-05"):  # PJM's DST days, EIA-930 MISSING and imputed
        load[day] = np.nan
    load["2023-11-06 00:00":"2023-11-06 01:00"] = np.nan  # its 25th and 26th hours
    assert list(complete_years(period_table(load, "M"))) == [2022, 2023]
    no_data_centers = pd.Series(0.0, index=pd.period_range("2022-01", "2023-12", freq="M"))
    wy = weather_years(load, no_data_centers)
    assert list(wy.years) == [2022, 2023]


def test_a_missing_day_in_february_keeps_the_year_but_an_hour_of_every_day_does_not():
    load = _load()
    load["2022-02-14"] = np.nan
    load[load.index.year == 2023] = load[load.index.year == 2023].where(
        load.index[load.index.year == 2023].hour != 17)
    assert list(complete_years(period_table(load, "M"))) == [2022]
