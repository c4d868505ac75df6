"""A long file of several areas' loads (PJM Data Miner's hourly export, one row per zone and
hour) is never averaged into one series: it is refused naming the column and its areas, and
`--ba NAME` (`area`) keeps one area's rows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.errors import InputError
from forecasting.series.read import read_series

HOURS = pd.date_range("2024-01-01 05:00", periods=48, freq="h")


def data_miner(path, zones=(("PEPCO", 3000.0), ("BGE", 4000.0)), repeat_hours=0):
    """PJM Data Miner's layout: US 12-hour UTC stamps, one block of rows per zone."""
    def stamp(t):
        return f"{t.month}/{t.day}/{t.year} {(t.hour + 11) % 12 + 1}:00:00 " \
               f"{'AM' if t.hour < 12 else 'PM'}"
    parts = [pd.DataFrame({"datetime_beginning_utc": [stamp(t) for t in HOURS],
                           "nerc_region": "RFC", "zone": zone, "load_area": zone,
                           "mw": np.linspace(level, level + 470, len(HOURS)),
                           "is_verified": "True"}) for zone, level in zones]
    frame = pd.concat(parts, ignore_index=True)
    if repeat_hours:
        frame = pd.concat([frame, frame.iloc[:repeat_hours]], ignore_index=True)
    frame.to_csv(path, index=False)
    return path


def test_several_zones_in_one_file_are_refused_naming_the_column(tmp_path):
    with pytest.raises(InputError) as raised:
        read_series(data_miner(tmp_path / "hrl.csv"))
    error = raised.value
    assert error.field == "zone" and error.row == 49  # BGE's first row
    assert "holds 2 areas in column 'zone' (PEPCO, BGE)" in str(error) and "--ba" in str(error)


def test_ba_keeps_one_zones_rows(tmp_path):
    raw = read_series(data_miner(tmp_path / "hrl.csv"), area="bge")
    assert len(raw.values) == len(HOURS) and raw.values.iloc[0] == 4000.0
    assert raw.values.index[0] == HOURS[0].tz_localize("UTC")
    assert raw.origin["row"].iloc[0] == 49
    with pytest.raises(InputError) as raised:
        read_series(tmp_path / "hrl.csv", area="DPL")
    assert raised.value.field == "--ba" and "no column holds the area 'DPL'" in str(raised.value)


def test_one_zone_with_repeated_rows_is_still_one_series(tmp_path):
    # a single zone whose export repeats a quarter of its rows (same zone, same values):
    # no column tells areas apart, so it is one area's load with repeated rows
    raw = read_series(data_miner(tmp_path / "one.csv", zones=(("PEPCO", 3000.0),),
                                 repeat_hours=12))
    assert raw.values.index.duplicated().sum() == 12
