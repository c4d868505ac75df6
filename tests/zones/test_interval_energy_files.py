"""Interval meter exports give each interval's energy (MWh every 15 minutes, kWh every 5): a
zone reads them as the same load as the hourly MW file they add up to, the same monthly
energy and peaks, not 4 or 12 times less; an hour missing a few of its samples is the mean
of those present times the samples an hour has, one missing most of them is no evidence, as
for a power file; and a --series file (backtest, regimes) sums them the same way."""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.series import load_series
from forecasting.series.clean import CleaningRules
from forecasting.zones.history import build_history, period_table
from forecasting.zones.read import read_zone_files

HOURS = pd.date_range("2024-03-01", periods=24 * 7, freq="h")
RNG = np.random.default_rng(7)
MW = (800 + 300 * np.sin(np.arange(len(HOURS)) * 2 * np.pi / 24)
      + RNG.normal(0, 20, len(HOURS))).round(1)


def write(path, stamps, header: str, values) -> str:
    pd.DataFrame({"Timestamp": stamps.strftime("%Y-%m-%d %H:%M"),
                  header: values}).to_csv(path, index=False)
    return str(path)


def interval_energy(step: int, per_mwh: float = 1.0) -> tuple[pd.DatetimeIndex, np.ndarray]:
    """Each hour's energy (MW x 1 h) split over its intervals unevenly, as a meter sees load
    move within the hour, in MWh (or kWh: ``per_mwh`` 1000)."""
    n = 60 // step
    weights = RNG.uniform(0.5, 1.5, (len(HOURS), n))
    weights /= weights.sum(axis=1, keepdims=True)
    stamps = pd.date_range(HOURS[0], periods=len(HOURS) * n, freq=f"{step}min")
    return stamps, (MW[:, None] * weights * per_mwh).ravel()


def zone_history(path) -> tuple[pd.Series, pd.DataFrame]:
    """The zone's hourly MW and its monthly table (energy, average, peak, hours)."""
    load = build_history(read_zone_files([path])).load
    return load, period_table(load, "M")


def test_quarter_hour_mwh_gives_the_hourly_mw_files_energy_and_peaks(tmp_path):
    hourly_mw, hourly = zone_history(write(tmp_path / "hourly.csv", HOURS, "Load (MW)", MW))
    stamps, mwh = interval_energy(15)
    quarter_mw, quarter = zone_history(write(tmp_path / "quarter.csv", stamps, "Energy (MWh)",
                                             mwh))
    assert np.allclose(quarter_mw.to_numpy(), hourly_mw.to_numpy())
    for column in ("energy_gwh", "avg_mw", "peak_mw", "hours"):
        assert np.allclose(quarter[column], hourly[column]), column


def test_five_minute_kwh_gives_the_hourly_mw(tmp_path):
    stamps, kwh = interval_energy(5, per_mwh=1000)
    raw = read_zone_files([write(tmp_path / "five.csv", stamps, "kWh", kwh)])[0]
    assert np.allclose(raw.values.to_numpy(), MW)
    assert raw.reads[0].sampling.startswith(
        f"sub-hourly (every 5 minutes, summed (energy per interval) to {len(HOURS)} hours")


def test_an_hour_missing_samples_is_scaled_from_those_present_or_has_no_evidence(tmp_path):
    stamps, mwh = interval_energy(15)
    mwh = mwh.copy()
    mwh[1] = np.nan            # hour 0: three quarters of four
    mwh[[4, 5, 6]] = np.nan    # hour 1: one quarter of four
    raw = read_zone_files([write(tmp_path / "gaps.csv", stamps, "MWh", mwh)])[0]
    assert np.isclose(raw.values.iloc[0], (mwh[0] + mwh[2] + mwh[3]) / 3 * 4)
    assert np.isnan(raw.values.iloc[1])
    assert np.allclose(raw.values.iloc[2:].to_numpy(), MW[2:])


def test_a_series_file_of_quarter_hour_mwh_sums_to_the_hourly_files_daily_energy(tmp_path):
    stamps, mwh = interval_energy(15)
    rules = CleaningRules(max_gap=0)
    quarter, report = load_series(write(tmp_path / "q.csv", stamps, "MWh", mwh), freq="D",
                                  agg="sum", rules=rules, period_tz="UTC")
    hourly, _ = load_series(write(tmp_path / "h.csv", HOURS, "MW", MW), freq="D", agg="sum",
                            rules=rules, period_tz="UTC")
    assert np.allclose(quarter.to_numpy(), hourly.to_numpy())
    assert "summed (energy per interval)" in " ".join(report.summary())
