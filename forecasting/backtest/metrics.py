"""Forecast accuracy metrics: point errors, quantile and path scores, interval coverage.

Definitions (`y` actual, `f` point forecast, `e = f - y`):

- MAE = mean |e|; RMSE = sqrt(mean e^2);
- MAPE = 100 x mean |e| / |y| in percent; periods with `y == 0` are left out;
- sMAPE = 200 x mean |e| / (|y| + |f|), on the 0-200 scale; a term with `y == f == 0` is 0;
- MASE = mean |e| / scale, where the scale is the in-sample mean absolute difference of the
  training series at lag m (`mase_scale`): m = 1 for annual data (the naive forecast), and the
  seasonal naive for sub-annual data (Q 4, M 12, D 7, H 24), falling back to m = 1 when the
  training series is shorter than 2m; a zero or undefined scale gives NaN;
- pinball loss of quantile q at level q: max(q (y - f_q), (q - 1)(y - f_q)) (no factor 2);
- CRPS of an ensemble of sample paths (the empirical distribution of the n samples, energy
  form E|X - y| - 0.5 E|X - X'| with X, X' drawn independently from the n samples, including
  identical pairs). It is computed exactly from the sorted samples in O(n log n) as
  (2 / n^2) sum_i (x_(i) - y) (n 1{y < x_(i)} - i + 1/2), an algebraic rearrangement of the
  energy form in which every term is non-negative, so rounding never makes it negative;
- coverage: share of actuals with lower <= y <= upper; width: mean of upper - lower. The 80%
  interval is p10-p90 and the 90% interval p05-p95.

Elementwise functions return arrays (one value per forecast), the others a float.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from forecasting.contracts import frequency_code

#: season length m of the seasonal-naive MASE scale, by frequency letter
SEASON: dict[str, int] = {"Y": 1, "Q": 4, "M": 12, "W": 1, "D": 7, "H": 24}

#: the central intervals reported, as (label, lower quantile, upper quantile)
INTERVALS: tuple[tuple[str, float, float], ...] = (("80", 0.10, 0.90), ("90", 0.05, 0.95))


def _pair(actual, forecast) -> tuple[np.ndarray, np.ndarray]:
    y = np.asarray(actual, dtype=float)
    f = np.asarray(forecast, dtype=float)
    return np.broadcast_arrays(y, f)


def _mean(values: np.ndarray) -> float:
    values = np.asarray(values, dtype=float)
    finite = values[~np.isnan(values)]
    return float(finite.mean()) if finite.size else float("nan")


# --- elementwise -----------------------------------------------------------------------------


def absolute_percentage_errors(actual, forecast) -> np.ndarray:
    """100 |f - y| / |y|, NaN where y == 0."""
    y, f = _pair(actual, forecast)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(y == 0, np.nan, 100.0 * np.abs(f - y) / np.abs(y))


def symmetric_percentage_errors(actual, forecast) -> np.ndarray:
    """200 |f - y| / (|y| + |f|) in [0, 200], 0 where y == f == 0."""
    y, f = _pair(actual, forecast)
    denom = np.abs(y) + np.abs(f)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denom == 0, 0.0, 200.0 * np.abs(f - y) / denom)


def pinball_loss(actual, predicted, q: float) -> np.ndarray:
    """Pinball (quantile) loss of the predicted q-quantile: max(q d, (q - 1) d), d = y - f_q."""
    if not 0.0 < q < 1.0:
        raise ValueError("quantile level must be in (0, 1)")
    y, f = _pair(actual, predicted)
    d = y - f
    return np.maximum(q * d, (q - 1.0) * d)


def crps_samples(samples, actual) -> np.ndarray | float:
    """CRPS of the empirical distribution of `samples` at `actual` (see the module docstring).

    `samples` is `(n,)` with a scalar `actual` (returns a float) or `(n, k)` with `actual` of
    length k (returns `(k,)`, one score per column).
    """
    x = np.asarray(samples, dtype=float)
    scalar = x.ndim == 1
    if scalar:
        x = x[:, None]
    if x.ndim != 2 or x.shape[0] == 0:
        raise ValueError("samples must be (n,) or (n, k) with n >= 1")
    y = np.broadcast_to(np.asarray(actual, dtype=float), (x.shape[1],))
    n = x.shape[0]
    xs = np.sort(x, axis=0)
    rank = np.arange(1, n + 1, dtype=float)[:, None]
    weight = n * (y[None, :] < xs) - rank + 0.5
    score = 2.0 / n**2 * np.sum((xs - y[None, :]) * weight, axis=0)
    return float(score[0]) if scalar else score


#: relative slack of `interval_hits`: bounds that equal the actual but for floating-point
#: round-off (a flat series' band, 999.99999999999977 after the log-scale round trip for
#: 1000) cover it, as the written, rounded quantiles show
HIT_TOLERANCE = 1e-9


def interval_hits(actual, lower, upper) -> np.ndarray:
    """1.0 where lower <= y <= upper (within `HIT_TOLERANCE` of y), else 0.0."""
    y = np.asarray(actual, dtype=float)
    slack = HIT_TOLERANCE * np.abs(y)
    return ((np.asarray(lower) <= y + slack) & (y - slack <= np.asarray(upper))).astype(float)


# --- aggregate -------------------------------------------------------------------------------


def mae(actual, forecast) -> float:
    y, f = _pair(actual, forecast)
    return _mean(np.abs(f - y))


def rmse(actual, forecast) -> float:
    y, f = _pair(actual, forecast)
    return float(np.sqrt(_mean((f - y) ** 2)))


def mape(actual, forecast) -> float:
    """Mean absolute percentage error in percent (0-100 = 0-100%); y == 0 left out."""
    return _mean(absolute_percentage_errors(actual, forecast))


def smape(actual, forecast) -> float:
    """Symmetric MAPE on the 0-200 scale."""
    return _mean(symmetric_percentage_errors(actual, forecast))


def season_length(freq: str) -> int:
    """Seasonal period m for a frequency string ('Y-DEC', 'M', 'h', ...)."""
    return SEASON.get(frequency_code(str(freq)), 1)


def mase_scale(train: pd.Series) -> float:
    """In-sample mean absolute lag-m difference of `train` (m from its frequency).

    m is 1 for annual data; for sub-annual data the seasonal period, unless the series has
    fewer than 2m values, in which case m = 1. Missing values (NaN) are missing: with m = 1
    the differences are those of consecutive observed values, each divided by the number of
    periods between them (the change per period); with m > 1, the pairs m periods apart that
    are both observed. NaN when the scale is zero or undefined.
    """
    values = train.astype(float)
    m = season_length(values.index.freqstr) if isinstance(values.index, pd.PeriodIndex) else 1
    if values.notna().sum() < 2 * m:
        m = 1
    if m == 1:
        present = np.flatnonzero(values.notna().to_numpy())
        observed = values.to_numpy()[present]
        diffs = pd.Series(np.abs(np.diff(observed)) / np.diff(present), dtype=float)
    else:
        diffs = (values - values.shift(m)).abs().dropna()
    if diffs.empty:
        return float("nan")
    scale = float(diffs.mean())
    return scale if scale > 0 else float("nan")


def mase(actual, forecast, scale: float) -> float:
    """MAE divided by the in-sample scale (see `mase_scale`)."""
    if not np.isfinite(scale) or scale <= 0:
        return float("nan")
    return mae(actual, forecast) / scale


def pinball(actual, quantile_forecasts: Mapping[float, object]) -> float:
    """Pinball loss averaged over the given quantile levels and periods."""
    if not quantile_forecasts:
        raise ValueError("no quantiles given")
    losses = [pinball_loss(actual, f, q) for q, f in quantile_forecasts.items()]
    return _mean(np.concatenate([np.ravel(x) for x in losses]))


def crps(samples, actual) -> float:
    """Mean CRPS over the columns of `samples` `(n, k)` against `actual` `(k,)`."""
    return _mean(np.atleast_1d(crps_samples(samples, actual)))


def coverage(actual, lower, upper) -> float:
    """Share of actuals inside [lower, upper]."""
    return _mean(interval_hits(actual, lower, upper))


def mean_width(lower, upper) -> float:
    """Mean width of the intervals [lower, upper]."""
    return _mean(np.asarray(upper, dtype=float) - np.asarray(lower, dtype=float))
