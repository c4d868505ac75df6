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


def seasonal_design(t: np.ndarray, index: pd.PeriodIndex, season: int,
                    harmonics: int | None = None) -> np.ndarray:
    """Columns: intercept, trend `t`, and the seasonal effects of each period of `index` (its
    month, or its weekday when `season` is 7): `season - 1` dummies summing to zero, or with
    `harmonics` = K the sine and cosine pairs of the first K harmonics of the season (each
    averaging zero over a full season; a smooth shape with 2K parameters)."""
    positions = np.asarray(index.month) - 1 if season == 12 else np.asarray(index.day_of_week)
    if harmonics is not None:
        return np.column_stack([np.ones(len(t)), np.asarray(t, dtype=float),
                                harmonic_columns(positions, season, harmonics)])
    dummies = np.zeros((len(t), season - 1))
    for j in range(season - 1):
        dummies[:, j] = (positions == j).astype(float) - (positions == season - 1)
    return np.column_stack([np.ones(len(t)), np.asarray(t, dtype=float), dummies])


def harmonic_columns(positions: np.ndarray, season: int, harmonics: int) -> np.ndarray:
    """sin(2 pi k p / season) and cos(2 pi k p / season), k = 1..`harmonics`, of positions p;
    the sine of the last harmonic is left out when it is zero at every position (k =
    season / 2)."""
    if not 1 <= harmonics <= season // 2:
        raise ValueError(f"harmonics must be between 1 and {season // 2} for a season of "
                         f"{season}")
    angle = 2.0 * np.pi * np.asarray(positions, dtype=float) / season
    columns = []
    for k in range(1, harmonics + 1):
        if 2 * k != season:
            columns.append(np.sin(k * angle))
        columns.append(np.cos(k * angle))
    return np.column_stack(columns)


def fit_seasonal_ols(
    part: pd.Series, season: int, min_log_sd: float, harmonics: int | None = None
) -> tuple[np.ndarray, float, np.ndarray]:
    """OLS of log `part` on `seasonal_design` (with `harmonics`) over its own positions
    0..n-1: the coefficients, the residual standard deviation (floored at `min_log_sd`) and
    the coefficients' covariance. A missing value (NaN: a month that is no evidence) is a row
    left out of the regression, its position kept, so the trend's time runs on through it."""
    design = seasonal_design(np.arange(len(part)), part.index, season, harmonics)
    y = np.log(part.to_numpy(dtype=float))
    observed = np.isfinite(y)
    design, y = design[observed], y[observed]
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    residuals = y - design @ coef
    dof = max(len(y) - design.shape[1], 1)
    sd = max(float(np.sqrt(residuals @ residuals / dof)), min_log_sd)
    return coef, sd, sd**2 * np.linalg.pinv(design.T @ design)


class SeasonalTrend(Model):
    name: ClassVar[str] = "seasonal_trend"
    frequencies: ClassVar[frozenset[str]] = frozenset({"M", "D"})
    min_observations: ClassVar[int] = 24
    # a regression: a missing period is a row left out (`fit_seasonal_ols`), not a reason to
    # drop the history before it
    missing_values: ClassVar[bool] = True

    def __init__(self, *, window: int | None = None, min_log_sd: float = 0.0) -> None:
        self.window = window
        self.min_log_sd = min_log_sd

    def observations_needed(self, freq: str) -> int:
        return 2 * SEASONS.get(frequency_code(freq), 12)

    def _fit(self, series: pd.Series) -> None:
        freq = frequency_code(series.index)
        self.season_ = SEASONS[freq]
        needed = self.observations_needed(freq)
        if int(series.notna().sum()) < needed:
            raise SeriesTooShortError(self.name, needed, int(series.notna().sum()))
        if (series <= 0).any():
            raise ValueError("seasonal_trend needs positive values")
        window = self.window or 5 * self.season_
        part = series.iloc[-window:]
        self.n_ = len(part)
        self.coef_, self.sd_, self.cov_ = fit_seasonal_ols(part, self.season_, self.min_log_sd)

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        future = self.future_index(horizon)
        design = seasonal_design(self.n_ - 1 + np.arange(1, horizon + 1), future, self.season_)
        params = rng.multivariate_normal(self.coef_, self.cov_, size=n, method="svd")
        noise = rng.normal(0.0, self.sd_, size=(n, horizon))
        return np.exp(params @ design.T + noise)
