"""Seasonal level: the regression of `seasonal_trend`, log y_t = a + b t + s_(season of t) +
e_t by OLS on the latest `window` periods (default three seasons' worth), forecast without
its slope: the centre is the level at the middle of the window, a + b (n - 1) / 2, plus the
season. For monthly and daily data.

With two to four years of history a fitted slope is mostly the weather of the last years
(`seasonal_trend` extrapolates it); the trend term is kept in the fit so that it does not
leak into the seasonal effects, and what is not known about the slope stays in the bands:
each path draws (a, b, s) once from their estimated normal distribution, then a slope from
N(0, se_b^2) (se_b the slope's standard error) applied from the middle of the window, and
independent N(0, s^2) noise each period (`s` the residual standard deviation, floored at
`min_log_sd`). So the centre is flat from year to year and the bands widen with the horizon.

`harmonics` = K replaces the `season - 1` seasonal dummies by the first K harmonics of the
season (`seasonal_trend.seasonal_design`); None (the default) keeps the dummies.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd

from forecasting.contracts import frequency_code
from forecasting.errors import SeriesTooShortError
from forecasting.models.base import Model
from forecasting.models.seasonal_trend import SEASONS, fit_seasonal_ols, seasonal_design


class SeasonalLevel(Model):
    name: ClassVar[str] = "seasonal_level"
    frequencies: ClassVar[frozenset[str]] = frozenset({"M", "D"})
    min_observations: ClassVar[int] = 24
    # a regression: a missing period is a row left out (`fit_seasonal_ols`)
    missing_values: ClassVar[bool] = True

    def __init__(self, *, window: int | None = None, min_log_sd: float = 0.0,
                 harmonics: int | None = None) -> None:
        self.window = window
        self.min_log_sd = min_log_sd
        self.harmonics = harmonics

    def observations_needed(self, freq: str) -> int:
        return 2 * SEASONS.get(frequency_code(freq), 12)

    def _fit(self, series: pd.Series) -> None:
        freq = frequency_code(series.index)
        self.season_ = SEASONS[freq]
        needed = self.observations_needed(freq)
        if int(series.notna().sum()) < needed:
            raise SeriesTooShortError(self.name, needed, int(series.notna().sum()))
        if (series <= 0).any():
            raise ValueError(f"{self.name} needs positive values")
        part = series.iloc[-(self.window or 3 * self.season_):]
        self.n_ = len(part)
        self.middle_ = (self.n_ - 1) / 2.0
        self.coef_, self.sd_, self.cov_ = fit_seasonal_ols(part, self.season_, self.min_log_sd,
                                                           self.harmonics)
        self.slope_se_ = float(np.sqrt(self.cov_[1, 1]))

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        future = self.future_index(horizon)
        # every future period at the middle of the window: the level there and its season
        design = seasonal_design(np.full(horizon, self.middle_), future, self.season_,
                                 self.harmonics)
        params = rng.multivariate_normal(self.coef_, self.cov_, size=n, method="svd")
        slope = rng.normal(0.0, self.slope_se_, size=(n, 1))
        from_middle = self.n_ - 1 + np.arange(1, horizon + 1) - self.middle_
        noise = rng.normal(0.0, self.sd_, size=(n, horizon))
        return np.exp(params @ design.T + slope * from_middle + noise)
