"""The zone run's growth check (forecasting/zones/growth_check.py): a forecast that carries a
one-off level step forward as growth (WACM's 2022 step up, SPA's 2023 step down) is flagged,
with the history's growth since the step beside it; a seasonal zone growing steadily, forecast
at its own pace or damped toward no growth, is not, and without a break the whole history's
growth is the one compared. Synthetic monthly series: a seasonal swing, noise, a trend."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.runs.files import csv_text
from forecasting.zones.growth_check import GROWTH_CHECK_COLUMNS, growth_check

MONTHS = pd.period_range("2020-01", "2024-12", freq="M")


def history(growth: float, *, step: float = 0.0, step_at: str = "2022-07",
            season: float = 0.15, noise: float = 0.02, seed: int = 0) -> pd.Series:
    """Monthly average MW: `growth` per year, times 1 + `step` from `step_at` on, a summer
    peak `season` above the mean and a winter one, log-normal noise."""
    rng = np.random.default_rng(seed)
    t = np.arange(len(MONTHS)) / 12.0
    month = np.asarray(MONTHS.month)
    swing = 1 + season * np.cos(4 * np.pi * (month - 1.5) / 12)  # peaks Jan-Feb and Jul-Aug
    level = 2400.0 * (1 + growth) ** t * np.where(MONTHS >= pd.Period(step_at, "M"),
                                                  1 + step, 1.0)
    return pd.Series(level * swing * np.exp(noise * rng.normal(size=len(t))), index=MONTHS)


def forecast_at(monthly: pd.Series, growth: float) -> pd.Series:
    """Annual P50 MW 2025-2035 growing at `growth` per year from the last year's mean."""
    last = float(monthly.loc["2024-01":"2024-12"].mean())
    return pd.Series({y: last * (1 + growth) ** (y - 2024) for y in range(2025, 2036)})


def across_the_step(monthly: pd.Series) -> pd.Series:
    """What a trend model fitted across the whole history does: the log-linear growth of the
    annual means, carried on from the last year."""
    annual = monthly.groupby(monthly.index.year).mean()
    slope = np.polyfit(annual.index.to_numpy(dtype=float), np.log(annual.to_numpy()), 1)[0]
    return forecast_at(monthly, float(np.expm1(slope)))


def test_a_forecast_carrying_a_step_up_forward_is_flagged_with_the_growth_since_it():
    monthly = history(0.03, step=0.6)  # 2,400 -> 4,000 MW in mid-2022, as WACM
    row = growth_check("SYN", monthly, across_the_step(monthly)).iloc[0]
    assert row["outside"] and row["direction"] == "above"
    assert row["history_break"]
    start = pd.Period(row["history_regime_start"], "M")
    assert abs((start - pd.Period("2022-07", "M")).n) <= 2
    # the history since the step grew about 3%/yr, the forecast several times that
    assert abs(row["history_growth_pct_per_year"] - 3.0) < 2.0
    assert row["forecast_growth_pct_per_year"] > 3 * row["history_growth_pct_per_year"]
    assert row["outside_by"] == pytest.approx(
        row["forecast_growth_pct_per_year"] - row["history_growth_high"])
    assert (row["first_year"], row["last_year"]) == ("2024", 2035)


def test_a_step_down_carried_into_a_decline_is_flagged_below():
    monthly = history(-0.02, step=-0.5, step_at="2023-07")  # as SPA
    row = growth_check("SYN", monthly, across_the_step(monthly)).iloc[0]
    assert row["forecast_growth_pct_per_year"] < -10
    assert row["outside"] and row["direction"] == "below"
    assert row["history_break"] and row["history_regime_start"] >= "2023-05"
    assert abs(row["history_growth_pct_per_year"] + 2.0) < 4.0  # 18 months since the step
    assert row["forecast_growth_pct_per_year"] < row["history_growth_low"] - 5


def test_a_steady_seasonal_zone_forecast_at_its_own_growth_is_not_flagged():
    monthly = history(0.02, season=0.25)  # a strong season, no break
    row = growth_check("SYN", monthly, forecast_at(monthly, 0.02)).iloc[0]
    assert not row["outside"] and row["direction"] == ""
    assert row["outside_by"] == 0.0
    assert row["forecast_growth_pct_per_year"] == pytest.approx(2.0, abs=0.01)


def test_without_a_break_the_whole_history_growth_is_compared():
    monthly = history(0.03, season=0.25)
    table = growth_check("SYN", monthly, forecast_at(monthly, 0.03))
    assert list(table.columns) == GROWTH_CHECK_COLUMNS
    row = table.iloc[0]
    assert not row["history_break"]
    assert row["history_regime_start"] == "2020-01"
    assert row["history_months"] == len(MONTHS)
    assert abs(row["history_growth_pct_per_year"] - 3.0) < 1.0
    assert row["history_growth_low"] < row["forecast_growth_pct_per_year"] \
        < row["history_growth_high"]
    # the interval is no blank cheque: three times the history's growth is flagged
    fast = growth_check("SYN", monthly, forecast_at(monthly, 0.09)).iloc[0]
    assert fast["outside"] and fast["direction"] == "above"


def test_a_forecast_damped_toward_no_growth_is_not_flagged_but_a_decline_is():
    monthly = history(0.04)
    flat = growth_check("SYN", monthly, forecast_at(monthly, 0.0)).iloc[0]
    assert flat["history_growth_low"] > 0 and not flat["outside"]
    falling = growth_check("SYN", monthly, forecast_at(monthly, -0.02)).iloc[0]
    assert falling["outside"] and falling["direction"] == "below"
    assert falling["outside_by"] == pytest.approx(2.0, abs=0.01)  # beyond no growth, the nearer end


def test_months_without_evidence_are_left_out_not_filled():
    monthly = history(0.03, step=0.6)
    gapped = monthly.copy()
    gapped.loc["2021-03":"2021-05"] = np.nan  # incomplete months
    row = growth_check("SYN", gapped, across_the_step(monthly)).iloc[0]
    assert row["outside"] and row["history_break"]
    assert row["history_months"] == growth_check(
        "SYN", monthly, across_the_step(monthly)).iloc[0]["history_months"]


def test_same_inputs_give_the_same_file():
    monthly = history(0.03, step=0.6)
    forecast = across_the_step(monthly)
    assert csv_text(growth_check("SYN", monthly, forecast)) == csv_text(
        growth_check("SYN", monthly.copy(), forecast.copy()))


@settings(max_examples=15, deadline=None)
@given(step=st.sampled_from([-0.5, -0.4, 0.4, 0.6, 0.8]),
       growth=st.floats(-0.02, 0.04), seed=st.integers(0, 10_000))
def test_any_clear_step_carried_forward_is_flagged_on_its_side(step, growth, seed):
    monthly = history(growth, step=step, seed=seed)
    row = growth_check("SYN", monthly, across_the_step(monthly)).iloc[0]
    assert row["outside"]
    assert row["direction"] == ("above" if step > 0 else "below")


@settings(max_examples=15, deadline=None)
@given(scale=st.floats(0.01, 1000.0), seed=st.integers(0, 10_000))
def test_the_check_does_not_depend_on_the_zone_s_size(scale, seed):
    monthly = history(0.02, step=0.5, seed=seed)
    forecast = across_the_step(monthly)
    one = growth_check("SYN", monthly, forecast).iloc[0]
    other = growth_check("SYN", monthly * scale, forecast * scale).iloc[0]
    assert one["outside"] == other["outside"]
    assert one["history_regime_start"] == other["history_regime_start"]
    for col in ("history_growth_pct_per_year", "history_growth_low", "history_growth_high",
                "forecast_growth_pct_per_year"):
        assert abs(one[col] - other[col]) < 1e-6
