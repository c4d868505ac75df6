"""Naive and seasonal naive forecasts (benchmark peers).

`Naive`: the last value carried forward, z_t = z_{t-1} + e_t (random walk without drift).
`SeasonalNaive`: the value one season earlier, z_t = z_{t-m} + e_t (seasonal random walk),
with m from the frequency (M: 12, D: 7, H: 24) unless `season_length` is given.

Both work on log values when `log=True` and every value is positive (else on levels). The
step s.d. `s` is the root mean square of the (seasonal) differences, as for the in-sample
one-step errors of the method, floored at `min_sd`. `Naive` takes missing periods (NaN) as
missing: the last observed value is carried forward, a difference over a gap of k periods
counts as k steps (d / sqrt(k) enters the root mean square), and paths cross any missing last
periods to the forecast horizon.

Paths: simulated from the end of the history with independent N(0, s^2) steps, each value
built on the simulated (or observed) value one step (one season) earlier, so paths are joint
and bands widen as sqrt(number of steps, or of seasons, ahead).
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd

from forecasting.models._common import (
    LogScale,
    freq_code,
    observed_on_scale,
    require,
    season_length,
)
from forecasting.models.base import Model


def _rms(values: np.ndarray) -> float:
    return float(np.sqrt(np.mean(values**2)))


class Naive(Model):
    name: ClassVar[str] = "naive"
    frequencies: ClassVar[frozenset[str]] = frozenset({"Y", "M", "D", "H"})
    min_observations: ClassVar[int] = 2
    missing_values: ClassVar[bool] = True

    def __init__(self, *, log: bool = True, min_sd: float = 0.0) -> None:
        self.log = log
        self.min_sd = min_sd

    def _fit(self, series: pd.Series) -> None:
        self.scale_ = LogScale.choose(series, self.log)
        at, z, self.ahead_ = observed_on_scale(series, self.scale_)
        self.last_ = float(z[-1])
        self.sd_ = max(_rms(np.diff(z) / np.sqrt(np.diff(at))), self.min_sd)

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        steps = rng.normal(0.0, self.sd_, size=(n, self.ahead_ + horizon))
        return self.scale_.back(self.last_ + np.cumsum(steps, axis=1)[:, self.ahead_:])


class SeasonalNaive(Model):
    name: ClassVar[str] = "seasonal_naive"
    frequencies: ClassVar[frozenset[str]] = frozenset({"M", "D", "H"})
    min_observations: ClassVar[int] = 2

    def __init__(
        self, *, season_length: int | None = None, log: bool = True, min_sd: float = 0.0
    ) -> None:
        if season_length is not None and season_length < 1:
            raise ValueError("season_length must be a positive integer")
        self.season_length = season_length
        self.log = log
        self.min_sd = min_sd

    def _period(self, freq: str) -> int:
        return self.season_length or season_length(freq)

    def observations_needed(self, freq: str) -> int:
        """Two full seasons, so that a full season of seasonal differences exists."""
        return max(self.min_observations, 2 * self._period(freq))

    def _fit(self, series: pd.Series) -> None:
        freq = freq_code(series.index)
        require(self.name, self.observations_needed(freq), len(series))
        self.period_ = self._period(freq)
        self.scale_ = LogScale.choose(series, self.log)
        z = self.scale_.forward(series.to_numpy())
        self.last_season_ = z[-self.period_ :].copy()
        self.sd_ = max(_rms(z[self.period_ :] - z[: -self.period_]), self.min_sd)

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        m = self.period_
        shocks = rng.normal(0.0, self.sd_, size=(n, horizon))
        z = np.empty((n, m + horizon))
        z[:, :m] = self.last_season_
        for h in range(horizon):
            z[:, m + h] = z[:, h] + shocks[:, h]
        return self.scale_.back(z[:, m:])
