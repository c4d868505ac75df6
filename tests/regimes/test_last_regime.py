"""The last regime's growth of a seasonal monthly series (forecasting/regimes/last_regime.py):
a level step smaller than the season's swing (PSCO's 2022 step down, -14%) is found at its
month, with the growth since it; the weather's month-to-month persistence does not make breaks
of a steady series (its interval then covers the true growth). Synthetic monthly series."""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.regimes.last_regime import last_regime_growth

MONTHS = pd.period_range("2020-01", "2024-12", freq="M")


def seasonal(growth: float, *, step: float = 0.0, step_at: str = "2022-08", rho: float = 0.0,
             noise: float = 0.02, seed: int = 0) -> pd.Series:
    """Monthly MW with a 25% summer and winter swing, `growth` per year, a level step and
    AR(1) log noise of month-to-month correlation `rho`."""
    rng = np.random.default_rng(seed)
    shocks = rng.normal(size=len(MONTHS)) * noise * np.sqrt(1 - rho**2)
    e = np.empty(len(MONTHS))
    e[0] = shocks[0] / np.sqrt(1 - rho**2)
    for i in range(1, len(MONTHS)):
        e[i] = rho * e[i - 1] + shocks[i]
    t = np.arange(len(MONTHS)) / 12.0
    swing = 1 + 0.25 * np.cos(4 * np.pi * (np.asarray(MONTHS.month) - 1.5) / 12)
    level = np.where(MONTHS >= pd.Period(step_at, "M"), 1 + step, 1.0)
    return pd.Series(5000.0 * (1 + growth) ** t * level * swing * np.exp(e), index=MONTHS)


def test_a_step_smaller_than_the_season_is_found_with_the_growth_since_it():
    found = last_regime_growth(seasonal(0.04, step=-0.14))
    assert found.last_break is not None
    assert abs((pd.Period(found.last_break, "M") - pd.Period("2022-08", "M")).n) <= 1
    assert found.start == found.last_break
    assert found.low < 0.04 < found.high
    assert found.months == len(MONTHS[MONTHS >= pd.Period(found.start, "M")])


def test_persistent_weather_does_not_make_breaks_of_a_steady_series():
    found = [last_regime_growth(seasonal(0.03, rho=0.3, seed=seed)) for seed in range(20)]
    assert sum(f.last_break is not None for f in found) <= 3
    assert sum(f.low < 0.03 < f.high for f in found) >= 16
    steady = [f for f in found if f.last_break is None]
    assert all(f.start == "2020-01" and f.months == len(MONTHS) for f in steady)
