"""Cleaning rules: duplicates, gaps and outliers are fixed *and* reported."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from forecasting.series.clean import CleaningRules, clean
from forecasting.series.read import RawSeries, read_series


def hourly(values, start="2023-01-01") -> RawSeries:
    index = pd.date_range(start, periods=len(values), freq="h", tz="UTC")
    return RawSeries.from_series(pd.Series(values, index=index, dtype=float))


def load_curve(hours: int, seed: int = 0) -> np.ndarray:
    """A plausible hourly load: 11 GW mean, daily swing, weekly swing, noise."""
    t = np.arange(hours)
    rng = np.random.default_rng(seed)
    return (
        11_000
        + 2_000 * np.sin(2 * np.pi * t / 24)
        + 500 * np.sin(2 * np.pi * t / 168)
        + rng.normal(0, 100, hours)
    )


def test_duplicates_are_merged_by_mean_and_listed():
    index = pd.DatetimeIndex(
        ["2023-01-01 00:00", "2023-01-01 01:00", "2023-01-01 01:00", "2023-01-01 02:00"], tz="UTC"
    )
    raw = RawSeries.from_series(pd.Series([1.0, 10.0, 20.0, 3.0], index=index))
    cleaned, report = clean(raw)
    assert cleaned.values.tolist() == [1.0, 15.0, 3.0]
    assert report.duplicates == 1
    assert report.duplicate_times == ["2023-01-01T01:00:00+00:00"]


def test_short_gaps_are_interpolated_long_gaps_stay_missing():
    values = np.arange(20, dtype=float)
    index = pd.date_range("2023-01-01", periods=20, freq="h", tz="UTC")
    keep = np.ones(20, dtype=bool)
    keep[[3, 4]] = False  # 2-hour gap: filled
    keep[10:15] = False  # 5-hour gap: left missing
    raw = RawSeries.from_series(pd.Series(values[keep], index=index[keep]))
    cleaned, report = clean(raw)
    assert cleaned.values.index.equals(index)
    assert cleaned.values.iloc[3:5].tolist() == [3.0, 4.0]
    assert cleaned.values.iloc[10:15].isna().all()
    assert (report.missing, report.missing_runs, report.filled, report.left_missing) == (7, 2, 2, 5)
    assert report.missing_first[:3] == [
        "2023-01-01T03:00:00+00:00",
        "2023-01-01T04:00:00+00:00",
        "2023-01-01T10:00:00+00:00",
    ]
    assert report.long_gaps == [
        {"start": "2023-01-01T10:00:00+00:00", "end": "2023-01-01T14:00:00+00:00", "steps": 5}
    ]
    _, wider = clean(raw, CleaningRules(max_gap=5))
    assert wider.filled == 7 and wider.left_missing == 0


def test_outliers_low_and_high_are_replaced_and_reported_but_peaks_are_not():
    values = load_curve(24 * 21)
    values[24 * 10 : 24 * 11] *= 1.45  # a heat-wave day: a real, high peak
    values[200] = 1_253.0  # a data error like PJM's 2009-12-12
    values[300] = 60_000.0  # a typo-like spike
    cleaned, report = clean(hourly(values))
    assert report.outliers == 2
    low, high = report.outlier_details  # in time order
    assert (low["rule"], low["value"], low["row"]) == ("low", 1253.0, 201)
    assert (high["rule"], high["value"]) == ("spread", 60000.0)
    assert low["replaced_by"] == pytest.approx((values[199] + values[201]) / 2, abs=1e-3)
    assert cleaned.values.iloc[200] == pytest.approx((values[199] + values[201]) / 2)
    assert report.outlier_times == [low["time"], high["time"]]
    assert report.filled == 2 and report.missing == 0
    json.dumps(report.to_dict())  # plain data, ready for a report file


def test_outlier_rules_can_be_tuned():
    values = load_curve(24 * 14)
    values[100] = 1_253.0
    _, report = clean(hourly(values), CleaningRules(low_fraction=0.05))
    assert report.outliers == 0  # above 5 % of the median and within 8 MADs of it
    _, report = clean(hourly(values), CleaningRules(low_fraction=0.05, k=3))
    assert report.outliers >= 1


def test_coarse_series_get_no_outlier_screening_and_no_filling():
    index = pd.PeriodIndex(["2019", "2020", "2022", "2023"], freq="Y")
    raw = RawSeries.from_series(pd.Series([1.0, 1.0, 100.0, 1.0], index=index), unit="TWh")
    cleaned, report = clean(raw)
    assert report.rules["outliers_applied"] is False and report.outliers == 0
    assert (report.missing, report.filled, report.left_missing) == (1, 0, 1)
    assert [str(p) for p in cleaned.values.index] == ["2019", "2020", "2021", "2022", "2023"]
    assert report.missing_first == ["2021"]


def test_real_pjm_file_bad_value_is_caught(pjm_file):
    cleaned, report = clean(read_series(pjm_file))
    assert report.outliers == 1
    (detail,) = report.outlier_details
    assert detail["label"] == "2009-12-12 00:00:00" and detail["value"] == 1253.0
    assert detail["time"] == "2009-12-12T04:00:00+00:00"  # hour ending 00:00 EST
    assert 11_000 < detail["replaced_by"] < 14_000
    assert report.duplicates == 0  # the repeated fall-back hours are EDT + EST
    # the fall-back hours PJM left out in 2005-2013 (2 per year) and 2010-12-10 00:00
    assert (report.missing, report.missing_runs, report.left_missing) == (19, 10, 0)
    assert cleaned.values.min() > 5_000
