"""A stray date (`forecasting.series.sampling.check_no_stray_date`): a monthly, daily or annual
row whose year was mistyped (2203-05 for 2023-05) is refused naming its file, row and column;
before, the series ran 2020-01..2203-05 and the far point pinned the regime slope. An hourly
file's stray hour is refused the same way (fuzz 14 D2: a zone run had refused such a file
as one whose evidence "stops" at 2024-12, naming no row). Dates merely far apart from each
other, and hours around a half-year hole, are not refused."""

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


def hourly_rows(first: str = "2023-01-01 00:00", last: str = "2023-03-31 23:00") -> list[str]:
    hours = pd.date_range(first, last, freq="h")
    return [f"{t:%Y-%m-%d %H:%M:%S},{1000 + t.hour}" for t in hours]


@pytest.mark.parametrize(("stray", "row"), [("2203-02-10 05:00:00", 1000),
                                            ("1923-02-10 05:00:00", 1000)])
def test_an_hourly_files_mistyped_year_is_refused_naming_its_row(write_csv, stray, row):
    rows = hourly_rows()
    rows[row - 1] = f"{stray},1000"  # 2023-02-11 15:00 written with a wrong year
    path = write_csv("hourly.csv", header="time,load_mw", rows=rows)
    with pytest.raises(InputError) as caught:
        load_series(path, freq="M")
    message = str(caught.value)
    assert f"hourly.csv, row {row}, field 'time'" in message
    assert stray[:13] in message and "mistyped year" in message


def test_hours_around_a_long_hole_are_kept(write_csv):
    # three months, a half-year hole, three months: the hole is shorter than the rest spans
    rows = hourly_rows() + hourly_rows("2023-10-01 00:00", "2023-12-31 23:00")
    path = write_csv("hourly.csv", header="time,load_mw", rows=rows)
    series, _ = load_series(path, freq="M")
    assert [str(p) for p in series.dropna().index] == [
        "2023-01", "2023-02", "2023-03", "2023-10", "2023-11", "2023-12"]
