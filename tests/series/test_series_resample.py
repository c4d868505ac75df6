"""Resampling hourly MW (and period data) to Y/M/D/H periods, with exact expected numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forecasting.errors import InputError
from forecasting.series.clean import CleaningRules, clean
from forecasting.series.read import RawSeries
from forecasting.series.resample import resample, resample_with_report


def hourly(values, start: str) -> RawSeries:
    index = pd.date_range(start, periods=len(values), freq="h", tz="UTC")
    return RawSeries.from_series(pd.Series(values, index=index, dtype=float))


def test_monthly_mean_sum_max_exact_in_utc():
    # Jan + Feb 2023 in UTC: value i at hour i (744 January hours, 672 February hours)
    raw = hourly(np.arange(744 + 672), "2023-01-01")
    mean = resample(raw, "M", "mean", period_tz="UTC")
    total, report = resample_with_report(raw, "M", "sum", period_tz="UTC")
    peak = resample(raw, "M", "max", period_tz="UTC")
    assert isinstance(mean.index, pd.PeriodIndex) and mean.index.freqstr == "M"
    assert [str(p) for p in mean.index] == ["2023-01", "2023-02"]
    assert mean.tolist() == [371.5, 1079.5]
    assert total.tolist() == [743 * 744 / 2, (744 + 1415) * 672 / 2]  # MWh
    assert peak.tolist() == [743.0, 1415.0]
    assert mean.dtype == float and report.unit == "MWh" and total.name == "sum MWh"
    assert not report.dropped_edges and not report.partial


def test_local_months_follow_dst():
    # one MW for every hour of local March (743 h) and November (721 h) 2023 in New York
    march = pd.date_range(
        "2023-03-01 05:00", "2023-04-01 04:00", freq="h", tz="UTC", inclusive="left"
    )
    november = pd.date_range(
        "2023-11-01 04:00", "2023-12-01 05:00", freq="h", tz="UTC", inclusive="left"
    )
    for index, hours in ((march, 743), (november, 721)):
        raw = RawSeries.from_series(pd.Series(1.0, index=index))
        total, report = resample_with_report(raw, "M", "sum")  # default America/New_York
        assert total.tolist() == [hours] and report.period_tz == "America/New_York"
        assert resample(raw, "M", "mean").tolist() == [1.0]


def test_incomplete_edges_are_dropped_and_reported():
    # 2023-01-15 00:00 UTC to 2023-03-31 23:00 UTC: January is partial at the start
    raw = hourly(np.ones(24 * (17 + 28 + 31)), "2023-01-15")
    series, report = resample_with_report(raw, "M", "mean", period_tz="UTC")
    assert [str(p) for p in series.index] == ["2023-02", "2023-03"]
    assert report.dropped_edges == [{"period": "2023-01", "coverage": round(17 / 31, 6)}]


def test_an_edge_short_of_a_few_hours_is_kept_as_partial():
    # ends 6 hours before the end of December, like the EIA-930 files in New York time
    raw = hourly(np.ones(24 * 31 - 6), "2023-12-01")
    series, report = resample_with_report(raw, "M", "sum", period_tz="UTC")
    assert series.tolist() == [744.0]  # scaled: mean 1 MW x 744 h
    assert report.partial == [{"period": "2023-12", "coverage": round(738 / 744, 6)}]


def test_interior_gaps_use_the_hours_present_or_become_nan():
    values = np.full(24 * 120, 2.0)  # Jan-Apr 2023 (UTC)
    feb, mar = 24 * 31, 24 * 59
    values[feb : feb + 48] = np.nan  # 2 days missing in February...
    values[feb + 5 : feb + 7] = 10.0  # ...but for two hours
    values[mar + 24 : mar + 24 * 20] = np.nan  # 19 days missing in March
    cleaned, cleaning = clean(hourly(values, "2023-01-01"), CleaningRules(window=0))
    assert cleaning.left_missing == 46 + 24 * 19  # runs longer than 3 hours stay missing
    mean, report = resample_with_report(cleaned, "M", "mean", period_tz="UTC")
    total = resample(cleaned, "M", "sum", period_tz="UTC")
    assert [str(p) for p in mean.index] == ["2023-01", "2023-02", "2023-03", "2023-04"]
    present = 672 - 46
    assert mean.iloc[1] == pytest.approx((2.0 * (present - 2) + 20.0) / present)
    assert total.iloc[1] == pytest.approx(mean.iloc[1] * 672)  # scaled to the whole month
    assert np.isnan(mean.iloc[2]) and mean.iloc[3] == 2.0
    assert report.partial == [{"period": "2023-02", "coverage": round(present / 672, 6)}]
    assert report.empty == [{"period": "2023-03", "coverage": round(12 / 31, 6)}]
    assert not report.dropped_edges


def test_nan_periods_at_the_ends_are_dropped():
    values = np.full(24 * 90, 2.0)  # Jan-Mar 2023 (UTC), 20 days of March missing
    values[24 * 59 + 24 : 24 * 59 + 24 * 21] = np.nan
    mean, report = resample_with_report(
        clean(hourly(values, "2023-01-01"))[0], "M", period_tz="UTC"
    )
    assert [str(p) for p in mean.index] == ["2023-01", "2023-02"]
    assert report.dropped_edges == [{"period": "2023-03", "coverage": round(11 / 31, 6)}]


def test_daily_and_hourly_targets():
    raw = hourly(np.arange(48), "2023-06-01")
    daily = resample(raw, "D", "max", period_tz="UTC")
    assert daily.tolist() == [23.0, 47.0] and daily.index.freqstr == "D"
    per_hour = resample(raw, "H", "mean")
    assert per_hour.index.freqstr == "h" and len(per_hour) == 48
    assert per_hour.index.freqstr.upper()[0] == "H"  # how models read the frequency


def test_period_series_go_to_coarser_periods():
    months = pd.period_range("2021-01", "2023-12", freq="M")
    values = pd.Series(np.arange(1.0, 37.0), index=months).drop(pd.Period("2022-05", "M"))
    raw = RawSeries.from_series(values, unit="GWh")
    yearly, report = resample_with_report(clean(raw)[0], "Y", "sum")
    assert yearly.index.freqstr == "Y-DEC" and report.unit == "GWh"
    assert [str(p) for p in yearly.index] == ["2021", "2022", "2023"]
    assert yearly.iloc[0] == sum(range(1, 13))
    assert yearly.iloc[1] == pytest.approx((sum(range(13, 25)) - 17) / 11 * 12)
    assert report.partial == [{"period": "2022", "coverage": round(11 / 12, 6)}]
    short = RawSeries.from_series(values["2021-01":"2023-11"], unit="GWh")
    assert [str(p) for p in resample(short, "Y", "sum").index] == ["2021", "2022"]


@pytest.mark.parametrize(
    ("freq", "agg", "field"),
    [("W", "mean", "freq"), ("M", "median", "agg"), ("H", "mean", "freq")],
)
def test_bad_arguments_are_input_errors(freq, agg, field):
    raw = RawSeries.from_series(
        pd.Series([1.0], index=pd.PeriodIndex(["2023-01-01"], freq="D")), source="daily.csv"
    )
    with pytest.raises(InputError) as err:
        resample(raw, freq, agg)
    assert str(err.value).startswith(f"daily.csv, field '{field}'")


def test_too_short_for_any_period():
    with pytest.raises(InputError, match="no Y period is covered enough"):
        resample(hourly(np.ones(100), "2023-01-01"), "Y")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    start=st.integers(min_value=0, max_value=24 * 365),
    values=st.lists(st.floats(min_value=0, max_value=1e5), min_size=1, max_size=24 * 70),
    freq=st.sampled_from(["D", "M"]),
    zone=st.sampled_from(["UTC", "America/New_York"]),
)
def test_sum_of_complete_periods_equals_sum_of_hours(start, values, freq, zone):
    begin = pd.Timestamp("2022-01-01", tz="UTC") + pd.Timedelta(hours=start)
    index = pd.date_range(begin, periods=len(values), freq="h")
    hours = pd.Series(values, index=index, dtype=float)
    raw = RawSeries.from_series(hours)
    try:
        total, report = resample_with_report(raw, freq, "sum", period_tz=zone, edge_coverage=1.0)
    except InputError:
        return  # no complete period in the draw
    assert not report.partial and not report.empty
    local = index.tz_convert(zone).tz_localize(None).to_period(freq)
    expected = hours.groupby(local).sum()
    for period, value in total.items():
        assert value == pytest.approx(expected[period], rel=1e-9, abs=1e-6)
