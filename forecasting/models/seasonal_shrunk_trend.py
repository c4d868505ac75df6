"""Seasonal shrunk trend: the regression of `seasonal_level` (log y_t = a + b t + s_(season of
t) + e_t by OLS on the latest `window` periods, default three seasons' worth), with the slope
carried on beyond the middle of the window after shrinking it by how well the window measures
it: the centre is a + b (n - 1) / 2 + k b (t - (n - 1) / 2) plus the season, where

    k = max(0, 1 - (t0 / t_b)^2),   t_b = b / se_b,

with `slope_threshold` t0. At t0 = 1 this is the empirical-Bayes factor for a slope drawn
from N(0, tau^2) with tau^2 estimated by max(b^2 - se_b^2, 0) (positive part). A slope within
t0 standard errors of zero is dropped (the centre is `seasonal_level`'s); a slope many standard
errors from zero is kept almost whole (the centre tends to `seasonal_trend`'s on the same
window). The default t0 = 3 allows for OLS's standard error being too small when the
residuals of the same year move together (a hot year lifts every month; t0 = 2 would be the
factor with the slope's variance taken four times OLS's): on the 111 EIA-930 zones the
candidate alone does best at t0 = 3 of 1-6 (`benchmarks/zones_accuracy/shrinkage.py`). With
two to four years of history a fitted slope is mostly weather unless the growth is strong, so
the model lands between the two on its own evidence instead of a selection rule having to
pick one.

Paths: (a, b, s) drawn once per path from their estimated normal distribution, a slope k b +
N(0, se_b^2) applied from the middle of the window, and independent N(0, s^2) noise each period
(`s` the residual standard deviation, floored at `min_log_sd`), as in `seasonal_level`.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd

from forecasting.models.seasonal_level import SeasonalLevel


class SeasonalShrunkTrend(SeasonalLevel):
    name: ClassVar[str] = "seasonal_shrunk_trend"

    def __init__(self, *, window: int | None = None, min_log_sd: float = 0.0,
                 slope_threshold: float = 3.0, harmonics: int | None = None) -> None:
        super().__init__(window=window, min_log_sd=min_log_sd, harmonics=harmonics)
        if slope_threshold < 0:
            raise ValueError("slope_threshold must be at least 0")
        self.slope_threshold = slope_threshold

    def _fit(self, series: pd.Series) -> None:
        super()._fit(series)
        slope = float(self.coef_[1])
        ratio = (self.slope_threshold * self.slope_se_ / slope) ** 2 if slope else np.inf
        self.shrinkage_ = max(0.0, 1.0 - ratio)
        self.kept_slope_ = self.shrinkage_ * slope

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        # seasonal_level's draw, whose slope term is N(0, se_b^2) from the middle of the window,
        # plus the kept slope from the same point
        paths = super().sample_paths(horizon, n, rng)
        from_middle = self.n_ - 1 + np.arange(1, horizon + 1) - self.middle_
        return paths * np.exp(self.kept_slope_ * from_middle)
