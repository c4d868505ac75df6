"""Random walk with drift (the classic benchmark).

On the model scale z (log values when `log=True` and every value is positive, else levels):
z_t = z_{t-1} + mu + e_t, e_t ~ N(0, s^2). `mu` is the mean first difference (the slope of
the line from the first to the last observation) and `s` the standard deviation of the first
differences (floored at `min_sd`).

Paths: each path draws its own drift from N(mu, s^2 / (T - 1)) (the parameter uncertainty
of the mean of T - 1 differences), then simulates the random walk from the last observation
with independent N(0, s^2) steps; values are mapped back with exp on the log scale.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd

from forecasting.models._common import LogScale
from forecasting.models.base import Model


class Drift(Model):
    name: ClassVar[str] = "drift"
    frequencies: ClassVar[frozenset[str]] = frozenset({"Y", "M", "D", "H"})
    min_observations: ClassVar[int] = 3

    def __init__(self, *, log: bool = True, min_sd: float = 0.0) -> None:
        self.log = log
        self.min_sd = min_sd

    def _fit(self, series: pd.Series) -> None:
        self.scale_ = LogScale.choose(series, self.log)
        z = self.scale_.forward(series.to_numpy())
        steps = np.diff(z)
        self.last_ = float(z[-1])
        self.drift_ = float(steps.mean())
        self.sd_ = max(float(steps.std(ddof=1)), self.min_sd)
        self.drift_se_ = self.sd_ / np.sqrt(len(steps))

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        drift = rng.normal(self.drift_, self.drift_se_, size=(n, 1))
        steps = drift + rng.normal(0.0, self.sd_, size=(n, horizon))
        return self.scale_.back(self.last_ + np.cumsum(steps, axis=1))
