"""A stray date (`forecasting.series.sampling.check_no_stray_date`): a monthly, daily or annual
row whose year was mistyped (2203-05 for 2023-05) is refused naming its file, row and column;
before, the series ran 2020-01..2203-05 and the far point pinned the regime slope. Dates
merely far apart from each other, and an hourly file's stray hour, are not refused."""

from __future__ import annotations

import pandas as pd
import pytest

from forecasting.errors import InputError
from forecasting.series import load_series


def monthly_rows(typo: dict[int, str] | None = None) -> list[str]:
    months = pd.period_range("2020-01", "2024-12", freq="M")
    dates = [f"{p}-01" for p in months]
    for i, date in (typo or {}).items():
        dates[i] = date
    return [f"{d},{1000 + i}" for i, d in enumerate(dates)]


@pytest.mark.parametrize(("at", "date", "row"), [(40, "2203-05-01", 41),
                                                 (0, "1920-01-01", 1)])
def test_a_mistyped_year_is_refused_naming_its_row(write_csv, at, date, row):
    path = write_csv("typo.csv", header="month,load_mw", rows=monthly_rows({at: date}))
    with pytest.raises(InputError) as caught:
        load_series(path)
    message = str(caught.value)
    assert "typo.csv" in message and f"row {row}" in message and "month" in message
    assert date[:7] in message and "mistyped year" in message


def test_an_annual_file_with_a_few_older_years_is_kept(write_csv):
    years = [1990, 2000, *range(2005, 2025)]  # a gap shorter than the rest of the file
    path = write_csv("annual.csv", header="year,twh", rows=[f"{y},{y - 1900}" for y in years])
    series, _ = load_series(path, freq="Y")
    assert series.notna().sum() == len(years)


def test_an_hourly_files_stray_hour_is_still_an_incomplete_month(write_csv):
    hours = pd.date_range("2023-01-01 00:00", "2023-03-31 23:00", freq="h")
    rows = [f"{t:%Y-%m-%d %H:%M:%S},1000" for t in hours] + ["2203-05-01 00:00:00,1000"]
    path = write_csv("hourly.csv", header="time,load_mw", rows=rows)
    series, _ = load_series(path, freq="M")
    assert series.dropna().index.max() == pd.Period("2023-03", "M")
