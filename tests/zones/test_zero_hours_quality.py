"""Hours of zero load (a zone that stopped reporting) are counted as zero or negative
(``not_load_hours``, the report's "Zero or negative"), not as screened outliers: the outlier
count is the positive values the screen removed, and every hour is counted once."""

from __future__ import annotations

import pandas as pd

from forecasting.zones.history import build_history
from forecasting.zones.read import read_zone_files
from tests.zones.synthetic import hourly_load, write_load

SPIKES = ("2023-03-15 15:00", "2023-09-20 04:00")


def test_48_zero_hours_are_not_load_and_two_spikes_are_the_outliers(tmp_path):
    series = hourly_load(900.0, start="2023-01-01", end="2023-12-31 23:00")
    series[pd.date_range("2023-06-10", periods=48, freq="h")] = 0.0
    for spike in SPIKES:
        series[spike] *= 10.0
    write_load(tmp_path / "XX.csv", series)
    quality = build_history(read_zone_files([tmp_path / "XX.csv"])).quality()
    assert quality["hours"] == len(series)
    assert quality["not_load_hours"] == 48
    assert quality["outlier_hours"] == 2
    assert [e["time"] for e in quality["outlier_examples"]] == ["2023-03-15T15:00Z",
                                                               "2023-09-20T04:00Z"]
    assert quality["absent_hours"] == 0
    assert quality["evidence_hours"] == len(series) - 50
    assert (quality["evidence_hours"] + quality["absent_hours"] + quality["outlier_hours"]
            + quality["not_load_hours"]) == quality["hours"]
    assert quality["longest_gap"] == {"first": "2023-06-10T00:00Z", "last": "2023-06-11T23:00Z",
                                      "hours": 48}
