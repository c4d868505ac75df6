"""A time column named for the end of its interval ("Interval End", "End Time", "Period End",
"Date/Time (HE)", "DateTime HE": the usual names in meter and SCADA exports) is read as hour
ending, so each hour starts an hour before its label; found by fuzzing (read as hour
beginning: every hour, month boundary and DST change one hour late, exit 0). A name merely
holding the letters ("Weekend", "Legend") still reads as hour beginning."""

from __future__ import annotations

import pandas as pd
import pytest

from forecasting.series.read import read_series

LABELS = pd.date_range("2024-01-01 01:00", periods=72, freq="h")


def _read(tmp_path, time_column: str):
    path = tmp_path / "load.csv"
    pd.DataFrame({time_column: LABELS.strftime("%Y-%m-%d %H:%M"),
                  "Load (MW)": range(100, 172)}).to_csv(path, index=False)
    return read_series(path)


@pytest.mark.parametrize("name", ["Interval End", "End Time", "Period End", "Date/Time (HE)",
                                  "DateTime HE", "IntervalEnd", "Hour Ending", "HE",
                                  "datetime_ending"])
def test_a_column_named_for_the_interval_end_is_read_as_hour_ending(tmp_path, name):
    raw = _read(tmp_path, name)
    assert raw.reads[0].time_convention == "UTC, hour ending"
    first = raw.values.index[0]
    assert first == pd.Timestamp(LABELS[0], tz="UTC") - pd.Timedelta(hours=1)


@pytest.mark.parametrize("name", ["Timestamp", "Weekend", "Legend", "Start Time"])
def test_a_name_not_saying_end_is_read_as_hour_beginning(tmp_path, name):
    raw = _read(tmp_path, name)
    assert raw.reads[0].time_convention == "UTC, hour beginning"
    assert raw.values.index[0] == pd.Timestamp(LABELS[0], tz="UTC")
