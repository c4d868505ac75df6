"""Shared input checks and small numerical helpers for the regime detectors.

Input convention of the project: a `pandas.Series` of positive floats indexed by a
`pandas.PeriodIndex` (annual `Y`, monthly `M`, daily `D` or hourly `H`), sorted, without gaps.
The detectors work on natural logs of the values against a time index `t = 0, 1, ..., n-1`
counted in periods, so every slope and growth rate is *per period* of the series' frequency.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.errors import SeriesTooShortError


def validate_series(series: pd.Series, model: str, min_length: int = 0, *,
                    allow_missing: bool = False) -> pd.Series:
    """Check the project's series convention; return the series as float.

    Raises `TypeError` for a wrong container or index, `ValueError` for unsorted, gapped,
    missing (unless ``allow_missing``: a period without evidence is NaN), non-finite or
    non-positive values, and `SeriesTooShortError` when the series has fewer than
    `min_length` observations (observed values, with ``allow_missing``).
    """
    if not isinstance(series, pd.Series):
        raise TypeError("series must be a pandas.Series")
    index = series.index
    if not isinstance(index, pd.PeriodIndex):
        raise TypeError("series must be indexed by a pandas.PeriodIndex")
    observed = int(series.notna().sum()) if allow_missing else len(series)
    if observed < min_length:
        raise SeriesTooShortError(model, min_length, observed)
    if len(series) == 0:
        return series.astype(float)
    expected = pd.period_range(index[0], periods=len(index), freq=index.freq)
    if not expected.equals(index):
        raise ValueError("series index must be sorted, unique and without gaps")
    values = series.to_numpy(dtype=float, na_value=np.nan)
    if allow_missing:
        values = values[~np.isnan(values)]
    if not np.all(np.isfinite(values)):
        raise ValueError("series must not contain missing or infinite values")
    if np.any(values <= 0):
        raise ValueError("series values must be strictly positive (they are log-transformed)")
    return series.astype(float)




def period_label(period: pd.Period) -> str:
    """A period as a string: '2017' for annual, '2021-12' for monthly, and so on."""
    return str(period)


def ols_line(y: np.ndarray, t: np.ndarray | None = None) -> tuple[float, float, float]:
    """OLS of `y` on `[1, t]` (default `t = 0..m-1`; the periods of the observed values of a
    series with gaps): returns (intercept, slope, sse).

    Computed on centred data, so it stays accurate for long series and tiny residuals.
    """
    y = np.asarray(y, dtype=float)
    m = len(y)
    t = np.arange(m, dtype=float) if t is None else np.asarray(t, dtype=float)
    tc = t - t.mean()
    yc = y - y.mean()
    stt = float(tc @ tc)
    slope = float(tc @ yc) / stt if stt > 0 else 0.0
    intercept = float(y.mean() - slope * t.mean())
    resid = yc - slope * tc
    return intercept, slope, float(resid @ resid)


def two_line_sse(y: np.ndarray, candidates: np.ndarray,
                 t: np.ndarray | None = None) -> np.ndarray:
    """Sum of squared residuals of two separate lines split at each candidate.

    `y` has shape `(B, w)` (B series of the same window), `t` the times of its `w` points
    (default `0..w-1`) and `candidates` holds split points `tau` in points (the right line
    starts at point `tau`). Returns an array `(B, len(candidates))`. Uses prefix sums of the
    window centred on its mean, so all candidates and replicates are evaluated at once in
    O(B * w).
    """
    y = np.atleast_2d(np.asarray(y, dtype=float))
    y = y - y.mean(axis=1, keepdims=True)
    w = y.shape[1]
    t = np.arange(w, dtype=float) if t is None else np.asarray(t, dtype=float)
    t = t - t.mean()
    zeros = np.zeros((y.shape[0], 1))
    cy = np.concatenate([zeros, np.cumsum(y, axis=1)], axis=1)
    cty = np.concatenate([zeros, np.cumsum(t * y, axis=1)], axis=1)
    cyy = np.concatenate([zeros, np.cumsum(y * y, axis=1)], axis=1)
    ct = np.concatenate([[0.0], np.cumsum(t)])
    ctt = np.concatenate([[0.0], np.cumsum(t * t)])

    def sse(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        m = (b - a).astype(float)
        sy = cy[:, b] - cy[:, a]
        sty = cty[:, b] - cty[:, a]
        syy = cyy[:, b] - cyy[:, a]
        st = ct[b] - ct[a]
        stt = ctt[b] - ctt[a]
        sxx = stt - st * st / m
        sxy = sty - st * sy / m
        out = syy - sy * sy / m - sxy * sxy / sxx
        return np.maximum(out, 0.0)

    candidates = np.asarray(candidates, dtype=int)
    start = np.zeros_like(candidates)
    end = np.full_like(candidates, w)
    return sse(start, candidates) + sse(candidates, end)
