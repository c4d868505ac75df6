"""PJM local hour-ending labels around DST changes, on tiny synthetic files.

PJM labels the end of each local hour. On 2017-11-05 (fall-back) the local hour 01:00-02:00
happens twice, so the label 02:00 appears twice: first EDT, then EST. On 2017-03-12
(spring-forward) the local hour 02:00-03:00 does not exist, so there is no 03:00 label, and
that absence is not a gap.
"""

from __future__ import annotations

import pandas as pd

from forecasting.series.clean import clean
from forecasting.series.read import read_series
from forecasting.series.resample import resample_with_report

HEADER = "Datetime,DOM_MW"

# unsorted like the real file: each day's 00:00 label (hour ending 24:00) comes last
FALL = [
    "2017-11-05 01:00:00,101",
    "2017-11-05 02:00:00,102",
    "2017-11-05 02:00:00,103",
    "2017-11-05 03:00:00,104",
    "2017-11-05 00:00:00,100",
]
SPRING = [
    "2017-03-12 01:00:00,201",
    "2017-03-12 02:00:00,202",
    "2017-03-12 04:00:00,204",
    "2017-03-12 05:00:00,205",
    "2017-03-12 00:00:00,200",
]


def hours(start: str, n: int) -> pd.DatetimeIndex:
    return pd.date_range(start, periods=n, freq="h", tz="UTC", name="hour_start_utc")


def test_fall_back_repeated_hour_is_edt_then_est(write_csv):
    raw = read_series(write_csv("fall.csv", header=HEADER, rows=FALL))
    # hour ending 00:00 EDT on Nov 5 starts at 23:00 EDT on Nov 4 = 03:00 UTC
    assert raw.values.index.equals(hours("2017-11-05 03:00", 5))
    assert raw.values.tolist() == [100.0, 101.0, 102.0, 103.0, 104.0]
    assert raw.reads[0].repeated_local_hours == ["2017-11-05 02:00:00"]
    cleaned, report = clean(raw)
    assert (report.duplicates, report.missing, report.outliers) == (0, 0, 0)


def test_spring_forward_missing_label_is_not_a_gap(write_csv):
    raw = read_series(write_csv("spring.csv", header=HEADER, rows=SPRING))
    assert raw.values.index.equals(hours("2017-03-12 04:00", 5))
    assert raw.values.tolist() == [200.0, 201.0, 202.0, 204.0, 205.0]
    _, report = clean(raw)
    assert (report.duplicates, report.missing) == (0, 0)


def test_both_changes_in_one_unsorted_file(write_csv):
    raw = read_series(write_csv("both.csv", header=HEADER, rows=FALL + SPRING))
    spring, fall = raw.values.iloc[:5], raw.values.iloc[5:]
    assert spring.index.equals(hours("2017-03-12 04:00", 5))
    assert fall.index.equals(hours("2017-11-05 03:00", 5))
    assert fall.tolist() == [100.0, 101.0, 102.0, 103.0, 104.0]


def test_a_label_in_the_nonexistent_hour_is_dropped_and_reported(write_csv):
    rows = SPRING + ["2017-03-12 03:00:00,203"]  # the hour 02:00-03:00 local never happened
    raw = read_series(write_csv("odd.csv", header=HEADER, rows=rows))
    assert raw.reads[0].nonexistent_rows == [6]
    assert 203.0 not in raw.values.tolist() and len(raw.values) == 5


def test_a_third_repeat_becomes_a_reported_duplicate(write_csv):
    rows = FALL + ["2017-11-05 02:00:00,113"]
    _, report = clean(read_series(write_csv("three.csv", header=HEADER, rows=rows)))
    assert report.duplicates == 1
    assert report.duplicate_times == ["2017-11-05T06:00:00+00:00"]  # 01:00 EST, mean 108


def day_rows(labels: list[str]) -> list[str]:
    return [f"{label},{i + 1}" for i, label in enumerate(labels)]


def test_local_days_have_25_and_23_hours(write_csv):
    fall_day = pd.date_range("2017-11-05 01:00", "2017-11-06 00:00", freq="h")
    fall = [t.strftime("%Y-%m-%d %H:%M:%S") for t in fall_day]
    fall.insert(2, fall[1])  # the repeated 02:00
    spring_day = pd.date_range("2017-03-12 01:00", "2017-03-13 00:00", freq="h")
    spring = [t.strftime("%Y-%m-%d %H:%M:%S") for t in spring_day if t.hour != 3]
    assert (len(fall), len(spring)) == (25, 23)

    for labels, day in ((fall, "2017-11-05"), (spring, "2017-03-12")):
        path = write_csv(f"{day}.csv", header=HEADER, rows=day_rows(labels))
        cleaned, _ = clean(read_series(path))
        total, report = resample_with_report(cleaned, "D", "sum")
        n = len(labels)
        assert [str(p) for p in total.index] == [day]
        assert total.iloc[0] == n * (n + 1) / 2  # every hour counted once, none invented
        assert not report.partial and not report.dropped_edges
