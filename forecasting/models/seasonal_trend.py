"""Seasonal log-linear trend: log y_t = a + b t + s_(season of t) + e_t, by OLS on the latest
`window` periods (default five seasons' worth), for monthly and daily data.

Seasonal effects are dummies (one per month or weekday, summing to zero); the trend follows
the most recent regime because only the window is used. Paths draw the coefficients once per
path from their estimated normal distribution and add independent noise each period, so the
bands widen with the horizon through the trend's uncertainty.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd

from forecasting.contracts import frequency_code
from forecasting.errors import SeriesTooShortError
from forecasting.models.base import Model

SEASONS = {"M": 12, "D": 7}


class SeasonalTrend(Model):
    name: ClassVar[str] = "seasonal_trend"
    frequencies: ClassVar[frozenset[str]] = frozenset({"M", "D"})
    min_observations: ClassVar[int] = 24

    def __init__(self, *, window: int | None = None, min_log_sd: float = 0.0) -> None:
        self.window = window
        self.min_log_sd = min_log_sd

    def observations_needed(self, freq: str) -> int:
        return 2 * SEASONS.get(frequency_code(freq), 12)

    def _fit(self, series: pd.Series) -> None:
        freq = frequency_code(series.index)
        self.season_ = SEASONS[freq]
        needed = self.observations_needed(freq)
        if len(series) < needed:
            raise SeriesTooShortError(self.name, needed, len(series))
        if (series <= 0).any():
            raise ValueError("seasonal_trend needs positive values")
        window = self.window or 5 * self.season_
        part = series.iloc[-window:]
        self.n_ = len(part)
        self.first_position_ = self._positions(part.index[:1])[0]
        design = self._design(np.arange(self.n_), self._positions(part.index))
        y = np.log(part.to_numpy(dtype=float))
        coef, *_ = np.linalg.lstsq(design, y, rcond=None)
        residuals = y - design @ coef
        dof = max(self.n_ - design.shape[1], 1)
        self.sd_ = max(float(np.sqrt(residuals @ residuals / dof)), self.min_log_sd)
        self.coef_ = coef
        self.cov_ = self.sd_**2 * np.linalg.pinv(design.T @ design)

    def _positions(self, index: pd.PeriodIndex) -> np.ndarray:
        if self.season_ == 12:
            return np.asarray(index.month) - 1
        return np.asarray(index.day_of_week)

    def _design(self, t: np.ndarray, positions: np.ndarray) -> np.ndarray:
        dummies = np.zeros((len(t), self.season_ - 1))
        for j in range(self.season_ - 1):
            dummies[:, j] = (positions == j).astype(float) - (positions == self.season_ - 1)
        return np.column_stack([np.ones(len(t)), t.astype(float), dummies])

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        future = self.future_index(horizon)
        design = self._design(self.n_ - 1 + np.arange(1, horizon + 1), self._positions(future))
        params = rng.multivariate_normal(self.coef_, self.cov_, size=n, method="svd")
        noise = rng.normal(0.0, self.sd_, size=(n, horizon))
        return np.exp(params @ design.T + noise)
