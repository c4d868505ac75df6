"""Bands that do not narrow from one season to the next.

Split-conformal factors are fitted per horizon on a few residuals each, so they need not grow
with the horizon: a zone's h = 12 factor can come out narrow and is then carried to every
later month, making 2026-02's band a third of 2025-02's. What is not known a year ahead is
still not known two years ahead, so for monthly paths the rule is: the P10-P90 width of period
h is at least that of period h - `period` (the same month a season earlier), on the log scale
for positive paths (relative width), else in levels. A narrower period has its deviations
from its median stretched to that width; its median, and the order of the paths, are kept.
Periods are taken in order, so the widths carry forward season after season. A period that
is not a band to stretch (`band_floor.stretchable`: its P10-P90 width within the relative
floor, rounding, or its P05-P95 more than 4 times it, its middle 80% on one value and a few
paths away from it) is left as it is: stretching it to a season's width multiplies those few
paths' deviations by the ratio of a width to a rounding, and a constant load's had gone past
exp()'s range (its 2027 P95 inf). Its own width is then the one carried to the next season.
"""

from __future__ import annotations

import numpy as np

from forecasting.backtest.band_floor import stretchable


def widened_by_season(paths: np.ndarray, period: int) -> np.ndarray:
    """`paths` `(n, horizon)` with each period's P10-P90 width at least that of the period
    `period` steps earlier (module docstring)."""
    values = np.asarray(paths, dtype=float)
    if values.shape[1] <= period:
        return values
    positive = bool(np.all(values > 0))
    z = np.log(values) if positive else values
    quantiles = np.quantile(z, [0.05, 0.1, 0.5, 0.9, 0.95], axis=0)
    _, q10, q50, q90, _ = quantiles
    width = q90 - q10
    band = stretchable(quantiles, log_scale=positive)
    out = values.copy()  # periods wide enough keep their values to the last bit
    for h in range(period, z.shape[1]):
        floor = width[h - period]
        if width[h] < floor and band[h]:
            stretched = q50[h] + (z[:, h] - q50[h]) * (floor / width[h])
            out[:, h] = np.exp(stretched) if positive else stretched
            width[h] = floor
    return out
