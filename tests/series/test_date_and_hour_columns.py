"""A date and its hour in two columns (MISO's ``Market Day`` + ``HourEnding``, CAISO's
``OPR_DT`` + ``OPR_HR``, ERCOT's ``DeliveryDate`` + ``HourEnding`` as ``01:00``, a
spreadsheet's ``Date,HE,Load``) are read as one timestamp: the load column is found without
``--value-col``, hour ending or beginning is told from the name and the numbers, and the
DST days of a local clock come out as their true hours whether the hours are numbered on the
wall clock (ERCOT: ``02`` twice in autumn) or as they pass (CAISO: 25 in autumn, 23 in
spring). Refused before: "the date column repeats with the hour in column 'HE'"."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.series.read import read_series
from tests.conftest import run_cli


def write(path, columns, rows):
    pd.DataFrame(rows, columns=columns).to_csv(path, index=False)
    return path


def values_for(starts: pd.DatetimeIndex) -> np.ndarray:
    return np.round(1000 + 100 * np.sin(np.arange(len(starts)) / 3.0), 1)


def test_date_and_hour_ending_in_utc(tmp_path):
    starts = pd.date_range("2024-01-30", periods=72, freq="h", tz="UTC")
    load = values_for(starts)
    rows = [(s.strftime("%m/%d/%Y"), s.hour + 1, v) for s, v in zip(starts, load, strict=True)]
    raw = read_series(write(tmp_path / "x.csv", ["Date", "HE", "Load"], rows))
    assert raw.values.index.equals(starts.rename("hour_start_utc"))
    assert np.array_equal(raw.values.to_numpy(), load)
    assert raw.reads[0].value_col == "Load" and raw.reads[0].date_col == "Date"


def test_hour_beginning_by_name_and_by_hour_zero(tmp_path):
    starts = pd.date_range("2024-01-30", periods=48, freq="h", tz="UTC")
    load = values_for(starts)
    for name in ("Hour Beginning", "Hour"):
        rows = [(s.strftime("%Y-%m-%d"), s.hour, v) for s, v in zip(starts, load, strict=True)]
        raw = read_series(write(tmp_path / "x.csv", ["Date", name, "MW"], rows))
        assert raw.values.index.equals(starts.rename("hour_start_utc")), name


def test_wall_clock_hour_ending_on_dst_days(tmp_path):
    # ERCOT: hour ending as a clock, 02:00 twice on the autumn day, no 03:00 in spring
    clock = "America/Chicago"
    starts = (pd.date_range("2024-03-09", "2024-03-11 23:00", freq="h", tz=clock)
              .append(pd.date_range("2024-11-02", "2024-11-04 23:00", freq="h", tz=clock)))
    load = values_for(starts)
    # the wall-clock convention: the label is the start's wall hour plus one
    rows = [(s.strftime("%m/%d/%Y"), f"{s.hour + 1:02d}:00", v)
            for s, v in zip(starts, load, strict=True)]
    assert sum(1 for d, h, _ in rows if d == "11/03/2024" and h == "02:00") == 2
    raw = read_series(write(tmp_path / "x.csv", ["DeliveryDate", "HourEnding", "Load"], rows),
                      source_tz=clock)
    assert raw.values.index.equals(starts.tz_convert("UTC").rename("hour_start_utc"))
    assert np.array_equal(raw.values.to_numpy(), load)


def test_hours_numbered_as_they_pass_on_dst_days(tmp_path):
    # CAISO: OPR_HR 1..25 on the autumn day, 1..23 in spring
    clock = "America/Los_Angeles"
    days = ["2024-03-10", "2024-03-11", "2024-11-03", "2024-11-04"]
    starts, rows = [], []
    for day in days:
        next_day = (pd.Timestamp(day) + pd.Timedelta(days=1)).tz_localize(clock)
        hours = pd.date_range(pd.Timestamp(day, tz=clock), next_day, freq="h",
                              inclusive="left")  # 25 hours in autumn, 23 in spring
        for number, start in enumerate(hours, start=1):
            starts.append(start)
            rows.append((day, number))
    starts = pd.DatetimeIndex(starts)
    load = values_for(starts)
    rows = [(d, h, v) for (d, h), v in zip(rows, load, strict=True)]
    assert max(h for d, h, _ in rows if d == "2024-11-03") == 25
    assert max(h for d, h, _ in rows if d == "2024-03-10") == 23
    raw = read_series(write(tmp_path / "x.csv", ["OPR_DT", "OPR_HR", "MW"], rows),
                      source_tz=clock)
    assert raw.values.index.equals(starts.tz_convert("UTC").rename("hour_start_utc"))
    assert np.array_equal(raw.values.to_numpy(), load)


@pytest.mark.parametrize("bad", ["HE3", "7.5", ""])
def test_a_row_whose_hour_is_not_an_hour_is_named(tmp_path, bad):
    rows = [("01/30/2024", h, 100.0 + h) for h in range(1, 25)]
    rows[6] = ("01/30/2024", bad, 106.0) if bad != "HE3" else ("01/30/2024", "HE7x", 106.0)
    done = run_cli("regimes", "--series", str(write(tmp_path / "x.csv",
                                                      ["Date", "HE", "Load"], rows)))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "row 7" in done.stderr, done.stderr


def test_a_backtest_runs_on_a_miso_layout(tmp_path):
    days = pd.date_range("2021-01-01", "2023-12-31", freq="D")
    rows = [(d.strftime("%m/%d/%Y"), h, round(1000 + 100 * np.sin(h / 24 * 6.28)
                                               + 50 * np.cos(d.dayofyear / 365 * 6.28), 1))
            for d in days for h in range(1, 25)]
    path = write(tmp_path / "miso.csv", ["Market Day", "HourEnding", "Load (MW)"], rows)
    done = run_cli("backtest", "--series", str(path), "--horizon", "1", "--models",
                   "seasonal_naive", "--first-origin", "2023-10", "--out",
                   str(tmp_path / "bt.csv"))
    assert done.returncode == 0, done.stderr
    assert pd.read_csv(tmp_path / "bt.csv")["actual"].notna().all()


def elapsed_rows(days, clock, *, begins=False, areas=("A",)):
    """(true UTC starts, rows (day text, hour number as it passes, area)) of whole local days."""
    starts, rows = [], []
    for day in days:
        first = pd.Timestamp(day).tz_localize(clock)
        last = (pd.Timestamp(day) + pd.Timedelta(days=1)).tz_localize(clock)
        hours = pd.date_range(first, last, freq="h", inclusive="left")
        for area in areas:
            for number, start in enumerate(hours, start=0 if begins else 1):
                starts.append(start)
                rows.append((day, number, area))
    return pd.DatetimeIndex(starts).tz_convert("UTC"), rows


def test_a_caiso_long_file_of_several_areas_is_renumbered_per_day(tmp_path):
    clock = "America/Los_Angeles"
    starts, rows = elapsed_rows(["2024-03-10", "2024-11-03"], clock, areas=("PGE", "SCE"))
    load = values_for(starts)
    data = [(d, h, a, v) for (d, h, a), v in zip(rows, load, strict=True)]
    raw = read_series(write(tmp_path / "x.csv", ["OPR_DT", "OPR_HR", "TAC_AREA_NAME", "MW"],
                            data), source_tz=clock, area="SCE")
    mine = np.array([a == "SCE" for _, _, a in rows])
    assert raw.values.index.equals(starts[mine].sort_values().rename("hour_start_utc"))
    assert np.array_equal(raw.values.to_numpy(), load[mine])


@pytest.mark.parametrize(("clock", "days"), [
    ("Europe/London", ["2024-03-31", "2024-10-27"]),  # the change at 01:00, not 02:00
    ("Australia/Sydney", ["2024-04-07", "2024-10-06"]),
])
def test_hours_numbered_as_they_pass_on_any_clocks_dst_days(tmp_path, clock, days):
    for begins, name in ((False, "HE"), (True, "Hour Beginning")):
        starts, rows = elapsed_rows(days, clock, begins=begins)
        load = values_for(starts)
        data = [(d, h, v) for (d, h, _), v in zip(rows, load, strict=True)]
        raw = read_series(write(tmp_path / "x.csv", ["Date", name, "MW"], data),
                          source_tz=clock)
        assert raw.values.index.equals(starts.rename("hour_start_utc")), (clock, name)


def test_day_first_dates_are_renumbered_on_their_dst_day(tmp_path):
    clock = "America/Chicago"
    starts, rows = elapsed_rows(["2024-03-10", "2024-03-13"], clock)
    load = values_for(starts)
    data = [(pd.Timestamp(d).strftime("%d/%m/%Y"), h, v)
            for (d, h, _), v in zip(rows, load, strict=True)]  # 10/03/2024 is 10 March
    raw = read_series(write(tmp_path / "x.csv", ["Date", "HE", "MW"], data), source_tz=clock)
    assert raw.values.index.equals(starts.rename("hour_start_utc"))


def test_a_wall_clock_spring_day_missing_its_last_hour_is_a_gap_not_a_shift(tmp_path):
    clock = "America/Chicago"
    starts = pd.date_range("2024-03-10", "2024-03-10 23:00", freq="h", tz=clock)[:-1]
    load = values_for(starts)
    rows = [(s.strftime("%m/%d/%Y"), s.hour + 1, v) for s, v in zip(starts, load, strict=True)]
    raw = read_series(write(tmp_path / "x.csv", ["Date", "HE", "MW"], rows), source_tz=clock)
    assert raw.values.index.equals(starts.tz_convert("UTC").rename("hour_start_utc"))


def test_the_full_caiso_layout_reads_its_gmt_timestamps_not_the_joined_hour(tmp_path):
    starts = pd.date_range("2024-01-30 08:00", periods=48, freq="h", tz="UTC")
    load = values_for(starts)
    local = starts.tz_convert("America/Los_Angeles")
    rows = [(s.strftime("%Y-%m-%dT%H:%M:%S-00:00"),
             (s + pd.Timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S-00:00"),
             t.strftime("%Y-%m-%d"), t.hour + 1, v)
            for s, t, v in zip(starts, local, load, strict=True)]
    raw = read_series(write(tmp_path / "x.csv", ["INTERVALSTARTTIME_GMT", "INTERVALENDTIME_GMT",
                                                 "OPR_DT", "OPR_HR", "MW"], rows),
                      date_col="INTERVALSTARTTIME_GMT", value_col="MW")
    assert raw.values.index.equals(starts.rename("hour_start_utc"))


@pytest.mark.parametrize(("name", "hours", "stray", "says"), [
    ("Hour Beginning", range(0, 24), 24, "0-23, hour beginning"),  # a 24 made all end
    ("HE", range(1, 25), 0, "1-24, hour ending"),  # a 0 made all begin
    ("HE", range(1, 25), 25, "1-24, hour ending"),  # 25 on an ordinary day
])
def test_an_hour_the_day_cannot_have_is_named_by_row(tmp_path, name, hours, stray, says):
    rows = [("2024-01-30", h, 100.0 + h) for h in hours]
    rows[5] = ("2024-01-30", stray, 105.0)
    done = run_cli("regimes", "--series", str(write(tmp_path / "x.csv", ["Date", name, "MW"],
                                                      rows)))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"row 6, field '{name}'" in done.stderr and says in done.stderr, done.stderr


def test_hours_written_as_floats_are_hours(tmp_path):
    starts = pd.date_range("2024-01-30", periods=48, freq="h", tz="UTC")
    rows = [(s.strftime("%Y-%m-%d"), f"{s.hour + 1:.1f}", v)
            for s, v in zip(starts, values_for(starts), strict=True)]
    raw = read_series(write(tmp_path / "x.csv", ["Date", "HE", "Load"], rows))
    assert raw.values.index.equals(starts.rename("hour_start_utc"))
