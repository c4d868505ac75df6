"""`--agg max` of hourly data follows the zone run's two peak rules
(`forecasting.series.resample`): a period's peak is its largest measured hour (an EIA-930 hour
whose category is not OKAY is the source's guess), and it is evidence only when the measured
hours cover `MONTH_COMPLETE` of the period (a year: each of its months). Energy and average
keep the imputed hours."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from forecasting.errors import InputError
from forecasting.seasons import MONTH_COMPLETE
from forecasting.series.clean import CleaningRules, clean
from forecasting.series.load import load_series
from forecasting.series.read import RawSeries
from forecasting.series.resample import resample, resample_with_report

HEADER = "date_time,raw demand (MW),category,cleaned demand (MW)"


def eia930_file(path: Path, hours: pd.DatetimeIndex, load: np.ndarray,
                imputed: np.ndarray) -> Path:
    """EIA-930's layout (UTC, hour ending): imputed hours flagged MISSING (their cleaned
    value is the source's guess)."""
    lines = [HEADER]
    for start, value, flag in zip(hours, load, imputed, strict=True):
        end = start + pd.Timedelta(hours=1)
        lines.append(f"{end:%Y-%m-%d %H:%M:%S},{value:.0f},{'MISSING' if flag else 'OKAY'},"
                     f"{value:.0f}")
    path.write_text("\n".join(lines) + "\n")
    return path


def three_months() -> tuple[pd.DatetimeIndex, np.ndarray]:
    """January-March 2023 in UTC, 1,000-1,100 MW with a daily shape."""
    hours = pd.date_range("2023-01-01", "2023-04-01", freq="h", tz="UTC", inclusive="left")
    return hours, 1000 + 100 * np.sin(2 * np.pi * hours.hour.to_numpy() / 24) ** 2


def test_an_imputed_hour_is_no_peak_but_counts_for_energy(tmp_path):
    hours, load = three_months()
    imputed = np.zeros(len(hours), dtype=bool)
    guess = hours.get_loc(pd.Timestamp("2023-02-10 18:00", tz="UTC"))
    load[guess], imputed[guess] = 1900.0, True  # February's largest hour is the source's guess
    path = eia930_file(tmp_path / "ZONE.csv", hours, load, imputed)
    common = dict(freq="M", period_tz="UTC", rules=CleaningRules(max_gap=0, window=0))
    peaks, report = load_series(path, agg="max", **common)
    measured = load[(hours.month == 2) & ~imputed].max()
    assert peaks["2023-02"] == measured < 1900.0  # before: 1900, the imputed hour
    assert peaks["2023-01"] == load[hours.month == 1].max()
    assert not report.resampling.unmeasured  # 671 measured hours of 672: the peak stands
    means = load_series(path, agg="mean", **common)[0]
    assert means["2023-02"] == pytest.approx(load[hours.month == 2].mean())  # guess kept


def test_a_month_measured_for_85_percent_is_nan_under_max_and_kept_under_mean(tmp_path):
    hours, load = three_months()
    february = np.flatnonzero(hours.month == 2)
    imputed = np.zeros(len(hours), dtype=bool)
    imputed[february[: round(0.15 * len(february))]] = True  # 571 of 672 hours measured
    path = eia930_file(tmp_path / "ZONE.csv", hours, load, imputed)
    common = dict(freq="M", period_tz="UTC", rules=CleaningRules(max_gap=0, window=0))
    peaks, report = load_series(path, agg="max", **common)
    assert [str(p) for p in peaks.index] == ["2023-01", "2023-02", "2023-03"]
    assert np.isnan(peaks["2023-02"]) and peaks.notna().sum() == 2
    share = 571 / 672
    assert share < MONTH_COMPLETE
    assert report.resampling.unmeasured == [
        {"period": "2023-02", "coverage": 1.0, "measured": round(share, 6)}]
    assert "2023-02 (85.0% measured)" in " ".join(report.summary())
    means, by_mean = load_series(path, agg="mean", **common)
    assert means["2023-02"] == pytest.approx(load[february].mean())  # energy keeps them
    assert not by_mean.resampling.unmeasured
    # at 91% measured the month's peak is evidence again
    imputed[february[round(0.09 * len(february)):]] = False
    path = eia930_file(tmp_path / "ZONE.csv", hours, load, imputed)
    assert load_series(path, agg="max", **common)[0]["2023-02"] == load[february].max()


def test_a_file_without_flags_keeps_its_peaks_unless_under_90_percent_covered():
    hours, load = three_months()
    values = pd.Series(load, index=hours)
    values[(hours.month == 2) & (hours.day > 25)] = np.nan  # 3 of February's 28 days absent
    raw = RawSeries.from_series(values)
    peaks, report = resample_with_report(raw, "M", "max", period_tz="UTC")
    means, by_mean = resample_with_report(raw, "M", "mean", period_tz="UTC")
    assert np.isnan(peaks["2023-02"])  # 89.3% covered: before, kept at min_coverage 0.5
    assert report.unmeasured[0]["measured"] == round(600 / 672, 6)
    assert means["2023-02"] == pytest.approx(load[(hours.month == 2) & (hours.day <= 25)].mean())
    assert by_mean.partial == [{"period": "2023-02", "coverage": round(600 / 672, 6)}]
    assert peaks["2023-01"] == load[hours.month == 1].max()  # complete months unchanged


def test_filled_hours_are_not_measured():
    hours, load = three_months()
    values = pd.Series(load, index=hours)
    february = np.flatnonzero(hours.month == 2)
    for start in february[::30][:23]:  # 23 gaps of 3 hours: 69 filled, 603 of 672 measured
        values.iloc[start + 1:start + 4] = np.nan
    cleaned, cleaning = clean(RawSeries.from_series(values), CleaningRules(window=0))
    assert cleaning.filled == 69 and int(cleaned.origin["filled"].sum()) == 69
    peaks, report = resample_with_report(cleaned, "M", "max", period_tz="UTC")
    assert report.unmeasured[0]["measured"] == round(603 / 672, 6)  # under 90%: no peak
    assert np.isnan(peaks["2023-02"])
    assert resample(cleaned, "M", "mean", period_tz="UTC").notna().all()  # filled: complete


def test_a_year_peak_needs_each_month_measured():
    hours = pd.date_range("2021-01-01", "2024-01-01", freq="h", tz="UTC", inclusive="left")
    load = 1000 + 300 * np.cos(2 * np.pi * (hours.month.to_numpy() - 7) / 12)
    imputed = pd.Series(False, index=hours)
    august = (hours.year == 2022) & (hours.month == 8)
    imputed[august & (hours.day > 26)] = True  # 5 of August 2022's 31 days: 83.9% measured
    raw = RawSeries.from_series(pd.Series(load, index=hours), imputed=imputed)
    peaks, report = resample_with_report(raw, "Y", "max", period_tz="UTC")
    assert [str(p) for p in peaks.index] == ["2021", "2022", "2023"]
    assert np.isnan(peaks["2022"]) and peaks["2021"] == peaks["2023"] == load.max()
    assert report.unmeasured == [{"period": "2022", "coverage": 1.0,
                                  "measured": round(1 - 24 * 5 / 8760, 6),
                                  "months": ["2022-08"]}]  # 98.6% of the year measured
    assert resample(raw, "Y", "mean", period_tz="UTC").notna().all()


def test_peaks_that_are_no_evidence_at_the_ends_are_dropped_and_none_at_all_is_refused():
    hours, load = three_months()
    imputed = pd.Series(hours.month == 3, index=hours)  # March all imputed
    raw = RawSeries.from_series(pd.Series(load, index=hours), imputed=imputed)
    peaks, report = resample_with_report(raw, "M", "max", period_tz="UTC")
    assert [str(p) for p in peaks.index] == ["2023-01", "2023-02"]  # starts and ends valued
    assert [d["period"] for d in report.unmeasured] == ["2023-03"]
    assert not report.dropped_edges  # March's coverage is whole: not an incomplete edge
    guessed = RawSeries.from_series(pd.Series(load, index=hours),
                                    imputed=pd.Series(True, index=hours))
    with pytest.raises(InputError, match="no M period's peak is evidence"):
        resample(guessed, "M", "max", period_tz="UTC")
    assert resample(guessed, "M", "sum", period_tz="UTC").notna().all()
