"""Split-conformal recalibration of the width of forecast bands, one factor per horizon.

Rule (per horizon h, from backtest rows of the forecast being calibrated):

1. Each row with an actual y gets a conformity score for each central interval (80%: p10-p90,
   90%: p05-p95): the distance of y from the median in units of the half-width on y's side,
   s = (y - p50) / (p_hi - p50) if y >= p50, else (p50 - y) / (p50 - p_lo). The interval
   stretched around the median by a factor c covers y exactly when s <= c, and the side-wise
   half-widths keep skewed (e.g. log-normal) bands skewed. On the log scale (a positive
   series, `selected.py`) a quantile at or below zero is -inf: a band reaching zero covers
   every actual below its median, and a median there is missed by every actual (s = inf).
2. For level L with n scores, c_L is the k-th smallest score with the finite-sample correction
   k = ceil((n + 1) L); when k > n (too few rows for that level, e.g. n < 9 at 90%) the largest
   score is used.
3. The horizon's factor is c_h = max(c_80, c_90), so that both intervals reach their target
   share; it can be below 1 (a too-wide forecast is narrowed) unless `allow_narrowing=False`,
   and only from `MIN_RESIDUALS_TO_NARROW` (11) rows on: an honest 80% band holds all of n
   residuals with probability 0.8^n, a third of the time for 5 (a factor of 0.64 from 5
   residuals had cut a short zone's bands by a third), under one time in ten from 11. With
   fewer rows a factor below 1 is applied as 1; `factor_80`/`factor_90` keep the fitted ones.
4. `largest_misses[h]` is the largest distance of an actual from its median in those rows,
   which bounds how far the factor may widen a forecast's band (`factor_bound.py`).
5. With fewer than `min_residuals` rows (default 5), or a non-finite factor (a zero-width band
   missed by an actual), the horizon is not calibrated: `calibrated[h] = False` and the factor is
   1.0 (the report says 'model-based'). Horizons absent from the rows also get 1.0.
6. Zero is zero to within a relative floor (`band_floor.py`: a millionth of the level): an
   actual that close to its median scores 0 whatever the band, and a half-width that narrow
   is a zero-width band, so a miss outside it scores inf. A constant load's candidates missed
   by 1e-11 GWh or less on 180 GWh months, with bands as narrow or none, and the ratio of
   two roundings had been a factor.

`apply` scales paths around their per-period median, x -> m + c_h (x - m), or a quantile frame
the same way (every quantile and the mean), so paths and quantiles stay consistent: the
quantiles of the scaled paths are the scaled quantiles.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from forecasting.backtest.band_floor import width_floor

#: central intervals calibrated: level -> (lower, upper) column
LEVELS: dict[float, tuple[str, str]] = {0.8: ("p10", "p90"), 0.9: ("p05", "p95")}
MIN_RESIDUALS = 5
#: fewest residuals a horizon needs for its factor to narrow the band (0.8^11 < 0.1)
MIN_RESIDUALS_TO_NARROW = 11


@dataclass(frozen=True)
class Calibration:
    """Per-horizon band factors; `calibrated[h]` is False where the factor is the default 1."""

    factors: dict[int, float]
    counts: dict[int, int]
    calibrated: dict[int, bool]
    level_factors: dict[int, dict[float, float]]
    min_residuals: int = MIN_RESIDUALS
    #: largest |actual - p50| of the rows each horizon was fitted on (`factor_bound.py`)
    largest_misses: dict[int, float] = field(default_factory=dict)

    def factor(self, horizon: int) -> float:
        return self.factors.get(int(horizon), 1.0)

    def is_calibrated(self, horizon: int) -> bool:
        return self.calibrated.get(int(horizon), False)

    @property
    def last_calibrated(self) -> int | None:
        """The longest calibrated horizon, None when no horizon is calibrated."""
        return max((h for h in self.factors if self.is_calibrated(h)), default=None)

    def applied_factor(self, horizon: int) -> float:
        """The factor a forecast's band at `horizon` gets: its own where calibrated; past the
        last calibrated horizon H, H's factor when it widens (its extra spread is carried
        along, `backtest.choose.calibrated_paths`), never a narrowing one; else 1."""
        if self.is_calibrated(horizon):
            return self.factor(horizon)
        last = self.last_calibrated
        if last is not None and horizon > last:
            return max(self.factor(last), 1.0)
        return 1.0

    def to_frame(self) -> pd.DataFrame:
        """One row per horizon: n, factor80, factor90, factor, calibrated, method."""
        rows = []
        for h in sorted(self.factors):
            levels = self.level_factors.get(h, {})
            rows.append(
                {
                    "horizon": h,
                    "n": self.counts.get(h, 0),
                    "factor80": levels.get(0.8, float("nan")),
                    "factor90": levels.get(0.9, float("nan")),
                    "factor": self.factors[h],
                    "calibrated": self.calibrated[h],
                    "method": "conformal" if self.calibrated[h] else "model-based",
                }
            )
        return pd.DataFrame(
            rows,
            columns=["horizon", "n", "factor80", "factor90", "factor", "calibrated", "method"],
        )

    @classmethod
    def identity(cls, horizons: Sequence[int], min_residuals: int = MIN_RESIDUALS):
        """Factor 1.0 and `calibrated=False` for every horizon (model-based bands)."""
        hs = [int(h) for h in horizons]
        return cls(
            factors=dict.fromkeys(hs, 1.0),
            counts=dict.fromkeys(hs, 0),
            calibrated=dict.fromkeys(hs, False),
            level_factors={h: {} for h in hs},
            min_residuals=min_residuals,
        )


def conformity_scores(actual, lower, median, upper, *, log_scale: bool = False) -> np.ndarray:
    """Distance of each actual from the median in side-wise half-widths (see module doc);
    a miss or a half-width within the relative floor of the median is zero
    (`band_floor.width_floor`, on the log scale for `log_scale` rows)."""
    y = np.asarray(actual, dtype=float)
    m = np.asarray(median, dtype=float)
    floor = width_floor(m, log_scale=log_scale)
    with np.errstate(divide="ignore", invalid="ignore"):  # -inf quantiles: the log scale
        dev = y - m
        half = np.where(dev >= 0, np.asarray(upper, dtype=float) - m,
                        m - np.asarray(lower, float))
        scores = np.abs(dev) / half
        hit = np.abs(dev) <= floor  # the actual is the median to within rounding
    scores = np.where(hit, 0.0, scores)
    # a median of -inf (a log-scale median at or below zero) is missed by any actual
    return np.where(((half <= floor) & ~hit) | np.isinf(dev), np.inf, scores)


def conformal_quantile(scores, level: float) -> float:
    """The ceil((n + 1) level)-th smallest score (the largest one if that exceeds n)."""
    s = np.sort(np.asarray(scores, dtype=float))
    n = len(s)
    if n == 0:
        return float("nan")
    k = math.ceil((n + 1) * level - 1e-9)
    return float(s[min(max(k, 1), n) - 1])


def fit_calibration(
    rows: pd.DataFrame,
    *,
    min_residuals: int = MIN_RESIDUALS,
    horizons: Sequence[int] | None = None,
    allow_narrowing: bool = True,
    min_residuals_to_narrow: int = MIN_RESIDUALS_TO_NARROW,
    log_scale: bool = False,
) -> Calibration:
    """Conformal factors per horizon from backtest `rows` (horizon, actual, p05 ... p95);
    a factor below 1 from fewer than `min_residuals_to_narrow` rows is taken as 1;
    `log_scale`: the rows are logs of a positive series (`selected.logged_rows`), whose
    floor on misses and half-widths is relative already (`band_floor.py`)."""
    if min_residuals < 1:
        raise ValueError("min_residuals must be at least 1")
    usable = rows[rows["actual"].notna()] if len(rows) else rows
    present = sorted(int(h) for h in usable["horizon"].unique()) if len(usable) else []
    hs = sorted({*present, *(int(h) for h in horizons or ())})
    factors: dict[int, float] = {}
    counts: dict[int, int] = {}
    calibrated: dict[int, bool] = {}
    level_factors: dict[int, dict[float, float]] = {}
    largest_misses: dict[int, float] = {}
    for h in hs:
        part = usable[usable["horizon"] == h] if len(usable) else usable
        n = len(part)
        counts[h] = n
        levels: dict[float, float] = {}
        if n:
            for level, (lo, hi) in LEVELS.items():
                scores = conformity_scores(part["actual"], part[lo], part["p50"], part[hi],
                                           log_scale=log_scale)
                levels[level] = conformal_quantile(scores, level)
            largest_misses[h] = float(np.max(np.abs(part["actual"] - part["p50"])))
        level_factors[h] = levels
        factor = max(levels.values()) if levels else float("nan")
        if not allow_narrowing or n < min_residuals_to_narrow:
            factor = max(factor, 1.0)
        ok = n >= min_residuals and math.isfinite(factor)
        factors[h] = factor if ok else 1.0
        calibrated[h] = ok
    return Calibration(factors, counts, calibrated, level_factors, min_residuals,
                       largest_misses)


def _factor_array(factors, horizons: Sequence[int]) -> np.ndarray:
    if isinstance(factors, Calibration):
        return np.array([factors.factor(h) for h in horizons], dtype=float)
    if isinstance(factors, Mapping):
        return np.array([float(factors.get(int(h), 1.0)) for h in horizons], dtype=float)
    arr = np.asarray(factors, dtype=float)
    if arr.ndim == 0:
        return np.full(len(horizons), float(arr))
    return np.array([arr[int(h) - 1] if int(h) <= len(arr) else 1.0 for h in horizons])


QUANTILE_COLUMN = re.compile(r"^(p\d+(\.\d+)?|q\d*\.?\d+)$")


def apply(
    paths_or_quantile_frame: np.ndarray | pd.DataFrame,
    factors: Calibration | Mapping[int, float] | Sequence[float] | float,
    *,
    horizons: Sequence[int] | None = None,
) -> np.ndarray | pd.DataFrame:
    """Stretch paths `(n, k)` or a quantile frame around the per-period median by c_h.

    Horizons: `horizons` if given; else a frame's `horizon` column; else 1..k for the k columns
    of paths (or the k rows of a frame). A frame's quantile columns are `p05`-style or
    `q0.05`-style; its median is `p50` or `q0.5`; its `mean` is scaled too.
    """
    if isinstance(paths_or_quantile_frame, pd.DataFrame):
        frame = paths_or_quantile_frame.copy()
        if horizons is None:
            horizons = (
                frame["horizon"].astype(int).tolist()
                if "horizon" in frame
                else list(range(1, len(frame) + 1))
            )
        c = _factor_array(factors, horizons)
        median_col = "p50" if "p50" in frame else "q0.5"
        median = frame[median_col].to_numpy(dtype=float)
        cols = [col for col in frame.columns if QUANTILE_COLUMN.match(str(col))]
        if "mean" in frame:
            cols.append("mean")
        for col in cols:
            frame[col] = median + c * (frame[col].to_numpy(dtype=float) - median)
        return frame
    paths = np.asarray(paths_or_quantile_frame, dtype=float)
    if paths.ndim != 2:
        raise ValueError("paths must be a 2-d array (n, horizon)")
    if horizons is None:
        horizons = list(range(1, paths.shape[1] + 1))
    c = _factor_array(factors, horizons)
    median = np.median(paths, axis=0)
    return median + c * (paths - median)
