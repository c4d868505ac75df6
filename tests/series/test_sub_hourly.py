"""Sub-hourly load files (SCADA exports every 5, 15 or 30 minutes) are read as hourly load:
each hour the mean of its samples, an hour with under half its samples having no evidence,
and rows still named as in the file."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.errors import InputError
from forecasting.series import load_series
from forecasting.series.read import read_series


def write(path, stamps, values, header="timestamp,load_mw"):
    lines = [header] + [f"{t},{'' if np.isnan(v) else v}" for t, v in
                        zip(stamps, values, strict=True)]
    path.write_text("\n".join(lines) + "\n")


def test_quarter_hours_become_hourly_means_and_thin_hours_are_missing(tmp_path):
    stamps = pd.date_range("2024-03-01 00:00", periods=12, freq="15min")
    values = np.array([100, 110, 120, 130,   200, np.nan, np.nan, np.nan,   1, 2, 3, np.nan],
                      dtype=float)
    write(tmp_path / "q.csv", stamps.strftime("%Y-%m-%d %H:%M"), values)
    raw = read_series(tmp_path / "q.csv")
    assert raw.hourly
    assert list(raw.values.index.strftime("%H:%M")) == ["00:00", "01:00", "02:00"]
    assert raw.values.iloc[0] == 115.0           # mean of its four samples
    assert np.isnan(raw.values.iloc[1])          # one of four: no evidence
    assert raw.values.iloc[2] == 2.0             # three of four: their mean
    assert list(raw.origin["row"]) == [1, 5, 9]  # each hour points at its first row
    assert raw.reads[0].sampling.startswith("sub-hourly (every 15 minutes, averaged to 3 hours")
    assert "1 hour(s) with under half their samples" in raw.reads[0].sampling


def test_five_minute_local_time_crosses_the_autumn_fall_back(tmp_path):
    # US Central local clock: on 2024-11-03 the hour 01:00-02:00 happens twice (CDT, CST)
    utc = pd.date_range("2024-11-03 05:00", "2024-11-03 09:55", freq="5min", tz="UTC")
    local = utc.tz_convert("America/Chicago").strftime("%Y-%m-%d %H:%M")
    mw = np.arange(len(utc), dtype=float)
    write(tmp_path / "five.csv", local, mw)
    series, _ = load_series(tmp_path / "five.csv", freq="H", source_tz="America/Chicago")
    expected = pd.Series(mw, index=utc).resample("h").mean()
    assert np.allclose(series.to_numpy(), expected.to_numpy())
    assert len(series) == 5  # 05:00-09:00 UTC, the repeated local hour twice


def test_hourly_stamps_at_one_minute_past_are_hours_and_off_minute_stamps_are_refused(tmp_path):
    stamps = pd.date_range("2024-01-01 00:59", periods=5, freq="h")
    write(tmp_path / "h.csv", stamps.strftime("%Y-%m-%d %H:%M"), np.arange(5.0))
    raw = read_series(tmp_path / "h.csv")
    assert list(raw.values.index.strftime("%H:%M")) == ["00:00", "01:00", "02:00", "03:00",
                                                          "04:00"]
    assert list(raw.values) == [0, 1, 2, 3, 4]

    write(tmp_path / "s.csv", ["2024-01-01 00:00:00", "2024-01-01 00:15:30"], [1.0, 2.0])
    with pytest.raises(InputError) as raised:
        read_series(tmp_path / "s.csv")
    assert raised.value.row == 2 and "not on a whole minute" in str(raised.value)


@settings(max_examples=25, deadline=None)
@given(step=st.sampled_from([5, 10, 15, 30]), hours=st.integers(1, 30),
       seed=st.integers(0, 2**16))
def test_every_hour_with_all_its_samples_is_their_mean(tmp_path_factory, step, hours, seed):
    rng = np.random.default_rng(seed)
    stamps = pd.date_range("2023-06-01", periods=hours * 60 // step, freq=f"{step}min")
    mw = rng.uniform(50, 5000, len(stamps)).round(3)
    path = tmp_path_factory.mktemp("p") / "x.csv"
    write(path, stamps.strftime("%Y-%m-%dT%H:%M:%SZ"), mw)
    raw = read_series(path)
    means = mw.reshape(hours, 60 // step).mean(axis=1)
    assert len(raw.values) == hours and np.allclose(raw.values.to_numpy(), means)


def test_quarter_hour_ends_on_a_local_clock_cross_both_dst_changes(tmp_path):
    # interval-ending 15-minute samples on US Eastern wall-clock time (a PJM-style export):
    # the autumn labels 01:00-02:00 repeat, the spring 02:15-02:45 do not exist
    for day in ("2024-11-03 03:00", "2024-03-10 05:00"):
        starts = pd.date_range(day, periods=16, freq="15min", tz="UTC")
        ends = (starts + pd.Timedelta(minutes=15)).tz_convert("America/New_York")
        mw = np.arange(len(starts), dtype=float) * 10 + 1000
        write(tmp_path / "e.csv", ends.strftime("%Y-%m-%d %H:%M"), mw,
              header="interval_ending,load_mw")
        series, _ = load_series(tmp_path / "e.csv", freq="H", source_tz="America/New_York")
        expected = pd.Series(mw, index=starts).resample("h").mean()
        assert np.allclose(series.to_numpy(), expected.to_numpy()), day


def test_a_typo_stamp_in_an_hourly_file_is_named_not_a_reason_to_lose_every_hour(tmp_path):
    stamps = pd.date_range("2024-01-01", periods=200, freq="h").strftime("%Y-%m-%d %H:%M")
    stamps = list(stamps)
    stamps[120] = stamps[120][:-2] + "15"
    write(tmp_path / "t.csv", stamps, np.full(200, 500.0))
    with pytest.raises(InputError) as raised:
        read_series(tmp_path / "t.csv")
    assert raised.value.row == 121
    assert "off the file's hourly grid (its other rows are at minute :00)" in str(raised.value)


@pytest.mark.parametrize("minutes, why", [
    (7, "samples every 7 minutes do not make whole hours"),
    (None, "mixed frequencies in one file: rows an hour apart"),
])
def test_steps_that_lose_hours_are_refused_in_one_line(tmp_path, minutes, why):
    if minutes:
        stamps = pd.date_range("2024-01-01", periods=100, freq=f"{minutes}min")
    else:  # six hourly rows, then a day of quarter hours
        stamps = pd.date_range("2024-01-01", periods=6, freq="h").append(
            pd.date_range("2024-01-01 06:00", periods=96, freq="15min"))
    write(tmp_path / "x.csv", stamps.strftime("%Y-%m-%d %H:%M"), np.ones(len(stamps)))
    with pytest.raises(InputError) as raised:
        read_series(tmp_path / "x.csv")
    assert why in str(raised.value) and raised.value.row is not None


def test_samples_given_twice_are_merged_and_counted(tmp_path):
    stamps = pd.date_range("2024-03-01", periods=8, freq="15min")
    labels = list(stamps.strftime("%Y-%m-%d %H:%M")) + ["2024-03-01 00:15"]
    values = np.r_[np.full(8, 100.0), 20.0]  # the repeat says 20 where the first said 100
    write(tmp_path / "d.csv", labels, values)
    raw = read_series(tmp_path / "d.csv")
    assert raw.values.iloc[0] == pytest.approx((100 + 60 + 100 + 100) / 4)  # 00:15 is (100+20)/2
    assert raw.reads[0].repeated_samples == 1
    assert "1 sample(s) given twice, merged by their mean" in raw.reads[0].sampling


def test_hourly_stamps_ending_a_minute_or_second_early_are_their_hour(tmp_path):
    for form, header in (("%Y-%m-%d %H:59", "hour_ending"), ("%Y-%m-%d %H:59:59", "time")):
        hours = pd.date_range("2024-01-01", periods=5, freq="h")
        write(tmp_path / "h.csv", hours.strftime(form), np.arange(5.0), header=f"{header},mw")
        raw = read_series(tmp_path / "h.csv")
        assert list(raw.values.index) == list(hours.tz_localize("UTC")), form


def test_a_zones_data_quality_counts_sub_hourly_samples_given_twice(tmp_path):
    from forecasting.zones.history import build_history
    from forecasting.zones.read import read_zone_files

    stamps = pd.date_range("2024-03-01", periods=96, freq="15min")
    labels = list(stamps.strftime("%Y-%m-%d %H:%M")) + list(stamps[:3].strftime("%Y-%m-%d %H:%M"))
    write(tmp_path / "z.csv", labels, np.full(len(labels), 700.0))
    quality = build_history(read_zone_files([tmp_path / "z.csv"])).quality()
    assert quality["duplicate_rows"] == 3 and quality["hours"] == 24
