"""The growth of a seasonal monthly series in its last regime, per year, with a 90% interval.

Why not `detect_regimes` on the monthly values as they are: its piecewise trend takes the
seasonal swing (summer and winter peaks, spring and autumn troughs) for noise around the
trend, so a step no larger than a season's swing goes unseen (PSCO's 2022 step down, -14%, is
not found on its raw 2020-2024 monthly means) and the growth intervals are wide (FPL 1.4-6.0%/yr
raw, 2.3-4.2%/yr here). The season is removed first, and jointly with the trend:

1. Season: month-of-year effects s_m (centred, sum zero) of an OLS of log(value) on a
   separate line (intercept and slope) for each regime plus 11 month-of-year dummies, over
   the observed months at their true times (a missing month is left out, never filled). The
   first pass has one regime (one line). Removing per-month means of the logs instead would
   take part of the trend into the season (within each year the later months sit higher on a
   rising trend, and a step in mid-year lifts the months after it in more years than the
   months before it), and bend the growth of a short last regime (by a quarter for two years).
2. Breaks (`joint_season.tested_breaks`): `PiecewiseTrend` (the project's regime detector:
   exact search, BIC, every break's Chow p-value under 0.01) on exp(log(value) - s_m), with
   segments of at least `MIN_REGIME_MONTHS` months: a shorter regime cannot tell growth
   from season. Its Chow p-values assume independent months at a split fixed in advance;
   here the split is the best of many and a warm or cold spell lasts more than a month, so
   each break is tested again with the residual variance widened by the AR(1) factor below
   and the 0.01 divided by the number of split points searched (Bonferroni); a break
   failing it is dropped (the search redone with one break fewer). Without this, noise with
   a month-to-month autocorrelation of 0.2 made a break in 13 of 60 synthetic steady 5-year
   series (3%/yr, a 25% season) and the interval covered the true growth in 48; with it
   4 breaks and 54.
3. Steps 1 and 2 once more with the regimes found (`PASSES` in all), then the final joint
   fit: the last regime's slope b (log per month) is its growth, exp(12 b) - 1 per year.

Interval: the t-interval of b from the joint fit, its standard error widened for the
residuals' lag-1 autocorrelation rho (a warm or cold spell lasts more than a month, so
consecutive residuals are not independent and the plain OLS interval is too narrow) by
sqrt((1 + rho) / (1 - rho)), the usual AR(1) variance factor of a mean, rho in [0, 0.9]; the
degrees of freedom are the fit's. With no break the last regime is the whole history.

Deterministic: no randomness (the break-date bootstrap is not run; its dates are not used).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from forecasting.regimes._series import validate_series
from forecasting.regimes.joint_season import joint_fit, lag1, tested_breaks

#: shortest regime, months: a shorter one cannot tell growth from season
MIN_REGIME_MONTHS = 12
#: fewest observed months to measure growth besides the season (two of each month)
MIN_MONTHS = 24
MAX_BREAKS = 3
#: a break's Chow p-value must be under this (`PiecewiseTrend`'s default), variance widened
MAX_P_VALUE = 0.01
PASSES = 2
LEVEL = 0.90


@dataclass(frozen=True)
class RegimeGrowth:
    """Growth per year of the last regime (fractions: 0.054 is 5.4%/yr) and its interval;
    `start` the regime's first month, `last_break` the same month when the history has a
    break (None when the last regime is the whole history)."""

    start: str
    last_break: str | None
    growth: float
    low: float
    high: float
    months: int  # observed months in the last regime
    rho: float  # lag-1 autocorrelation of the joint fit's residuals (floored at 0)


def last_regime_growth(monthly: pd.Series) -> RegimeGrowth:
    """The last regime's growth per year of ``monthly`` (positive values on a monthly
    PeriodIndex without gaps; NaN for a month without evidence): module docstring.
    `SeriesTooShortError` under `MIN_MONTHS` observed months."""
    monthly = validate_series(monthly, "last_regime_growth", min_length=MIN_MONTHS,
                              allow_missing=True)
    observed = monthly.notna().to_numpy()
    t = np.arange(len(monthly), dtype=float)
    month = np.asarray(monthly.index.month)
    y = np.log(monthly.to_numpy(dtype=float))
    bounds = [0, len(monthly)]
    for _ in range(PASSES):
        season = _joint_fit(y, t, month, observed, bounds)[2]
        adjusted = y - season[month - 1]
        bounds = _breaks(adjusted, monthly.index, y, t, month, observed)
    slope, se, _, resid, dof = _joint_fit(y, t, month, observed, bounds)
    rho = lag1(resid, t[observed])
    se *= math.sqrt((1 + rho) / (1 - rho))
    q = float(stats.t.ppf(0.5 + LEVEL / 2, dof))
    start = monthly.index[bounds[-2]:][observed[bounds[-2]:]][0]
    return RegimeGrowth(
        start=str(start), last_break=str(start) if len(bounds) > 2 else None,
        growth=math.expm1(12 * slope), low=math.expm1(12 * (slope - q * se)),
        high=math.expm1(12 * (slope + q * se)),
        months=int(observed[bounds[-2]:].sum()), rho=rho)


def _breaks(adjusted: np.ndarray, index: pd.PeriodIndex, y, t, month, observed) -> list[int]:
    """Regime bounds (first positions and the end) of the deseasonalised logs ``adjusted``:
    `joint_season.tested_breaks` with segments of at least `MIN_REGIME_MONTHS` months
    (module docstring)."""
    return tested_breaks(adjusted, index, y, t, _month_columns(month), observed,
                         min_size=MIN_REGIME_MONTHS, max_breaks=MAX_BREAKS,
                         max_p_value=MAX_P_VALUE)[0]


def _month_columns(month: np.ndarray) -> np.ndarray:
    """11 month-of-year dummies (January the base)."""
    return np.column_stack([(month == m).astype(float) for m in range(2, 13)])


def _joint_fit(y, t, month, observed, bounds):
    """`joint_season.joint_fit` with 11 month-of-year dummies: (last regime's slope, its
    standard error, the 12 centred month effects, residuals, degrees of freedom)."""
    fit = joint_fit(y, t, _month_columns(month), observed, bounds)
    effects = np.concatenate([[0.0], fit.season_beta])
    return (float(fit.slopes[-1]), float(fit.ses[-1]), effects - effects.mean(), fit.resid,
            fit.dof)
