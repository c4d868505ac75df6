"""Log-linear trend on the last regime: find the breaks, then extrapolate the newest segment.

`fit` runs the piecewise log-linear break search (forecasting/regimes/piecewise_trend.py,
BIC-chosen number of breaks, no bootstrap) on the series and fits a `LogLinearTrend` to the
periods after the last break; with no break it uses the whole series. Paths are the trend's
paths (parameter uncertainty plus noise, the residual s.d. floored at `min_log_sd`). Missing
periods (NaN) are not points: the search and the trend run on the observed periods at their
true times. This is
what lets the baseline follow the 2017 regime change instead of averaging over two decades.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd

from forecasting.models.base import Model
from forecasting.models.loglinear_trend import LogLinearTrend
from forecasting.regimes.piecewise_trend import PiecewiseTrend


class RegimeTrend(Model):
    name: ClassVar[str] = "regime_trend"
    frequencies: ClassVar[frozenset[str]] = frozenset({"Y", "M"})
    min_observations: ClassVar[int] = 6
    missing_values: ClassVar[bool] = True

    def __init__(self, *, min_size: int = 3, max_breaks: int = 3, min_log_sd: float = 0.02
                 ) -> None:
        self.min_size = min_size
        self.max_breaks = max_breaks
        self.min_log_sd = min_log_sd

    def _fit(self, series: pd.Series) -> None:
        if (series <= 0).any():
            raise ValueError("regime_trend needs positive values")
        detector = PiecewiseTrend(min_size=self.min_size, max_breaks=self.max_breaks,
                                  n_bootstrap=0).fit(series)
        # breakpoints count observed points; positions_ maps them back to periods
        first_point = detector.breakpoints_[-2] if len(detector.breakpoints_) > 1 else 0
        start = int(detector.positions_[first_point])
        self.regime_start_ = series.index[start]
        self.trend_ = LogLinearTrend(min_log_sd=self.min_log_sd).fit(series.iloc[start:])

    @property
    def growth_rate_(self) -> float:
        return self.trend_.growth_rate_

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        return self.trend_.sample_paths(horizon, n, rng)
