"""read -> combine -> clean -> resample in one call, on synthetic and real files."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from forecasting.errors import InputError
from forecasting.series import load_series, read_series

EIA_HEADER = "date_time,cleaned demand (MW)"


def eia_rows(start: str, values) -> list[str]:
    stamps = pd.date_range(start, periods=len(values), freq="h")
    return [f"{t:%Y-%m-%d %H:%M:%S},{v}" for t, v in zip(stamps, values, strict=True)]


def test_later_file_wins_and_the_overlap_is_reported(write_csv):
    first = write_csv("a.csv", header=EIA_HEADER, rows=eia_rows("2023-01-01 01:00", [1] * 6))
    second = write_csv("b.csv", header=EIA_HEADER, rows=eia_rows("2023-01-01 04:00", [2] * 6))
    hours, report = load_series([first, second], freq="H", agg="mean")
    assert hours.tolist() == [1, 1, 1, 2, 2, 2, 2, 2, 2]
    (overlap,) = report.overlaps
    assert (overlap.steps, overlap.differing, overlap.max_abs_diff) == (3, 3, 1.0)
    assert overlap.earlier.endswith("a.csv") and overlap.later.endswith("b.csv")
    assert overlap.first == "2023-01-01T03:00:00+00:00"  # hour ending 04:00 UTC
    assert report.files == [str(first), str(second)]


def test_a_later_file_with_holes_is_completed_by_the_earlier(write_csv):
    first = write_csv("a.csv", header=EIA_HEADER, rows=eia_rows("2023-01-01 01:00", [1] * 10))
    rows = eia_rows("2023-01-01 01:00", [2] * 10)
    del rows[4:8]
    second = write_csv("b.csv", header=EIA_HEADER, rows=rows)
    hours, report = load_series([first, second], freq="H")
    assert hours.tolist() == [2, 2, 2, 2, 1, 1, 1, 1, 2, 2]
    assert report.cleaning.missing == 0


def test_files_of_different_kinds_cannot_be_combined(write_csv):
    hourly = write_csv("h.csv", header="t,v", rows=["2023-01-01 01:00,1"])
    yearly = write_csv("y.csv", header="t,v", rows=["2023,1"])
    with pytest.raises(InputError) as err:
        load_series([hourly, yearly], date_col="t", value_col="v")
    assert "y.csv: cannot combine: its frequency Y differs from H of " in str(err.value)
    with pytest.raises(InputError, match="no input file"):
        load_series([])


def test_report_is_plain_data_and_readable(write_csv):
    values = list(np.full(24 * 40, 100))
    values[500] = 5  # an outlier
    path = write_csv("a.csv", header=EIA_HEADER, rows=eia_rows("2023-01-01 01:00", values))
    series, report = load_series(path, freq="M", agg="max", period_tz="UTC")
    assert series.tolist() == [100.0] and str(series.index[0]) == "2023-01"
    as_dict = report.to_dict()
    json.dumps(as_dict)
    assert set(as_dict) == {"files", "reads", "overlaps", "zeros", "cleaning", "resampling"}
    assert as_dict["cleaning"]["outliers"] == 1
    text = "\n".join(report.summary())
    assert "outliers: 1" in text and "incomplete edge periods dropped: 2023-02" in text


def test_real_dom_eia930_monthly_and_annual(dom_eia_files):
    monthly, report = load_series(dom_eia_files, freq="M", agg="mean")
    assert (str(monthly.index[0]), str(monthly.index[-1])) == ("2018-10", "2024-12")
    assert len(monthly) == 75 and not monthly.isna().any()
    assert monthly.between(9_000, 17_500).all()  # shoulder months of 2019-20 dip to ~9.5 GW
    (overlap,) = report.overlaps
    assert overlap.steps == 24 * 274  # 2020-01..2020-09
    assert (overlap.first, overlap.last) == (
        "2019-12-31T23:00:00+00:00",
        "2020-09-30T22:00:00+00:00",
    )
    assert (report.cleaning.duplicates, report.cleaning.missing, report.cleaning.outliers) == (
        0,
        0,
        0,
    )
    assert report.resampling.dropped_edges[0]["period"] == "2018-09"  # 5 hours, local time

    annual, _ = load_series(dom_eia_files, freq="Y", agg="mean")
    assert [str(p) for p in annual.index] == [str(y) for y in range(2019, 2025)]
    assert annual["2019"] == pytest.approx(11_700, abs=100)  # README: 11.7 GW in 2019
    assert annual["2024"] == pytest.approx(14_200, abs=100)  # README: 14.2 GW in 2024


def test_real_pjm_read_is_fast_enough(pjm_file):
    import time

    start = time.perf_counter()
    raw = read_series(pjm_file)
    assert time.perf_counter() - start < 5
    assert len(raw.values) == 116_189 and raw.format == "pjm"
    assert raw.reads[0].repeated_local_hours == [
        "2014-11-02 02:00:00",
        "2015-11-01 02:00:00",
        "2016-11-06 02:00:00",
        "2017-11-05 02:00:00",
    ]
