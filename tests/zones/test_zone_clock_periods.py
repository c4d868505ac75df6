"""A zone's months, seasons and years are on its clock (config ``timezone``; a many-zone
node's clock), not UTC months (fuzz 11b D1): a local-time file's Sep 30 evening peak was
published as October's, and its monthly GWh were UTC months' (up to 0.6% off the local
month a utility keeps its books on). Hours stay UTC instants; a local month of a
daylight-saving change has 743 or 745 hours, in the history and in the forecast's
GWh = average MW x hours. A zone on UTC keeps UTC months."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.zones.history import build_history, hours_in, period_table
from tests.zones.synthetic import forecast_zone, hourly_load, light_zone_config

CLOCK = "America/Chicago"
# 20:00 CDT on Sep 30, 2022: 01:00 UTC on Oct 1
SPIKE_UTC = pd.Timestamp("2022-10-01 01:00", tz="UTC")
PEAK = 1100.0  # above every other hour (at most 800 x 1.35), not so far as to be screened


def local_file(path, load: pd.Series, clock: str) -> None:
    """`load` (UTC hour starts) with wall-clock labels on `clock`, as a utility exports it."""
    local = load.index.tz_localize("UTC").tz_convert(clock).strftime("%Y-%m-%d %H:%M")
    pd.DataFrame({"when": local, "mw": load.round(1).to_numpy()}).to_csv(path, index=False)


def zone_load() -> pd.Series:
    """Three local years of synthetic load (UTC hour starts, naive), the largest hour of
    the whole history on the evening of Sep 30 local."""
    load = hourly_load(800.0, "2021-01-01 06:00", "2024-01-01 05:00").round(1)
    load[SPIKE_UTC.tz_localize(None)] = PEAK
    return load


def test_a_month_on_a_clock_has_its_own_hours():
    months = pd.period_range("2022-01", "2022-12", freq="M")
    local = hours_in(months, CLOCK)
    assert local[2] == 743 and local[10] == 721  # March springs forward, November falls back
    assert hours_in(months, "UTC")[2] == 744 and hours_in(months, "UTC")[10] == 720
    assert local.sum() == 8760
    # a 31-day month the clock falls back in (October under the US rule before 2007)
    assert hours_in(pd.PeriodIndex(["2006-10"], freq="M"), CLOCK)[0] == 745


def test_a_local_month_of_full_evidence_is_whole_and_holds_its_own_evening():
    load = zone_load()
    load.index = load.index.tz_localize("UTC")
    table = period_table(load, "M", CLOCK)
    assert table.loc["2022-09", "peak_mw"] == PEAK
    assert table.loc["2022-10", "peak_mw"] < PEAK
    assert table.loc["2022-03", "hours"] == 743 and table.loc["2022-11", "hours"] == 721
    assert (table["coverage"] == 1.0).all()  # every local month whole, none over or under
    local = load.index.tz_convert(CLOCK)
    september = (local.year == 2022) & (local.month == 9)
    assert table.loc["2022-09", "energy_gwh"] == pytest.approx(load[september].sum() / 1000.0,
                                                               rel=1e-12)
    # without a clock (the benchmarks) months stay UTC months
    utc = period_table(load, "M")
    assert utc.loc["2022-10", "peak_mw"] == PEAK and utc.loc["2022-03", "hours"] == 744


@pytest.mark.slow
@pytest.mark.parametrize("clock", [CLOCK, "UTC"])
def test_a_zone_run_publishes_its_months_on_its_clock(tmp_path, clock):
    load = zone_load()
    local_file(tmp_path / "ZZ.csv", load, CLOCK)
    config = light_zone_config(tmp_path / "zz.yaml", "ZZ", str(tmp_path / "ZZ.csv"),
                               f"series_timezone: {CLOCK}", f"timezone: {clock}",
                               "end_year: 2025", "profile_year: 2025")
    done = forecast_zone(config, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    history = pd.read_csv(tmp_path / "out" / "history.csv", dtype={"period": str})
    history = history.set_index("period")
    truth = load.copy()
    truth.index = truth.index.tz_localize("UTC").tz_convert(clock)
    spike_month = "2022-09" if clock == CLOCK else "2022-10"
    assert history.loc[spike_month, "peak_mw"] == PEAK
    other = "2022-10" if clock == CLOCK else "2022-09"
    assert history.loc[other, "peak_mw"] < PEAK
    for month in ("2022-01", "2022-03", "2022-09", "2022-11"):
        p = pd.Period(month, "M")
        in_month = truth[(truth.index.year == p.year) & (truth.index.month == p.month)]
        assert history.loc[month, "energy_gwh"] == pytest.approx(in_month.sum() / 1000.0,
                                                                 rel=1e-12)
        assert history.loc[month, "hours"] == len(in_month)
    in_2022 = truth[truth.index.year == 2022]
    assert history.loc["2022", "energy_gwh"] == pytest.approx(in_2022.sum() / 1000.0,
                                                              rel=1e-12)

    # the forecast's monthly GWh is its average MW times its month's hours on the clock
    forecast = pd.read_csv(tmp_path / "out" / "forecast.csv", dtype={"period": str})
    total = forecast[(forecast["component"] == "total")].set_index(["period", "metric"])
    march = pd.Period("2024-03", "M")
    hours = hours_in(pd.PeriodIndex([march]), clock)[0]
    assert hours == (743 if clock == CLOCK else 744)
    assert total.loc[("2024-03", "avg_mw"), "p50"] * hours / 1000.0 == pytest.approx(
        total.loc[("2024-03", "energy_gwh"), "p50"], rel=1e-5)  # csv rounding; an hour: 1e-3
    # the hourly profile holds the profile year's hours on the clock
    profile = pd.read_csv(tmp_path / "out" / "profile.csv")
    first = pd.Timestamp("2025-01-01").tz_localize(clock).tz_convert("UTC")
    assert profile["hour_start_utc"].iloc[0] == first.strftime("%Y-%m-%dT%H:%MZ")
    assert len(profile) == 8760


def test_a_history_without_a_clock_keeps_utc_months():
    load = zone_load()
    raw_index = load.index.tz_localize("UTC")
    from forecasting.series.read import RawSeries

    history = build_history([RawSeries.from_series(pd.Series(load.to_numpy(), index=raw_index),
                                                   source="x")])
    assert history.clock == "UTC"
    assert period_table(history.load, "M", history.clock).loc["2022-10", "peak_mw"] == PEAK
    on_clock = build_history([RawSeries.from_series(pd.Series(load.to_numpy(),
                                                              index=raw_index), source="x")],
                             CLOCK)
    assert on_clock.quality()["partial_months"] == []
    assert np.isclose(period_table(on_clock.load, "M", CLOCK).loc["2022-09", "peak_mw"], PEAK)
