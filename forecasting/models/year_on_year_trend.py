"""Linear trend from the year-on-year change of the last twelve months (levels, no log).

For a series with `season` periods a year (12 monthly), with L the mean of the last `season`
observations and L_prev the mean of the `season` before them, the level trend is

    y_{T+h} = L + b (h + (season - 1) / 2),   b = (L - L_prev) / season,

where (season - 1) / 2 moves from the middle of the last year (where L sits) to its last
period. Built for a slowly ramping component measured with weather noise month to month (a
zone's data-center load): a random walk on those months would take the noise for steps, the
annual means average it out.

Uncertainty is that of the slope: each path draws b ~ N(b, s^2 / season^2), s the standard
deviation of the year-on-year changes of consecutive non-overlapping annual means counted
back from the end (at least two changes; with fewer, s = |L - L_prev|, the change itself).
Paths are floored at `floor` (None: no floor). Missing values are not supported: the model is
fitted on the values after the last gap.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd

from forecasting.models.base import Model


class YearOnYearTrend(Model):
    name: ClassVar[str] = "year_on_year_trend"
    frequencies: ClassVar[frozenset[str]] = frozenset({"M"})
    min_observations: ClassVar[int] = 12

    def __init__(self, *, season: int = 12, floor: float | None = 0.0) -> None:
        self.season = season
        self.floor = floor

    def _fit(self, series: pd.Series) -> None:
        values = series.to_numpy(dtype=float)
        m = self.season
        self.level_ = float(values[-m:].mean())
        previous = float(values[-2 * m:-m].mean()) if len(values) >= 2 * m else self.level_
        self.slope_ = (self.level_ - previous) / m
        years = len(values) // m
        means = values[len(values) - years * m:].reshape(years, m).mean(axis=1)
        changes = np.diff(means)
        spread = (float(np.std(changes, ddof=1)) if len(changes) >= 2
                  else abs(self.level_ - previous))
        self.slope_sd_ = spread / m

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        slope = rng.normal(self.slope_, self.slope_sd_, size=(n, 1))
        return self._trend(slope, horizon)

    def mean_path(self, horizon: int) -> np.ndarray:
        """The trend without the slope's uncertainty (floored like the paths)."""
        return self._trend(np.float64(self.slope_), horizon)

    def _trend(self, slope, horizon: int) -> np.ndarray:
        steps = np.arange(1, horizon + 1, dtype=float) + (self.season - 1) / 2.0
        paths = self.level_ + slope * steps
        return paths if self.floor is None else np.maximum(paths, self.floor)
