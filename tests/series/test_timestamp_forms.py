"""Load files as spreadsheets and utilities export them: US month/day/year timestamps (24- or
12-hour clock), year/month/day with slashes, day first when month first cannot be, ERCOT's
``24:00`` for a day's last hour, and a date column named ``Hour Ending``, all read to the
same UTC hour starts as ISO timestamps would be."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.errors import InputError
from forecasting.series.read import read_series

HOURS = pd.date_range("2024-01-30 20:00", periods=8, freq="h")  # crosses midnight


def write(path, header, labels, values=None):
    values = np.arange(len(labels), dtype=float) + 100 if values is None else values
    path.write_text(header + "\n" + "\n".join(f"{t},{v}" for t, v in
                                             zip(labels, values, strict=True)) + "\n")
    return path


@pytest.mark.parametrize("form", ["%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M %p", "%Y/%m/%d %H:%M",
                                  "%m/%d/%Y %I:%M:%S %p", "%d/%m/%Y %H:%M",
                                  "%d/%m/%Y %I:%M %p", "%m/%d/%y %I:%M:%S %p", "%d-%m-%Y %H:%M"])
def test_spreadsheet_timestamps_read_as_the_same_hours(tmp_path, form):
    labels = [t.strftime(form).replace("/0", "/").lstrip("0") if "%m/%d" in form
              else t.strftime(form) for t in HOURS]  # Excel drops leading zeros
    raw = read_series(write(tmp_path / "x.csv", "Date,Load", labels))
    assert list(raw.values.index) == list(HOURS.tz_localize("UTC"))
    assert raw.reads[0].time_convention == "UTC, hour beginning"
    assert list(raw.values) == [100.0 + i for i in range(len(HOURS))]


def test_hour_24_is_the_next_midnight_and_makes_the_file_hour_ending(tmp_path):
    # ERCOT's native load: 'Hour Ending' 01:00..24:00 of each day
    ends = pd.date_range("2024-01-31 01:00", periods=30, freq="h")
    labels = [(t - pd.Timedelta(hours=1)).strftime("%m/%d/%Y") + " 24:00" if t.hour == 0
              else t.strftime("%m/%d/%Y %H:%M") for t in ends]
    assert "01/31/2024 24:00" in labels
    for header in ("Hour Ending,ERCOT", "When,ERCOT"):  # by its name, or by its 24:00
        raw = read_series(write(tmp_path / "e.csv", header, labels))
        starts = (ends - pd.Timedelta(hours=1)).tz_localize("UTC")
        assert list(raw.values.index) == list(starts), header
        assert raw.reads[0].time_convention == "UTC, hour ending"
        assert list(raw.origin["label"])[23] == "01/31/2024 24:00"  # rows shown as written


def test_a_bad_row_in_a_us_file_names_the_row_and_the_form_the_others_use(tmp_path):
    labels = [t.strftime("%m/%d/%Y %H:%M") for t in pd.date_range("2024-01-30", periods=30,
                                                                    freq="h")]
    labels[5] = "13/45/2024 10:00"
    with pytest.raises(InputError) as raised:
        read_series(write(tmp_path / "x.csv", "Date,Load", labels))
    assert raised.value.row == 6 and raised.value.field == "Date"
    assert "cannot parse date (expected 01/31/2024 18:00 as the other rows)" in str(raised.value)
    assert str(raised.value).endswith("'13/45/2024 10:00'")


def test_us_days_are_daily(tmp_path):
    days = pd.date_range("2024-01-01", periods=40, freq="D")
    raw = read_series(write(tmp_path / "d.csv", "day,mwh", [f"{d.month}/{d.day}/{d.year}"
                                                            for d in days]))
    assert raw.freq == "D" and raw.values.index[0] == pd.Period("2024-01-01", "D")


@settings(max_examples=40, deadline=None)
@given(start=st.datetimes(min_value=pd.Timestamp("2000-01-01").to_pydatetime(),
                          max_value=pd.Timestamp("2030-01-01").to_pydatetime()),
       form=st.sampled_from(["%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M:%S %p", "%Y/%m/%d %H:%M:%S",
                             "%Y-%m-%dT%H:%M"]))
def test_any_hour_written_in_a_known_form_reads_back(tmp_path_factory, start, form):
    hours = pd.date_range(pd.Timestamp(start).floor("h"), periods=30, freq="h")
    path = write(tmp_path_factory.mktemp("f") / "x.csv", "t,v", [t.strftime(form) for t in hours])
    assert list(read_series(path).values.index) == list(hours.tz_localize("UTC"))


def test_ercot_hour_ending_labels_on_central_time_cross_both_dst_changes(tmp_path):
    # ERCOT's native load: 'Hour Ending' on Central prevailing time, the instant each hour
    # ends (no 02:00 on the spring day, 01:00 twice in autumn), a day's last hour 24:00
    starts = pd.concat([pd.Series(pd.date_range(day, periods=30, freq="h", tz="UTC"))
                        for day in ("2024-03-09 20:00", "2024-11-02 20:00")])
    ends = (pd.DatetimeIndex(starts) + pd.Timedelta(hours=1)).tz_convert("America/Chicago")
    labels = [(t - pd.Timedelta(days=1)).strftime("%m/%d/%Y 24:00") if t.hour == 0
              else t.strftime("%m/%d/%Y %H:%M") for t in ends]
    mw = np.arange(len(labels), dtype=float) + 40000
    raw = read_series(write(tmp_path / "ercot.csv", "Hour Ending,ERCOT", labels, mw),
                      source_tz="America/Chicago")
    assert list(raw.values.index) == list(pd.DatetimeIndex(starts))
    assert list(raw.values) == list(mw) and raw.reads[0].nonexistent_rows == []


def test_short_utc_offsets_that_change_with_dst_are_read(tmp_path):
    # PostgreSQL writes '2024-03-10 01:00:00-06' then '...-05' after the spring change
    hours = pd.date_range("2024-03-09 00:00", periods=72, freq="h", tz="UTC")
    local = hours.tz_convert("America/Chicago")
    labels = [t.strftime("%Y-%m-%d %H:%M:%S") + t.strftime("%z")[:3] for t in local]
    raw = read_series(write(tmp_path / "pg.csv", "time,load", labels))
    assert list(raw.values.index) == list(hours)


def test_a_utc_named_column_stays_utc_and_24_00_late_in_a_file_counts(tmp_path):
    hours = pd.date_range("2024-01-01 05:00", periods=30, freq="h")
    raw = read_series(write(tmp_path / "u.csv", "datetime_beginning_utc,mw",
                            hours.strftime("%m/%d/%Y %H:%M")), source_tz="America/New_York")
    assert list(raw.values.index) == list(hours.tz_localize("UTC"))
    # five-minute interval ends whose first 24:00 lies past the first 200 rows
    starts = pd.date_range("2023-12-31 00:00", periods=600, freq="5min")
    ends = starts + pd.Timedelta(minutes=5)
    labels = [(t - pd.Timedelta(days=1)).strftime("%m/%d/%Y 24:00") if t.hour == 0
              and t.minute == 0 else t.strftime("%m/%d/%Y %H:%M") for t in ends]
    assert labels.index("12/31/2023 24:00") > 200
    mw = np.arange(len(labels), dtype=float)
    raw = read_series(write(tmp_path / "m5.csv", "time,load", labels, mw))
    assert raw.reads[0].time_convention == "UTC, hour ending"
    assert np.allclose(raw.values.to_numpy(),
                       pd.Series(mw, index=starts).resample("h").mean().to_numpy())


def test_ercot_autumn_labels_without_a_spring_day_are_read_as_instants(tmp_path):
    starts = pd.date_range("2024-11-02 20:00", periods=30, freq="h", tz="UTC")
    ends = (starts + pd.Timedelta(hours=1)).tz_convert("America/Chicago")
    labels = [(t - pd.Timedelta(days=1)).strftime("%m/%d/%Y 24:00") if t.hour == 0
              else t.strftime("%m/%d/%Y %H:%M") for t in ends]
    raw = read_series(write(tmp_path / "a.csv", "Hour Ending,ERCOT", labels),
                      source_tz="America/Chicago")
    assert list(raw.values.index) == list(starts) and not raw.values.index.duplicated().any()
