"""Harmonic smoothed level: a smooth yearly shape, a level that follows the latest load, and a
slope kept only as far as the window measures it. Monthly data.

The model, on z_t = log y_t:

- the shape: the regression of `harmonic_shrunk_trend`, z_t = a + b t + sum_{k=1..K}
  (c_k sin(2 pi k m_t / 12) + d_k cos(2 pi k m_t / 12)) + e_t by OLS on the latest `window`
  months (default 36), m_t the month of t (0-11), K = `harmonics` (default 3); s_t is its
  harmonic part;
- the level: simple exponential smoothing of the deseasonalised x_t = z_t - s_t over the whole
  series, l_t = l_{t-1} + alpha (x_t - l_{t-1}), started at x_0, with alpha the value of
  0.05, 0.10, ..., 1.00 that gives the smallest sum of squared one-step errors (`sd` their
  standard deviation);
- the slope: b kept in proportion to how well the window measures it, k b with k = max(0,
  1 - (t0 / t_b)^2), t_b = b / se_b, t0 = `slope_threshold` (as `seasonal_shrunk_trend`).

The centre h months ahead is exp(l_T + k b h + s_(T+h)). Where the trend models hold a level
at the middle of their window, this one carries the latest months' level forward, as ETS does,
but with the three-harmonic shape, whose each month pools its neighbours' weather.

Paths: the seasonal coefficients drawn once per path from the regression's estimated normal
distribution, a slope k b + N(0, se_b^2), and the local-level recursion simulated forward from
l_T: x_(T+h) = l_(T+h-1) + e_h, l_(T+h) = l_(T+h-1) + alpha e_h, e_h ~ N(0, sd^2) (floored at
`min_log_sd`), so the bands widen with the horizon.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd

from forecasting.errors import SeriesTooShortError
from forecasting.models.base import Model
from forecasting.models.seasonal_trend import fit_seasonal_ols, harmonic_columns

SEASON = 12
#: the smoothing weights tried, 0.05 to 1 by 0.05
ALPHAS = np.round(np.arange(1, 21) * 0.05, 2)


def smoothed_level(x: np.ndarray) -> tuple[float, float, float]:
    """(last level, alpha, one-step error standard deviation) of simple exponential smoothing
    of `x` started at its first value, with the alpha of `ALPHAS` that minimises the squared
    one-step errors (the smallest such alpha on a tie). A missing value (NaN) leaves the
    level as it was and adds no error, as a local-level model's filter passes a missing
    observation."""
    x = np.asarray(x, dtype=float)
    x = x[int(np.flatnonzero(np.isfinite(x))[0]):]
    best: tuple[float, float, float] | None = None
    for alpha in ALPHAS:
        level, sse = float(x[0]), 0.0
        for value in x[1:]:
            if not np.isfinite(value):
                continue
            error = float(value) - level
            sse += error * error
            level += alpha * error
        if best is None or sse < best[0]:
            best = (sse, float(alpha), level)
    sse, alpha, level = best
    errors = int(np.isfinite(x[1:]).sum())
    return level, alpha, float(np.sqrt(sse / max(errors, 1)))


class HarmonicSmoothedLevel(Model):
    name: ClassVar[str] = "harmonic_smoothed_level"
    frequencies: ClassVar[frozenset[str]] = frozenset({"M"})
    min_observations: ClassVar[int] = 24
    # the shape a regression (a missing month a row left out), the level a filter that passes
    # a missing month: neither needs the history before a gap dropped
    missing_values: ClassVar[bool] = True

    def __init__(self, *, window: int = 36, harmonics: int = 3, slope_threshold: float = 3.0,
                 min_log_sd: float = 0.0) -> None:
        if slope_threshold < 0:
            raise ValueError("slope_threshold must be at least 0")
        self.window = window
        self.harmonics = harmonics
        self.slope_threshold = slope_threshold
        self.min_log_sd = min_log_sd

    def _fit(self, series: pd.Series) -> None:
        if int(series.notna().sum()) < self.min_observations:
            raise SeriesTooShortError(self.name, self.min_observations,
                                      int(series.notna().sum()))
        if (series <= 0).any():
            raise ValueError(f"{self.name} needs positive values")
        part = series.iloc[-self.window:]
        coef, _, cov = fit_seasonal_ols(part, SEASON, 0.0, self.harmonics)
        self.shape_coef_ = coef[2:]
        self.shape_cov_ = cov[2:, 2:]
        slope, self.slope_se_ = float(coef[1]), float(np.sqrt(cov[1, 1]))
        ratio = (self.slope_threshold * self.slope_se_ / slope) ** 2 if slope else np.inf
        self.shrinkage_ = max(0.0, 1.0 - ratio)
        self.kept_slope_ = self.shrinkage_ * slope
        deseasonalised = np.log(series.to_numpy(dtype=float)) - self._shape(series.index)
        self.level_, self.alpha_, sd = smoothed_level(deseasonalised)
        self.sd_ = max(sd, self.min_log_sd)

    def _columns(self, index: pd.PeriodIndex) -> np.ndarray:
        return harmonic_columns(np.asarray(index.month) - 1, SEASON, self.harmonics)

    def _shape(self, index: pd.PeriodIndex) -> np.ndarray:
        return self._columns(index) @ self.shape_coef_

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        columns = self._columns(self.future_index(horizon))
        shape = rng.multivariate_normal(self.shape_coef_, self.shape_cov_, size=n,
                                        method="svd") @ columns.T
        slope = self.kept_slope_ + rng.normal(0.0, self.slope_se_, size=(n, 1))
        errors = rng.normal(0.0, self.sd_, size=(n, horizon))
        # the level before month h: l_T plus alpha times the errors of months 1..h-1
        before = self.level_ + self.alpha_ * np.cumsum(errors, axis=1) - self.alpha_ * errors
        ahead = np.arange(1, horizon + 1)
        return np.exp(before + errors + shape + slope * ahead)
