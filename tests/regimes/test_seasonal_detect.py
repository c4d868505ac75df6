"""`detect_regimes` on a seasonal monthly series (forecasting/regimes/seasonal_detect.py): a
20% level step smaller than the season's swing is found at its month, its interval holding
it, with no growth invented on either side; seasonal noise with month-to-month persistence
and no step gives no break. Synthetic series like the tester's (/tmp/fuzz9b mk7.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.errors import SeriesTooShortError
from forecasting.regimes.detect import detect_regimes

MONTHS = pd.period_range("2020-01", periods=60, freq="M")


def seasonal_load(*, step_at: str | None, seed: int, rho: float = 0.0) -> pd.Series:
    """1000 MW with a 12% winter-peaking season, AR(1) log noise of sd 0.02 and a x1.2 step."""
    rng = np.random.default_rng(seed)
    noise = np.empty(len(MONTHS))
    noise[0] = rng.normal(0, 0.02)
    for i in range(1, len(MONTHS)):
        noise[i] = rho * noise[i - 1] + rng.normal(0, 0.02 * np.sqrt(1 - rho**2))
    season = 0.12 * np.cos(2 * np.pi * (np.asarray(MONTHS.month) - 1) / 12)
    values = 1000 * np.exp(season + noise)
    if step_at is not None:
        values[MONTHS >= pd.Period(step_at, "M")] *= 1.2
    return pd.Series(values, index=MONTHS)


@pytest.mark.parametrize("step_at", ["2022-07", "2023-01"])
@pytest.mark.parametrize("seed", [0, 1])
def test_a_step_smaller_than_the_season_is_found_at_its_month(step_at, seed):
    report = detect_regimes(seasonal_load(step_at=step_at, seed=seed), markov=False,
                            n_bootstrap=49)
    assert len(report.breaks) == 1
    found = report.breaks[0]
    assert found.period == step_at
    assert found.ci_low <= step_at <= found.ci_high
    assert found.p_value < 0.01
    for segment in report.segments:  # no trend was planted: none is reported
        assert segment.growth_low < 0 < segment.growth_high


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_seasonal_noise_with_persistence_has_no_break(seed):
    report = detect_regimes(seasonal_load(step_at=None, seed=seed, rho=0.5), markov=False,
                            n_bootstrap=0)
    assert report.breaks == ()
    assert report.segments[0].growth_low < 0 < report.segments[0].growth_high


def test_under_two_years_cannot_tell_the_season_from_growth():
    with pytest.raises(SeriesTooShortError, match="24"):
        detect_regimes(seasonal_load(step_at=None, seed=0).iloc[:20])


def daily_load(*, step_day: int | None, seed: int) -> pd.Series:
    """Three years of daily MW: a 12% annual season and AR(1) log noise (phi 0.8, shocks of sd
    0.02: weather spells of days), x1.2 from day ``step_day`` (the tester's mk4.py)."""
    rng = np.random.default_rng(seed)
    days = pd.period_range("2022-01-01", periods=3 * 365, freq="D")
    noise = np.zeros(len(days))
    for i in range(1, len(days)):
        noise[i] = 0.8 * noise[i - 1] + rng.normal(0, 0.02)
    values = 1000 * np.exp(0.12 * np.cos(2 * np.pi * np.arange(len(days)) / 365.25) + noise)
    if step_day is not None:
        values[step_day:] *= 1.2
    return pd.Series(values, index=days)


@pytest.mark.parametrize("seed", [0, 1])
def test_daily_weather_spells_make_no_break_and_a_daily_step_is_dated(seed):
    # before: three breaks at Chow p < 1e-150 in every such series, at the season's turns
    assert detect_regimes(daily_load(step_day=None, seed=seed), markov=False,
                          n_bootstrap=0).breaks == ()
    stepped = detect_regimes(daily_load(step_day=600, seed=seed), markov=False, n_bootstrap=0)
    assert [b.period for b in stepped.breaks] == [str(pd.Period("2022-01-01", "D") + 600)]
