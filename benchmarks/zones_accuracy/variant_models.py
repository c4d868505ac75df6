"""Variants of the harmonic shrunk trend tried for issue 12 and not kept (`variants.py`).

Each is `harmonic_shrunk_trend` (log y_t = a + b t + K = 3 harmonics of the month, OLS on the
latest `window` months, centre at the window's middle level plus the slope shrunk by k =
max(0, 1 - (3 / t_b)^2)) with one change, and draws its paths as that model does (the
coefficients once per path, a slope N(0, se_b^2) from the middle of the window, independent
noise). They live with the benchmark, not in `forecasting/models/`, because none of them
beat the model they vary by more than the paths' noise.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd
from pandas.tseries.holiday import USFederalHolidayCalendar

from forecasting.models.base import Model
from forecasting.models.seasonal_trend import fit_seasonal_ols, harmonic_columns

#: the average share of Saturdays, Sundays and federal holidays in a month
MEAN_OFF_DAYS = 0.31


def off_day_share(index: pd.PeriodIndex) -> np.ndarray:
    """Each month's share of days that are a Saturday, a Sunday or a US federal holiday,
    less `MEAN_OFF_DAYS`."""
    first, last = index.min().start_time, index.max().end_time.normalize()
    holidays = set(USFederalHolidayCalendar().holidays(first, last).date)
    shares = []
    for month in index:
        days = pd.date_range(month.start_time, month.end_time.normalize(), freq="D")
        off = sum(1 for day in days if day.dayofweek >= 5 or day.date() in holidays)
        shares.append(off / len(days))
    return np.asarray(shares) - MEAN_OFF_DAYS


class HarmonicVariant(Model):
    """The harmonic shrunk trend with, optionally: a calendar column (`off_days`: the month's
    share of weekend days and holidays; `days_in_month`: its days less 30.44), a Huber fit
    (`huber` = c: iteratively reweighted, residuals beyond c robust standard deviations
    down-weighted), the level moved to the mean gap of the last `level_months` months from the
    centre line, or that gap carried forward as an AR(1) (`carry`: its factor phi^h, phi the
    gaps' lag-1 autocorrelation clipped to 0-0.9, from the mean gap of the last `carry`
    months)."""

    name: ClassVar[str] = "harmonic_variant"
    frequencies: ClassVar[frozenset[str]] = frozenset({"M"})
    min_observations: ClassVar[int] = 24

    def __init__(self, *, window: int = 36, off_days: bool = False,
                 days_in_month: bool = False, huber: float | None = None,
                 level_months: int | None = None, carry: int | None = None) -> None:
        self.window = window
        self.off_days = off_days
        self.days_in_month = days_in_month
        self.huber = huber
        self.level_months = level_months
        self.carry = carry

    def _design(self, t: np.ndarray, index: pd.PeriodIndex) -> np.ndarray:
        columns = [np.ones(len(t)), np.asarray(t, dtype=float),
                   harmonic_columns(np.asarray(index.month) - 1, 12, 3)]
        if self.off_days:
            columns.append(off_day_share(index)[:, None])
        if self.days_in_month:
            columns.append((np.asarray(index.days_in_month, dtype=float) - 30.44)[:, None])
        return np.column_stack(columns)

    def _fit(self, series: pd.Series) -> None:
        part = series.iloc[-self.window:]
        n = len(part)
        design = self._design(np.arange(n), part.index)
        y = np.log(part.to_numpy(dtype=float))
        weights = np.ones(n)
        for _ in range(20 if self.huber else 1):
            root = np.sqrt(weights)
            coef, *_ = np.linalg.lstsq(design * root[:, None], y * root, rcond=None)
            residuals = y - design @ coef
            if self.huber:
                spread = 1.4826 * np.median(np.abs(residuals - np.median(residuals))) + 1e-12
                scaled = np.abs(residuals) / (self.huber * spread)
                weights = np.where(scaled <= 1, 1.0, 1.0 / np.maximum(scaled, 1e-12))
        self.sd_ = float(np.sqrt(weights @ residuals**2 / max(n - design.shape[1], 1)))
        self.coef_ = coef
        self.cov_ = self.sd_**2 * np.linalg.pinv((design * weights[:, None]).T @ design)
        self.n_, self.middle_ = n, (n - 1) / 2.0
        self.slope_se_ = float(np.sqrt(self.cov_[1, 1]))
        slope = float(coef[1])
        ratio = (3.0 * self.slope_se_ / slope) ** 2 if slope else np.inf
        self.kept_slope_ = max(0.0, 1.0 - ratio) * slope
        centre = (self._design(np.full(n, self.middle_), part.index) @ coef
                  + self.kept_slope_ * (np.arange(n) - self.middle_))
        gaps = y - centre
        self.shift_ = 0.0
        if self.level_months:
            self.shift_ = float(gaps[-self.level_months:].mean())
        if self.carry:
            centred = gaps - gaps.mean()
            phi = float(centred[1:] @ centred[:-1] / (centred @ centred)) if centred.any() else 0
            self.phi_ = min(max(phi, 0.0), 0.9)
            self.carried_gap_ = float(gaps[-self.carry:].mean())

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        future = self.future_index(horizon)
        design = self._design(np.full(horizon, self.middle_), future)
        params = rng.multivariate_normal(self.coef_, self.cov_, size=n, method="svd")
        slope = rng.normal(0.0, self.slope_se_, size=(n, 1))
        from_middle = self.n_ - 1 + np.arange(1, horizon + 1) - self.middle_
        log_paths = (params @ design.T + (slope + self.kept_slope_) * from_middle
                     + rng.normal(0.0, self.sd_, size=(n, horizon)) + self.shift_)
        if self.carry:
            log_paths = log_paths + self.carried_gap_ * self.phi_ ** np.arange(1, horizon + 1)
        return np.exp(log_paths)


class HarmonicSplitWindows(Model):
    """The yearly shape from the latest `shape_window` months (the harmonic regression with
    its trend), the level and slope from an OLS line through the latest `window` months of the
    log load less that shape; the slope shrunk as in the harmonic shrunk trend."""

    name: ClassVar[str] = "harmonic_split_windows"
    frequencies: ClassVar[frozenset[str]] = frozenset({"M"})
    min_observations: ClassVar[int] = 24

    def __init__(self, *, window: int = 36, shape_window: int = 60) -> None:
        self.window = window
        self.shape_window = shape_window

    def _fit(self, series: pd.Series) -> None:
        coef, _, cov = fit_seasonal_ols(series.iloc[-self.shape_window:], 12, 0.0, 3)
        self.shape_, self.shape_cov_ = coef[2:], cov[2:, 2:]
        part = series.iloc[-self.window:]
        n = len(part)
        shape = harmonic_columns(np.asarray(part.index.month) - 1, 12, 3) @ self.shape_
        x = np.log(part.to_numpy(dtype=float)) - shape
        line = np.column_stack([np.ones(n), np.arange(n, dtype=float)])
        self.line_, *_ = np.linalg.lstsq(line, x, rcond=None)
        residuals = x - line @ self.line_
        self.sd_ = float(np.sqrt(residuals @ residuals / max(n - 8, 1)))
        self.line_cov_ = self.sd_**2 * np.linalg.inv(line.T @ line)
        self.n_, self.middle_ = n, (n - 1) / 2.0
        self.slope_se_ = float(np.sqrt(self.line_cov_[1, 1]))
        slope = float(self.line_[1])
        ratio = (3.0 * self.slope_se_ / slope) ** 2 if slope else np.inf
        self.kept_slope_ = max(0.0, 1.0 - ratio) * slope

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        future = self.future_index(horizon)
        columns = harmonic_columns(np.asarray(future.month) - 1, 12, 3)
        shape = rng.multivariate_normal(self.shape_, self.shape_cov_, size=n,
                                        method="svd") @ columns.T
        line = rng.multivariate_normal(self.line_, self.line_cov_, size=n, method="svd")
        level = line[:, :1] + line[:, 1:2] * self.middle_
        slope = rng.normal(0.0, self.slope_se_, size=(n, 1))
        from_middle = self.n_ - 1 + np.arange(1, horizon + 1) - self.middle_
        return np.exp(level + shape + (slope + self.kept_slope_) * from_middle
                      + rng.normal(0.0, self.sd_, size=(n, horizon)))
