"""Log-linear trend: constant growth fitted by OLS on log values (the thin baseline).

log y_t = a + b t + e_t, e_t ~ N(0, s^2), fitted on the observed periods at their true times t
(a missing period, NaN, is not a point; the forecast starts after the last period given).
Paths draw (a, b) once per path from their
estimated joint normal distribution (parameter uncertainty, which widens bands with the
horizon) and add independent noise each period. `s` is floored at `min_log_sd`, because
a short or smooth history understates how noisy the series is.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd

from forecasting.models._common import observed_positions
from forecasting.models.base import Model


class LogLinearTrend(Model):
    name: ClassVar[str] = "loglinear_trend"
    frequencies: ClassVar[frozenset[str]] = frozenset({"Y", "M", "D", "H"})
    min_observations: ClassVar[int] = 3
    missing_values: ClassVar[bool] = True

    def __init__(self, *, last_n: int | None = None, min_log_sd: float = 0.0) -> None:
        self.last_n = last_n
        self.min_log_sd = min_log_sd

    def _fit(self, series: pd.Series) -> None:
        window = series if self.last_n is None else series.iloc[-self.last_n :]
        if (window <= 0).any():
            raise ValueError("log-linear trend needs positive values")
        t = observed_positions(window).astype(float)
        n = len(t)
        if n < 2:
            raise ValueError("log-linear trend needs two observed values")
        self.t_last_ = len(window) - 1
        design = np.column_stack([np.ones(n), t])
        y = np.log(window.to_numpy(dtype=float)[t.astype(int)])
        coef, *_ = np.linalg.lstsq(design, y, rcond=None)
        residuals = y - design @ coef
        dof = max(n - 2, 1)
        sd = float(np.sqrt(residuals @ residuals / dof))
        self.coef_ = coef
        self.sd_ = max(sd, self.min_log_sd)
        self.cov_ = self.sd_**2 * np.linalg.inv(design.T @ design)

    @property
    def growth_rate_(self) -> float:
        """Fitted growth per period, e.g. 0.18 for 18%/yr."""
        return float(np.expm1(self.coef_[1]))

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        t = self.t_last_ + np.arange(1, horizon + 1, dtype=float)
        params = rng.multivariate_normal(self.coef_, self.cov_, size=n, method="cholesky")
        noise = rng.normal(0.0, self.sd_, size=(n, horizon))
        return np.exp(params[:, [0]] + params[:, [1]] * t + noise)
