"""Timestamps with words around them, as utilities and ISOs export them: a leading weekday,
``a.m.``/``p.m.``, month names (Oracle's ``31-JAN-2024``), a zone name ending the stamp
(``UTC``, ``CST``/``CDT``: the offset it stands for, also after a US month/day/year form)
and ERCOT's ``DST`` mark on the repeated autumn hour. Each reads to the same UTC hour starts
as ISO timestamps."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.series.read import read_series

HOURS = pd.date_range("2024-01-30 20:00", periods=8, freq="h")  # crosses midnight


def write(path, header, labels):
    values = np.arange(len(labels), dtype=float) + 100
    path.write_text(header + "\n" + "\n".join(f'"{t}",{v}' for t, v in
                                             zip(labels, values, strict=True)) + "\n")
    return path


@pytest.mark.parametrize("form", [
    "%a %m/%d/%Y %H:%M",            # Tue 01/30/2024 20:00
    "%A, %B %d, %Y %I:%M %p",       # Tuesday, January 30, 2024 08:00 PM
    "%d-%b-%Y %H:%M",               # 30-Jan-2024 20:00
    "%Y-%m-%d %H:%M UTC",
    "%m/%d/%Y %H:%M UTC",
    "%m/%d/%Y %I:%M GMT",
])
def test_stamps_with_words_read_as_the_same_hours(tmp_path, form):
    labels = [t.strftime(form) for t in HOURS]
    if "%b" in form:
        labels = [label.upper() for label in labels]  # 30-JAN-2024
    if "%I" in form and "%p" not in form:
        labels = [t.strftime("%m/%d/%Y %H:%M GMT") for t in HOURS]
    raw = read_series(write(tmp_path / "x.csv", "Date,Load", labels), source_tz="America/Chicago"
                      if "UTC" in form or "GMT" in form else "UTC")
    assert list(raw.values.index) == list(HOURS.tz_localize("UTC"))  # a named zone wins
    assert list(raw.values) == [100.0 + i for i in range(len(HOURS))]


def test_dotted_meridiem(tmp_path):
    labels = [t.strftime("%m/%d/%Y %I:%M ") + ("a.m." if t.hour < 12 else "p.m.")
              for t in HOURS]
    raw = read_series(write(tmp_path / "x.csv", "Date,Load", labels))
    assert list(raw.values.index) == list(HOURS.tz_localize("UTC"))


def test_zone_abbreviations_place_the_autumn_hours_on_their_own(tmp_path):
    # a local export naming each hour's zone: 01:00 CDT and 01:00 CST are two hours
    starts = pd.date_range("2024-11-03 04:00", periods=6, freq="h", tz="UTC")
    local = starts.tz_convert("America/Chicago")
    labels = [t.strftime("%m/%d/%Y %H:%M ") + ("CDT" if t.dst() else "CST") for t in local]
    assert labels[2].endswith("01:00 CDT") and labels[3].endswith("01:00 CST")
    raw = read_series(write(tmp_path / "x.csv", "Date,Load", labels))
    assert list(raw.values.index) == list(starts)


def test_ercot_dst_mark_is_the_repeated_autumn_hour(tmp_path):
    # ERCOT's hour-ending labels on the fall-back day: hour ending 02:00 twice, the second
    # (01:00-02:00 standard time) marked DST
    # local hour starts 00:00 CDT, 01:00 CDT, 01:00 CST, 02:00 CST, 03:00 CST
    starts = pd.date_range("2024-11-03 05:00", periods=5, freq="h", tz="UTC")
    labels = ["11/03/2024 01:00", "11/03/2024 02:00", "11/03/2024 02:00DST",
              "11/03/2024 03:00", "11/03/2024 04:00"]
    raw = read_series(write(tmp_path / "x.csv", "Hour Ending,ERCOT", labels),
                      source_tz="America/Chicago")
    assert list(raw.values.index) == list(starts)
    assert list(raw.values) == [100.0, 101.0, 102.0, 103.0, 104.0]


def test_excel_serial_dates_in_a_date_column(tmp_path):
    # a spreadsheet's date column saved unformatted: days since 1899-12-30
    serials = [f"{(t - pd.Timestamp('1899-12-30')) / pd.Timedelta(days=1):.10f}" for t in HOURS]
    assert serials[4].startswith("45322.0")  # 2024-01-31 00:00
    raw = read_series(write(tmp_path / "x.csv", "Timestamp,Load", serials))
    assert list(raw.values.index) == list(HOURS.tz_localize("UTC"))
    assert list(raw.values) == [100.0 + i for i in range(len(HOURS))]


def test_serial_like_numbers_in_a_column_not_named_for_dates_are_not_dates(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("when,load,other\n" + "\n".join(
        f"{t:%Y-%m-%d %H:%M},{45000 + i},{i}" for i, t in enumerate(HOURS)) + "\n")
    from forecasting.errors import InputError
    with pytest.raises(InputError, match="several numeric columns"):
        read_series(path)


def test_lowercase_zone_names_are_read(tmp_path):
    labels = [t.strftime("%m/%d/%Y %H:%M ") + "cst" for t in HOURS]
    raw = read_series(write(tmp_path / "x.csv", "Date,Load", labels))
    assert list(raw.values.index) == list((HOURS + pd.Timedelta(hours=6)).tz_localize("UTC"))


@pytest.mark.parametrize("first", [1500, 1980])
def test_a_load_of_four_digits_is_not_taken_for_years(tmp_path, first):
    # when no column holds readable dates, a load running 1500, 1502, ... was read as the
    # years 1500.. (a traceback) or 1980.. (exit 0, a series of 95 "years")
    path = tmp_path / "x.csv"
    path.write_text("When,Load\n" + "\n".join(f"sometime {i},{first + 2 * i}"
                                              for i in range(120)) + "\n")
    from forecasting.errors import InputError
    with pytest.raises(InputError, match="no column holds dates"):
        read_series(path)
