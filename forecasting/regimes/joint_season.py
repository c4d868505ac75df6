"""The season of a sub-annual series fitted jointly with its regimes, and the break test that
allows for weather spells: the parts `last_regime` (zone runs) and `seasonal_detect`
(`detect_regimes` on monthly, daily and hourly series) share.

Why jointly: removing per-period-of-year means of the logs first would take part of the trend
into the season (within each year the later months sit higher on a rising trend, and a step
in mid-year lifts the months after it in more years than the months before it). So the logs
are fitted by OLS on a separate line (intercept and slope) per regime plus the season's
columns (`season_columns`), over the observed periods at their true times (a period without
evidence is left out, never filled).

Why the break test is redone (`tested_breaks`): `PiecewiseTrend`'s Chow p-values assume
independent periods at a split fixed in advance; here the split is the best of many and a warm
or cold spell lasts more than a period, so each break is tested again with the residual
variance widened by the AR(1) factor (1 + rho) / (1 - rho) of the joint fit's residuals (rho
their lag-1 autocorrelation, in [0, `MAX_RHO`]) and the p-value threshold divided by the
number of split points searched (Bonferroni). A break failing it is dropped (the search
redone with one break fewer).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from scipy import stats

from forecasting.contracts import frequency_code
from forecasting.regimes._series import ols_line
from forecasting.regimes.piecewise_trend import PiecewiseTrend
from forecasting.regimes.result import Break

MAX_RHO = 0.9
#: annual harmonics of a daily or hourly season (a month-of-year dummy per day would be 365
#: columns; three harmonics follow a summer and a winter peak)
HARMONICS = 3


def season_columns(index: pd.PeriodIndex) -> np.ndarray:
    """The season's regressors (no constant) of a sub-annual index: monthly, 11 month-of-year
    dummies (January the base); daily, 6 day-of-week dummies and `HARMONICS` annual Fourier
    pairs of the day of the year; hourly, also 23 hour-of-day dummies."""
    code = frequency_code(index)
    if code == "M":
        month = np.asarray(index.month)
        return np.column_stack([(month == m).astype(float) for m in range(2, 13)])
    if code not in ("D", "H"):
        raise ValueError(f"no season for frequency {code!r}")
    weekday = np.asarray(index.dayofweek)
    columns = [(weekday == d).astype(float) for d in range(1, 7)]
    year_fraction = (np.asarray(index.dayofyear) - 1) / 365.25
    if code == "H":
        hour = np.asarray(index.hour)
        columns += [(hour == h).astype(float) for h in range(1, 24)]
        year_fraction = year_fraction + hour / 24 / 365.25
    for k in range(1, HARMONICS + 1):
        angle = 2 * np.pi * k * year_fraction
        columns += [np.cos(angle), np.sin(angle)]
    return np.column_stack(columns)


@dataclass(frozen=True)
class JointFit:
    """OLS of the logs on a line per regime and the season's columns: each regime's slope
    (log per period) and standard error (plain OLS), the season's coefficients, the
    residuals of the observed periods and the degrees of freedom."""

    slopes: np.ndarray
    ses: np.ndarray
    season_beta: np.ndarray
    resid: np.ndarray
    dof: int


def joint_fit(y, t, season_x, observed, bounds) -> JointFit:
    """`JointFit` of ``y`` at times ``t`` (observed positions only) with regimes ``bounds``
    (first positions and the end) and the season's columns ``season_x``."""
    columns = []
    for a, b in zip(bounds[:-1], bounds[1:], strict=True):
        inside = ((t >= a) & (t < b)).astype(float)
        columns += [inside, inside * (t - a)]
    x = np.column_stack([*columns, season_x])[observed]
    target = y[observed]
    beta, *_ = np.linalg.lstsq(x, target, rcond=None)
    resid = target - x @ beta
    dof = max(len(target) - x.shape[1], 1)
    sigma2 = float(resid @ resid) / dof
    variances = np.diag(sigma2 * np.linalg.pinv(x.T @ x))
    slope_at = np.arange(1, len(columns), 2)
    return JointFit(slopes=beta[slope_at], ses=np.sqrt(np.maximum(variances[slope_at], 0.0)),
                    season_beta=beta[len(columns):], resid=resid, dof=dof)


def lag1(resid: np.ndarray, t: np.ndarray) -> float:
    """Lag-1 autocorrelation of residuals at times ``t``, over pairs of consecutive periods
    only (a gap breaks a pair), in [0, `MAX_RHO`]."""
    pairs = np.flatnonzero(np.diff(t) == 1)
    if len(pairs) < 3:
        return 0.0
    scale = float(resid @ resid) / len(resid)
    if scale <= 0:
        return 0.0
    rho = float(resid[pairs] @ resid[pairs + 1]) / len(pairs) / scale
    return min(max(rho, 0.0), MAX_RHO)


def tested_breaks(adjusted, index, y, t, season_x, observed, *, min_size: int,
                  max_breaks: int, max_p_value: float, n_bootstrap: int = 0,
                  seed: int = 0, rho_one_break: bool = False,
                  ) -> tuple[list[int], tuple[Break, ...]]:
    """Regime bounds (first positions and the end) of the deseasonalised logs ``adjusted``
    and their `Break`s: `PiecewiseTrend`'s breaks (segments of at least ``min_size``
    periods), kept when every one passes the Chow test at ``max_p_value`` over the split
    points the search chose from (`splits`), the residual variance widened by the AR(1)
    factor of the joint fit's residuals with those breaks; otherwise the search is redone
    allowing one break fewer (module docstring). Each `Break`'s p-value is that test's,
    Bonferroni-adjusted (times the split points, at most 1): a break is kept when it is under
    ``max_p_value``. ``rho_one_break``: the autocorrelation of each break's test is measured
    on the joint fit with that break alone, not with every break: with them the extra lines
    soak up the spells (seasonal AR(1) noise of rho 0.5 measured 0.46 without breaks and 0.0
    with two spurious ones, which then passed at p < 1e-4); without it (the null's fit) a
    real 20% step makes the residuals persistent and hides itself (rho 0.86)."""
    series = pd.Series(np.exp(adjusted), index=index)
    for most in range(max_breaks, 0, -1):
        trend = PiecewiseTrend(min_size=min_size, max_breaks=most, max_p_value=max_p_value,
                               n_bootstrap=n_bootstrap, seed=seed).fit(series)
        bounds = [0, *[b.index for b in trend.breaks_], len(adjusted)]
        if len(bounds) == 2:
            return bounds, ()
        factors = [_ar1_variance(y, t, season_x, observed,
                                 [0, bounds[j], bounds[-1]] if rho_one_break else bounds)
                   for j in range(1, len(bounds) - 1)]
        tests = [(chow_p(adjusted, observed, bounds[j - 1], bounds[j], bounds[j + 1],
                         factors[j - 1]),
                  splits(observed, bounds[j - 1], bounds[j + 1], min_size))
                 for j in range(1, len(bounds) - 1)]
        if all(p < max_p_value / n for p, n in tests):
            return bounds, tuple(replace(b, p_value=min(p * n, 1.0))
                                 for b, (p, n) in zip(trend.breaks_, tests, strict=True))
    return [0, len(adjusted)], ()


def _ar1_variance(y, t, season_x, observed, bounds) -> float:
    """AR(1) variance factor (1 + rho) / (1 - rho) of the joint fit's residuals."""
    rho = lag1(joint_fit(y, t, season_x, observed, bounds).resid, t[observed])
    return (1 + rho) / (1 - rho)


def splits(observed, a, c, min_size: int) -> int:
    """Split points the search could choose between positions a and c (each side at least
    ``min_size`` observed periods): the Bonferroni count of the best split's test."""
    return max(int(observed[a:c].sum()) - 2 * min_size + 1, 1)


def chow_p(z, observed, a, tau, c, factor) -> float:
    """Chow F-test p-value of one line against two on ``z`` over positions a..c split at
    ``tau`` (observed points only), the residual variance multiplied by ``factor``."""
    t = np.arange(len(z), dtype=float)
    left = observed & (t >= a) & (t < tau)
    right = observed & (t >= tau) & (t < c)
    both = left | right
    pooled = ols_line(z[both], t[both])[2]
    separate = ols_line(z[left], t[left])[2] + ols_line(z[right], t[right])[2]
    dof = int(both.sum()) - 4
    if dof <= 0 or separate <= 0:
        return 0.0 if dof > 0 and pooled > 0 else 1.0
    f_stat = max(pooled - separate, 0.0) / 2.0 / (factor * separate / dof)
    return float(stats.f.sf(f_stat, 2, dof))


def ar1_factor(rho: float) -> float:
    """Standard-error factor sqrt((1 + rho) / (1 - rho)) of AR(1) residuals (the usual
    variance factor of a mean)."""
    return math.sqrt((1 + rho) / (1 - rho))
