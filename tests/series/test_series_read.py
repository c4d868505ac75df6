"""Reading files: conventions of each format, and an `InputError` for every bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.errors import InputError
from forecasting.series.read import read_series

PJM_HEADER = "Datetime,DOM_MW"


def utc(*stamps: str) -> pd.DatetimeIndex:
    return pd.DatetimeIndex(stamps).tz_localize("UTC")


def test_eia930_hour_ending_utc_becomes_hour_start(write_csv):
    path = write_csv(
        "eia.csv",
        header="date_time,raw demand (MW),category,cleaned demand (MW)",
        rows=["2020-01-01 00:00:00,MISSING,MISSING,11775", "2020-01-01 01:00:00,11476,OKAY,11476"],
    )
    raw = read_series(path)
    assert (raw.format, raw.freq, raw.unit) == ("eia930", "H", "MW")
    assert raw.values.index.equals(utc("2019-12-31 23:00", "2020-01-01 00:00"))
    assert raw.values.tolist() == [11775.0, 11476.0]
    assert raw.reads[0].source_flags == {"MISSING": 1}
    assert raw.origin["label"].tolist() == ["2020-01-01 00:00:00", "2020-01-01 01:00:00"]


def test_generic_periods(write_csv):
    years = read_series(
        write_csv("y.csv", header="year,twh", rows=["2021,1.5", "2020,1"]),
        date_col="year",
        value_col="twh",
    )
    assert years.freq == "Y" and isinstance(years.values.index, pd.PeriodIndex)
    assert [str(p) for p in years.values.index] == ["2020", "2021"]  # sorted
    months = read_series(
        write_csv("m.csv", header="m,v", rows=["2023-01,1", "2023/2,2"]),
        date_col="m",
        value_col="v",
    )
    assert months.freq == "M" and [str(p) for p in months.values.index] == ["2023-01", "2023-02"]
    days = read_series(
        write_csv("d.csv", header="d,v", rows=["2023-01-01,1", "2023-01-02,2"]),
        date_col="d",
        value_col="v",
    )
    assert days.freq == "D" and str(days.values.index[1]) == "2023-01-02"
    midnights = read_series(
        write_csv("d2.csv", header="d,v", rows=["2023-01-01 00:00:00,1", "2023-01-02 00:00:00,2"]),
        date_col="d",
        value_col="v",
    )
    assert midnights.freq == "D"


def test_generic_timestamps_with_offsets_or_a_source_zone(write_csv):
    aware = read_series(
        write_csv(
            "a.csv", header="t,v", rows=["2023-01-01T00:00:00+01:00,1", "2023-01-01T00:00Z,2"]
        ),
        date_col="t",
        value_col="v",
    )
    assert aware.values.index.equals(utc("2022-12-31 23:00", "2023-01-01 00:00"))
    local = read_series(
        write_csv("l.csv", header="t,v", rows=["2023-07-01 00:00,1"]),
        date_col="t",
        value_col="v",
        source_tz="America/New_York",
    )
    assert local.values.index.equals(utc("2023-07-01 04:00"))  # hour beginning, EDT


def test_missing_values_are_kept_as_nan_and_counted(write_csv):
    path = write_csv(
        "m.csv",
        header=PJM_HEADER,
        rows=[
            "2017-06-01 01:00:00,10",
            "2017-06-01 02:00:00,",
            "2017-06-01 03:00:00,NA",
            "",
            "2017-06-01 04:00:00,13",
        ],
    )
    raw = read_series(path)
    report = raw.reads[0]
    assert (report.rows, report.blank_lines, report.missing_values) == (4, 1, 2)
    assert report.missing_value_rows == [2, 3]
    assert np.isnan(raw.values.iloc[1]) and raw.origin["row"].tolist() == [1, 2, 3, 5]


# --- every bad input is an InputError naming file, row and field --------------------------


def bad(path, **kwargs) -> str:
    with pytest.raises(InputError) as err:
        read_series(path, **kwargs)
    text = str(err.value)
    assert str(path.name) in text
    return text


def test_non_numeric_value(write_csv):
    path = write_csv(
        "v.csv",
        header=PJM_HEADER,
        rows=["2017-01-01 01:00:00,1", "2017-01-01 02:00:00,2", "2017-01-01 03:00:00,abc"],
    )
    assert bad(path).endswith(", row 3, field 'DOM_MW': not a number: 'abc'")


def test_row_numbers_count_blank_lines(write_csv):
    path = write_csv(
        "v.csv", header=PJM_HEADER, rows=["2017-01-01 01:00:00,1", "", "2017-01-01 03:00:00,1e400"]
    )
    assert "row 3, field 'DOM_MW': not a number: '1e400'" in bad(path)


def test_unparseable_date(write_csv):
    path = write_csv(
        "d.csv", header=PJM_HEADER, rows=["2017-01-01 01:00:00,1", "2017-13-45 00:00,2"]
    )
    text = bad(path)
    assert "row 2, field 'Datetime': cannot parse date (expected YYYY-MM-DD HH:MM:SS)" in text
    assert text.endswith(": '2017-13-45 00:00'")


def test_missing_date(write_csv):
    path = write_csv("d.csv", header=PJM_HEADER, rows=["2017-01-01 01:00:00,1", ",2"])
    assert "row 2, field 'Datetime': missing date" in bad(path)


def test_timestamp_off_a_whole_minute(write_csv):
    path = write_csv("d.csv", header="t,v", rows=["2023-01-01 00:00,1", "2023-01-01 00:30:20,2"])
    assert "row 2, field 't': timestamp is not on a whole minute" in bad(
        path, date_col="t", value_col="v"
    )


def test_mixed_generic_date_forms(write_csv):
    path = write_csv("d.csv", header="year,v", rows=["2021,1", "2022,1", "2023-01,1"])
    text = bad(path, date_col="year", value_col="v")
    assert "row 3, field 'year': expected a year like row 1 ('2021'): '2023-01'" in text


def test_bad_month(write_csv):
    path = write_csv("d.csv", header="m,v", rows=["2023-12,1", "2023-13,1"])
    assert "row 2, field 'm': month must be 01 to 12" in bad(path, date_col="m", value_col="v")


def test_mixed_offsets(write_csv):
    path = write_csv("d.csv", header="t,v", rows=["2023-01-01T00:00Z,1", "2023-01-01 01:00,1"])
    assert "row 2, field 't'" in bad(path, date_col="t", value_col="v")


def test_unknown_header_and_unknown_format(write_csv):
    path = write_csv("h.csv", header="when,load", rows=["soon,1"])  # no column of dates
    assert "unrecognised header" in bad(path)
    assert "field 'format'" in bad(path, format="xlsx")
    assert "field 'source_tz'" in bad(
        path, date_col="when", value_col="load", source_tz="Mars/Base"
    )


def test_missing_empty_and_header_only_files(tmp_path, write_csv):
    assert bad(tmp_path / "none.csv").endswith("file not found")
    assert bad(write_csv("empty.csv", "")).endswith("file is empty (no header line)")
    assert bad(write_csv("header.csv", PJM_HEADER + "\n")).endswith("no data rows")
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"\xff\xfe\x00\x81\x9a,\x00\n\x93\x00\xff\n")
    assert "bin.csv: not a" in bad(binary)
