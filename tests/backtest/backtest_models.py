"""Tiny test-local models for the backtest tests (not part of the library)."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd

from forecasting.models.base import Model

ALL_FREQ = frozenset({"Y", "Q", "M", "D", "H"})


class RandomWalk(Model):
    """Naive random walk: last value plus cumulated N(0, sd_scale x sd of the differences)."""

    name: ClassVar[str] = "random_walk"
    frequencies: ClassVar[frozenset[str]] = ALL_FREQ
    min_observations: ClassVar[int] = 3

    def __init__(self, sd_scale: float = 1.0) -> None:
        self.sd_scale = sd_scale

    def _fit(self, series: pd.Series) -> None:
        self.last_ = float(series.iloc[-1])
        self.sd_ = float(series.diff().std()) * self.sd_scale

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        steps = rng.normal(0.0, self.sd_, size=(n, horizon))
        return self.last_ + np.cumsum(steps, axis=1)


class Drift(RandomWalk):
    """Random walk with the mean historical step as drift."""

    name: ClassVar[str] = "drift"

    def _fit(self, series: pd.Series) -> None:
        super()._fit(series)
        self.drift_ = float(series.diff().mean())

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        base = super().sample_paths(horizon, n, rng)
        return base + self.drift_ * np.arange(1, horizon + 1)


class Constant(Model):
    """Every path is the last value: a point mass (zero-width bands)."""

    name: ClassVar[str] = "constant"
    frequencies: ClassVar[frozenset[str]] = ALL_FREQ
    min_observations: ClassVar[int] = 1

    def _fit(self, series: pd.Series) -> None:
        self.last_ = float(series.iloc[-1])

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        return np.full((n, horizon), self.last_)


class FailsWhenShort(RandomWalk):
    """Raises in fit while the training series has fewer than `needed` values."""

    name: ClassVar[str] = "fails_when_short"

    def __init__(self, needed: int = 8) -> None:
        super().__init__()
        self.needed = needed

    def _fit(self, series: pd.Series) -> None:
        if len(series) < self.needed:
            raise RuntimeError(f"cannot fit on {len(series)} values")
        super()._fit(series)


class NaNPaths(RandomWalk):
    """Fits, then returns paths full of NaN."""

    name: ClassVar[str] = "nan_paths"

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        return np.full((n, horizon), np.nan)


class Runaway(RandomWalk):
    """A model that fails badly: its paths grow 40% a period whatever the history does."""

    name: ClassVar[str] = "runaway"

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        return super().sample_paths(horizon, n, rng) * 1.4 ** np.arange(1, horizon + 1)


def random_walk_series(
    n: int,
    *,
    seed: int,
    start: str = "1900",
    freq: str = "Y",
    level: float = 100.0,
    sd: float = 1.0,
) -> pd.Series:
    rng = np.random.default_rng(seed)
    values = level + np.cumsum(rng.normal(0.0, sd, n))
    return pd.Series(values, index=pd.period_range(start, periods=n, freq=freq))


def growth_series(n: int = 30, *, seed: int = 3, start: str = "1994") -> pd.Series:
    rng = np.random.default_rng(seed)
    values = 60 * np.exp(0.1 * np.arange(n) + rng.normal(0, 0.05, n))
    return pd.Series(values, index=pd.period_range(start, periods=n, freq="Y"))
