"""A file that ends with a UTC year leaves a western zone's local December a few hours
short: the hours the record has not reached are not missing evidence, so the year stays a
weather year, in the run and in what the report counts, by one rule
(`forecasting.seasons.record_end_coverage`, which `weather_years.weather_years` and
`zone_render.weather_year_count` both take)."""

from __future__ import annotations

import pandas as pd

from forecasting.report.zone_render import weather_year_count
from forecasting.zones.history import period_table
from forecasting.zones.weather_years import weather_years
from tests.zones.synthetic import hourly_load

PACIFIC = "America/Los_Angeles"


def _no_data_center(load: pd.Series) -> pd.Series:
    return pd.Series(0.0, index=period_table(load, "M", PACIFIC).index)


def _load() -> pd.Series:
    load = hourly_load(1000.0, "2021-01-01", "2024-12-31 23:00")
    load.index = load.index.tz_localize("UTC")
    return load


def test_a_pacific_zone_keeps_its_last_year_when_the_file_ends_with_the_utc_year():
    load = _load()
    years = weather_years(load, _no_data_center(load), clock=PACIFIC).years
    assert list(years) == [2021, 2022, 2023, 2024]  # 2024's December: 736 of 744 hours


def test_a_month_short_inside_the_record_is_still_not_a_weather_month():
    load = _load()
    load[(load.index >= "2024-12-20") & (load.index < "2024-12-20 09:00")] = float("nan")
    years = weather_years(load, _no_data_center(load), clock=PACIFIC).years
    assert 2024 not in years  # 9 hours missing mid-month, beyond the record-end slack


def test_the_report_counts_the_same_weather_years():
    load = _load()
    history = period_table(load, "M", PACIFIC).reset_index(names="period")
    history["period"] = history["period"].astype(str)
    counted = weather_year_count(history, last_hour="2024-12-31T23:00Z", clock=PACIFIC)
    assert counted["years"] == [2021, 2022, 2023, 2024]
    assert 2024 not in weather_year_count(history, clock=PACIFIC)["years"]
