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


def load_areas(path):
    """PJM Data Miner with load areas: zone AEP is four load areas, AE one."""
    hours = pd.date_range("2024-01-01", periods=30, freq="h")
    rows = []
    for zone, areas in (("AE", ["AE"]), ("AEP", ["AEPAPT", "AEPIMP", "AEPKPT", "AEPOPT"])):
        for i, area in enumerate(areas):
            rows += [{"datetime_beginning_utc": t.strftime("%Y-%m-%d %H:%M"),
                      "mkt_region": "MIDATL" if zone == "AE" else "WEST", "zone": zone,
                      "load_area": area, "mw": 100.0 * (i + 1)} for t in hours]
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_the_column_named_is_the_one_telling_every_row_of_an_hour_apart(tmp_path):
    with pytest.raises(InputError) as raised:
        read_series(load_areas(tmp_path / "la.csv"))
    assert raised.value.field == "load_area"  # not mkt_region, which AEP's areas share
    assert read_series(tmp_path / "la.csv", area="AEPKPT").values.iloc[0] == 300.0


@pytest.mark.parametrize("area", ["AEP", "WEST"])
def test_an_area_made_of_finer_ones_is_refused_not_averaged(tmp_path, area):
    with pytest.raises(InputError) as raised:
        read_series(load_areas(tmp_path / "la.csv"), area=area)
    text = str(raised.value)
    assert raised.value.field == "--ba" and "keeps several rows an hour" in text
    assert "told apart by column 'load_area' (AEPAPT, AEPIMP, AEPKPT, AEPOPT)" in text


def test_a_date_column_with_an_unnamed_hour_beside_it_says_to_join_them(tmp_path):
    # a column named as an hour (HE, Hour, HourEnding) is joined to the date
    # (tests/series/test_date_and_hour_columns.py); one named otherwise is not guessed at
    days = pd.date_range("2024-01-01", periods=3, freq="D")
    lines = ["Date,Slot,Load"] + [f"{d:%m/%d/%Y},{h},{500 + h}" for d in days
                                  for h in range(1, 25)]
    (tmp_path / "dh.csv").write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError) as raised:
        read_series(tmp_path / "dh.csv", value_col="Load")
    assert raised.value.field == "Slot" and "date and hour together" in str(raised.value)
