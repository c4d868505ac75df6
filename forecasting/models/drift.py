"""Random walk with drift (the classic benchmark).

On the model scale z (log values when `log=True` and every value is positive, else levels):
z_t = z_{t-1} + mu + e_t, e_t ~ N(0, s^2). `mu` is the slope of the line from the first to
the last observation, (z_last - z_first) / S over the S periods between them (the mean first
difference when nothing is missing), and `s` the standard deviation of the steps: missing
periods (NaN) are taken as missing, a difference d over a gap of k periods being k steps, so
s^2 = sum((d - k mu)^2 / k) / (m - 1) over the m differences of consecutive observations
(the first differences' variance when nothing is missing), floored at `min_sd`.

Paths: each path draws its own drift from N(mu, s^2 / S) (the parameter uncertainty of the
slope), then simulates the random walk from the last observation with independent N(0, s^2)
steps, across any missing last periods to the forecast horizon; values are mapped back with
exp on the log scale.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd

from forecasting.models._common import LogScale, observed_on_scale
from forecasting.models.base import Model


class Drift(Model):
    name: ClassVar[str] = "drift"
    frequencies: ClassVar[frozenset[str]] = frozenset({"Y", "M", "D", "H"})
    min_observations: ClassVar[int] = 3
    missing_values: ClassVar[bool] = True

    def __init__(self, *, log: bool = True, min_sd: float = 0.0) -> None:
        self.log = log
        self.min_sd = min_sd

    def _fit(self, series: pd.Series) -> None:
        self.scale_ = LogScale.choose(series, self.log)
        at, z, self.ahead_ = observed_on_scale(series, self.scale_)
        gaps = np.diff(at).astype(float)
        span = float(at[-1] - at[0])
        self.last_ = float(z[-1])
        self.drift_ = float((z[-1] - z[0]) / span)
        deviations = np.diff(z) - gaps * self.drift_
        dof = max(len(gaps) - 1, 1)
        self.sd_ = max(float(np.sqrt(np.sum(deviations**2 / gaps) / dof)), self.min_sd)
        self.drift_se_ = self.sd_ / np.sqrt(span)

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        drift = rng.normal(self.drift_, self.drift_se_, size=(n, 1))
        steps = drift + rng.normal(0.0, self.sd_, size=(n, self.ahead_ + horizon))
        return self.scale_.back(self.last_ + np.cumsum(steps, axis=1)[:, self.ahead_:])
