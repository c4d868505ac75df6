"""Zeros of a load file (`forecasting.series.zeros`): no data when the file's other values
never come near zero (EIA-930's MISSING hours, written 0), values when the series comes down
to zero on its own (a data center's load before it opened) or holds nothing else."""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.series import load_series

EIA_HEADER = "date_time,cleaned demand (MW)"


def test_an_outage_written_as_zeros_is_no_data_not_load(write_csv):
    hours = pd.date_range("2023-01-01 01:00", periods=24 * 40, freq="h")  # hour ending, UTC
    load = 1000 + 200 * np.sin(2 * np.pi * np.arange(len(hours)) / 24)
    load[300:420] = 0  # five days not reported
    path = write_csv("zone.csv", header=EIA_HEADER,
                     rows=[f"{t:%Y-%m-%d %H:%M:%S},{v:.0f}" for t, v in zip(hours, load,
                                                                          strict=True)])
    series, report = load_series(path, freq="H")
    assert series.iloc[300:420].isna().all()  # before: 120 hours of 0 MW
    assert series.dropna().min() >= 800
    assert report.cleaning.outliers == 0  # before: hours next to the outage screened out
    (line,) = report.zeros.summary()
    assert line.startswith(f"120 zero value(s) (first {path} row 301, 2023-01-13 13:00:00) "
                           "taken as no data")


def test_a_series_that_comes_down_to_zero_keeps_its_zeros(write_csv):
    ramp = [0, 0, 0, 2, 10, 40, 90, 150, 200, 240, 260, 270, 280, 290, 300, 300]
    path = write_csv("dc.csv", header="month,mw",
                     rows=[f"2022-{1 + i % 12:02d}-01,{v}" if i < 12 else
                           f"2023-{1 + i % 12:02d}-01,{v}" for i, v in enumerate(ramp)])
    series, report = load_series(path, freq="M")
    assert series.tolist() == [float(v) for v in ramp]
    assert report.zeros.summary() == [
        f"3 zero value(s) (first {path} row 1, 2022-01-01) kept as values, since the file's "
        "values come near zero on their own (1st percentile 1% of the median, under 10%)"]
    zeros = write_csv("zeros.csv", header="month,mw", rows=[f"2022-{m:02d}-01,0"
                                                            for m in range(1, 7)])
    series, report = load_series(zeros, freq="M")
    assert series.tolist() == [0.0] * 6
    assert report.zeros.summary()[0].endswith("kept as values, since the file holds no "
                                              "positive value")
