"""Draw values of an uncertain parameter (`forecasting.config.Distribution`)."""

from __future__ import annotations

import numpy as np


def sample(dist, n: int, rng: np.random.Generator) -> np.ndarray:
    """`n` draws of `dist` (fixed, uniform, triangular or normal)."""
    kind = dist.dist
    if kind == "fixed":
        return np.full(n, float(dist.value))
    if kind == "uniform":
        return rng.uniform(dist.low, dist.high, size=n)
    if kind == "triangular":
        if dist.low == dist.high:
            return np.full(n, float(dist.low))
        return rng.triangular(dist.low, dist.mode, dist.high, size=n)
    if kind == "normal":
        return rng.normal(dist.mean, dist.sd, size=n)
    raise ValueError(f"unknown distribution '{kind}'")  # pragma: no cover - config rejects it
