"""Breaks in a piecewise log-linear trend, found by exact search and chosen by BIC.

Evidence only: a period without a value (NaN: an interpolated year, a month with no data) is
not a point. The method runs on the `n` observed points at their true times `t` (in periods
from the first), so gaps keep their spacing and every count below (`n`, `min_size`, the
degrees of freedom) counts points, never filled periods.

Method
------
Let `y_t = log(value_t)` at the observed times `t`. For `k = 0..max_breaks` breaks,
the exact least-squares segmentation of `y` into `k + 1` separate lines `a_j + b_j t` (every
segment at least `min_size` periods long) is found by dynamic programming with `ruptures`
(`Dynp`, cost `CostLinear` with regressors `[1, t]`, `jump=1`). The segments are *not* forced to
join, so a break can be a change of level, of growth, or both.

The number of breaks minimises

    BIC(k) = n * ln(SSE_k / n) + (4k + 3) * ln(n)

where `SSE_k` is the total sum of squared residuals of the best `k`-break fit (floored at
`n * 1e-18`, a residual RMS of 1e-9 on the log scale, so noiseless inputs do not reward extra
breaks through rounding error) and `4k + 3` counts, per segment, intercept, slope and a
variance (`3(k + 1)`), plus one location per break (`k`). The likelihood term is the Gaussian
log-likelihood with one pooled variance (the one `Dynp`'s least-squares criterion maximises);
counting a variance per segment therefore acts as an extra `ln(n)` penalty per break. Measured
on pure log-linear trend + Gaussian noise (100 seeds each, `min_size=3`, `max_breaks=3`), it
finds a spurious break in 6% of series at n = 24, 3% at n = 36 and 2% at n = 60 (a count of
`3k + 3` gives 24% at n = 24).

A break's `period` is the first period of the new segment.

False alarms on short series: BIC alone flags about 12% of simulated annual series of 15-40
years with no break (benchmarks/regimes/). So the BIC choice is also required to pass, break
by break, the Chow test below at `max_p_value` (default 0.01); if one break fails, the best
segmentation with one break fewer is tried, and so on. Chosen on the benchmark's 240 series
(not on any one series): at 0.01 it flags 9% of no-break series and still finds 98% of the
true breaks within 2 years; 0.001 would flag 3% but find 96%.

Significance: for each break, a Chow F-test compares one line against two lines on the union
of the two segments adjacent to the break, `F = ((S_1 - S_2) / 2) / (S_2 / (m - 4))` with
`F(2, m - 4)` (m periods in the two segments). The p-value is *nominal*: it ignores that the
break date was chosen to fit the data, so it is too small for marginal breaks; use it to rank
breaks, not as an exact test.

Confidence interval of a break date: residual bootstrap. Residuals of the chosen fit are
centred, inflated by `sqrt(n / (n - 2(k + 1)))` and resampled with replacement (numpy
`default_rng(seed)`) onto the fitted values of the window formed by the two adjacent segments;
the break is re-estimated in that window (neighbouring breaks held fixed, same `min_size`), and
the `(1 - ci_level) / 2` and `(1 + ci_level) / 2` quantiles of the re-estimated dates (lower
and higher order statistics) give `ci_low` and `ci_high`. The interval is widened, if needed,
to contain the estimated break and the old segment's last point (the break happened between
them, so an interval never has zero width).

Cost: `Dynp` evaluates O(max_breaks * n^2) segment fits, fine for annual and monthly series
(n up to a few hundred); it is not meant for long hourly series.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import ruptures as rpt
from scipy import stats

from forecasting.contracts import frequency_code
from forecasting.regimes._series import (
    ols_line,
    period_label,
    two_line_sse,
    validate_series,
)
from forecasting.regimes.result import Break, Segment

#: residual RMS (log scale) below which fits count as exact in the BIC
_SSE_FLOOR_RMS = 1e-9


class PiecewiseTrend:
    """Piecewise log-linear trend with breaks chosen by BIC (see module docstring).

    Parameters
    ----------
    min_size : minimum number of periods in a segment (at least 3).
    max_breaks : largest number of breaks considered (0 means "never break").
    n_bootstrap : bootstrap replicates for each break's confidence interval; 0 gives a
        degenerate interval equal to the break itself.
    ci_level : coverage of the break-date interval.
    growth_level : coverage of the segment growth intervals.
    max_p_value : a segmentation is kept only if every break's Chow p-value is below this;
        otherwise the next smaller number of breaks is tried (1 keeps BIC alone).
    seed : seed of `numpy.random.default_rng` for the bootstrap.

    After `fit(series)`: `breaks_` (tuple of `Break`), `segments_` (tuple of `Segment`),
    `n_breaks_`, `breakpoints_` (ruptures convention: segment ends, last one `n`), `bic_`
    (dict from number of breaks to BIC), `fitted_` (fitted log values, a Series), `frequency_`.
    """

    def __init__(
        self,
        *,
        min_size: int = 3,
        max_breaks: int = 3,
        n_bootstrap: int = 199,
        ci_level: float = 0.90,
        growth_level: float = 0.90,
        max_p_value: float = 0.01,
        seed: int = 0,
    ) -> None:
        if int(min_size) != min_size or min_size < 3:
            raise ValueError("min_size must be an integer >= 3")
        if int(max_breaks) != max_breaks or max_breaks < 0:
            raise ValueError("max_breaks must be an integer >= 0")
        if int(n_bootstrap) != n_bootstrap or n_bootstrap < 0:
            raise ValueError("n_bootstrap must be an integer >= 0")
        if not 0 < ci_level < 1 or not 0 < growth_level < 1:
            raise ValueError("ci_level and growth_level must lie strictly between 0 and 1")
        self.min_size = int(min_size)
        self.max_breaks = int(max_breaks)
        self.n_bootstrap = int(n_bootstrap)
        self.ci_level = float(ci_level)
        self.growth_level = float(growth_level)
        if not 0 < max_p_value <= 1:
            raise ValueError("max_p_value must lie in (0, 1]")
        self.max_p_value = float(max_p_value)
        self.seed = seed

    # ------------------------------------------------------------------ fitting
    def fit(self, series: pd.Series) -> PiecewiseTrend:
        series = validate_series(series, "piecewise_trend", min_length=self.min_size,
                                 allow_missing=True)
        index = series.index
        observed = series.notna().to_numpy()
        self.positions_ = np.flatnonzero(observed)  # periods with evidence
        t = self.positions_.astype(float)
        y = np.log(series.to_numpy(dtype=float)[observed])
        n = len(y)
        self.frequency_ = frequency_code(index)

        bkps_by_k = self._search(y, t)
        floor = n * _SSE_FLOOR_RMS**2
        self.bic_ = {}
        for k, bkps in bkps_by_k.items():
            sse = sum(ols_line(y[a:b], t[a:b])[2] for a, b in _pairs(bkps))
            self.bic_[k] = n * math.log(max(sse, floor) / n) + (4 * k + 3) * math.log(n)
        best_k = min(self.bic_, key=lambda k: (self.bic_[k], k))
        while best_k > 0 and not self._significant(y, t, bkps_by_k[best_k]):
            best_k -= 1
        bkps = bkps_by_k[best_k]
        self.n_breaks_ = best_k
        self.breakpoints_ = list(bkps)

        fitted = np.empty(n)
        for a, b in _pairs(bkps):
            intercept, slope, _ = ols_line(y[a:b], t[a:b])
            fitted[a:b] = intercept + slope * t[a:b]
        points = index[self.positions_]
        self.fitted_ = pd.Series(fitted, index=points, name="fitted_log")

        self.segments_ = tuple(
            self._segment(y[a:b], t[a:b], points[a], points[b - 1]) for a, b in _pairs(bkps)
        )
        self.breaks_ = self._breaks(y, t, fitted, bkps, points)
        return self

    def _significant(self, y: np.ndarray, t: np.ndarray, bkps: list[int]) -> bool:
        """Every break of the segmentation passes the Chow test at `max_p_value`."""
        bounds = [0, *bkps]
        for j in range(1, len(bkps)):
            a, tau, c = bounds[j - 1], bounds[j], bounds[j + 1]
            p = chow_p_value(y[a:tau], y[tau:c], t[a:tau], t[tau:c])
            if not p < self.max_p_value:
                return False
        return True

    def _search(self, y: np.ndarray, t: np.ndarray) -> dict[int, list[int]]:
        """Best breakpoints (ruptures convention, in points) for every feasible number of
        breaks; `t` are the points' periods (gaps keep their true spacing)."""
        n = len(y)
        k_max = min(self.max_breaks, n // self.min_size - 1)
        found: dict[int, list[int]] = {0: [n]}
        if k_max < 1:
            return found
        signal = np.column_stack([y - y.mean(), np.ones(n), t - t.mean()])
        algo = rpt.Dynp(model="linear", min_size=self.min_size, jump=1).fit(signal)
        try:
            for k in range(1, k_max + 1):
                try:
                    found[k] = [int(b) for b in algo.predict(n_bkps=k)]
                except rpt.exceptions.BadSegmentationParameters:
                    break
        finally:
            algo.seg.cache_clear()  # ruptures memoises on the class; free it
        return found

    def _segment(self, ys: np.ndarray, ts: np.ndarray, first: pd.Period,
                 last: pd.Period) -> Segment:
        m = len(ys)
        _, slope, sse = ols_line(ys, ts)
        stt = float(((ts - ts.mean()) ** 2).sum())
        dof = m - 2
        if dof > 0:
            se = math.sqrt(sse / dof / stt)
            q = float(stats.t.ppf(0.5 + self.growth_level / 2, dof))
            low, high = math.expm1(slope - q * se), math.expm1(slope + q * se)
        else:  # pragma: no cover - min_size >= 3 guarantees dof >= 1
            low = high = math.nan
        return Segment(
            start=period_label(first),
            end=period_label(last),
            growth_rate=math.expm1(slope),
            growth_low=low,
            growth_high=high,
            n_periods=int(ts[-1] - ts[0]) + 1,
            n_points=m,
        )

    def _breaks(
        self, y: np.ndarray, t: np.ndarray, fitted: np.ndarray, bkps: list[int],
        points: pd.PeriodIndex,
    ) -> tuple[Break, ...]:
        n = len(y)
        k = len(bkps) - 1
        if k == 0:
            return ()
        bounds = [0, *bkps]
        resid = y - fitted
        resid = (resid - resid.mean()) * math.sqrt(n / (n - 2 * (k + 1)))
        rng = np.random.default_rng(self.seed)
        out = []
        for j in range(1, k + 1):
            a, tau, c = bounds[j - 1], bounds[j], bounds[j + 1]
            p_value = chow_p_value(y[a:tau], y[tau:c], t[a:tau], t[tau:c])
            low, high = self._bootstrap_interval(fitted[a:c], t[a:c], resid, tau - a, rng)
            # the break lies between the old segment's last point and the new one's first:
            # the interval spans at least that, so it never has zero width
            low, high = min(low, tau - a - 1), max(high, tau - a)
            out.append(
                Break(
                    period=period_label(points[tau]),
                    index=int(self.positions_[tau]),
                    ci_low=period_label(points[a + low]),
                    ci_high=period_label(points[a + high]),
                    p_value=p_value,
                )
            )
        return tuple(out)

    def _bootstrap_interval(
        self, fitted: np.ndarray, t: np.ndarray, resid: np.ndarray, tau: int,
        rng: np.random.Generator,
    ) -> tuple[int, int]:
        """Bootstrap interval of the split point within one window (points in window)."""
        if self.n_bootstrap == 0:
            return tau, tau
        w = len(fitted)
        candidates = np.arange(self.min_size, w - self.min_size + 1)
        draws = rng.choice(resid, size=(self.n_bootstrap, w), replace=True)
        sse = two_line_sse(fitted[None, :] + draws, candidates, t)
        taus = candidates[np.argmin(sse, axis=1)]
        alpha = 1.0 - self.ci_level
        low = int(np.quantile(taus, alpha / 2, method="lower"))
        high = int(np.quantile(taus, 1 - alpha / 2, method="higher"))
        return min(low, tau), max(high, tau)


def chow_p_value(left: np.ndarray, right: np.ndarray, t_left: np.ndarray | None = None,
                 t_right: np.ndarray | None = None) -> float:
    """Chow F-test p-value: one line on `left + right` against one line on each part (at
    times `t_left`, `t_right`; default consecutive periods)."""
    if t_left is None or t_right is None:
        t_left = np.arange(len(left), dtype=float)
        t_right = len(left) + np.arange(len(right), dtype=float)
    pooled = ols_line(np.concatenate([left, right]), np.concatenate([t_left, t_right]))[2]
    separate = ols_line(left, t_left)[2] + ols_line(right, t_right)[2]
    dof = len(left) + len(right) - 4
    if dof <= 0:
        return math.nan
    if separate <= 0.0:
        return 0.0 if pooled > 0.0 else math.nan
    f_stat = max(pooled - separate, 0.0) / 2.0 / (separate / dof)
    return float(stats.f.sf(f_stat, 2, dof))


def _pairs(bkps: list[int]) -> list[tuple[int, int]]:
    starts = [0, *bkps[:-1]]
    return list(zip(starts, bkps, strict=True))
