"""How a calibration's band factors are put on joint sample paths: two ways of widening.

A conformal factor c_h (`calibration.py`) says how much wider period h's band must be to cover
its share of the backtest's outcomes. It fixes each period's band; it does not say whether the
extra error persists from one period to the next, which is what a sum over periods (a year's
energy from its months) depends on. With m_h the period's median over the paths and
d_ih = x_ih - m_h path i's deviation:

- ``stretch``: x_ih -> m_h + c_h d_ih. Every deviation is scaled, so the widening is exactly as
  persistent as the model's own deviations: a path high in one period stays high. Right when
  what the models miss is a level or a trend (the national annual series: a missed break
  carries on).
- ``independent``: x_ih -> m_h + min(c_h, 1) d_ih + sqrt(max(c_h^2 - 1, 0)) d_{p_h(i), h}, with
  p_h a random permutation of the paths drawn afresh for every period. The model's own
  deviations keep their joint structure (narrowed where c_h < 1); the widening is a second
  draw of the same period's deviation taken from another path, so it adds c_h^2 - 1 times
  the period's own variance and is independent from period to period. Right when what the
  models miss is month-to-month noise: a month's energy moves 5-10% with its weather, and a
  hot July says nothing of October. A year's sum then averages the extra error over its
  months instead of adding it up coherently: on Dominion's 39 annual backtest rows the 80%
  band of `stretch` covered 91%, the independent widening 87% (means over five seeds of the
  paths), with the monthly coverage unchanged (84%; `benchmarks/zones/dom/`).

Both keep each period's median; for a Gaussian period the independent widening has exactly
the stretched period's quantiles (c_h times the spread), and close to them otherwise.
`stretch` uses no random numbers; `independent` draws its permutations from the caller's
generator, one per period in period order.

On the log scale the independent draw is bounded (`widen`'s `independent_sd`,
`MAX_INDEPENDENT_LOG_SD`): a month drawn independently with log standard deviation s has
its mean exp(s^2 / 2) times its median, and a year's sum of such months tends to the sum of
their means, so a large independent draw lifts the annual median above the sum of the monthly
medians it is made of. A zone whose load fell 30% a year before its history ended had
factors of 4-5 from the backtest origins that scored the step, and its 2025 energy P50 came
out 50% above every monthly P50's level (peak P50 3.8 times any peak it had). The draw's
standard deviation is therefore at most 0.14 (the annual median then sits at most about 1%
above the sum of monthly medians on its account), and the rest of the variance the factor
asks for is added as a draw that persists: each path takes one rank, the same in every
period, and gets that rank's deviation of each period (a level error such as a step, which
does not average out over a year). Each period's spread is still c_h times the model's (its
variances add as before); a year's sum is coherent in the persistent part, like `stretch`'s.
Only a zone whose factor asks for more than month-to-month noise is affected: Dominion's
extra draw is at most about 0.09 (its monthly factors are 1.0-2.0), so its paths do not change.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

#: the ways of widening, by name (zone configs and the backtest options use these)
MODES = ("stretch", "independent")
#: largest standard deviation of the independent draw on the log scale (module docstring):
#: exp(0.14^2 / 2) = 1.0099
MAX_INDEPENDENT_LOG_SD = 0.14
#: P90 - P10 of a standard normal: a robust standard deviation is a P10-P90 width over it
NORMAL_P10_P90 = 2.5631


def positive_paths(paths: np.ndarray) -> np.ndarray | None:
    """`paths` of a positive series (load) ready for the log scale: a value at or below zero,
    which a model with a wide band can draw though load cannot be, raised to the lowest
    positive value of the paths; None when no value is positive or one is NaN (widened on
    the linear scale, then)."""
    values = np.asarray(paths, dtype=float)
    positive = values > 0
    if positive.all():
        return values
    if not positive.any() or np.isnan(values).any():
        return None
    return np.where(positive, values, values[positive].min())


def split_factors(factors: Sequence[float], mode: str) -> tuple[np.ndarray, np.ndarray]:
    """(common, extra) per period: the factor on the paths' own deviations and the one on the
    independent second draw, for band factors c_h widened the `mode` way."""
    c = np.asarray(factors, dtype=float)
    if mode == "stretch":
        return c, np.zeros_like(c)
    if mode == "independent":
        return np.minimum(c, 1.0), np.sqrt(np.maximum(c**2 - 1.0, 0.0))
    raise ValueError(f"unknown widening {mode!r}; expected one of {', '.join(MODES)}")


def widen(paths: np.ndarray, common: Sequence[float], extra: Sequence[float],
          rng: np.random.Generator | None = None, *,
          independent_sd: float | None = None) -> np.ndarray:
    """x_ih -> m_h + common_h d_ih + extra_h d_{p_h(i), h} (module docstring) for `(n, k)`
    paths; `rng` draws the k permutations and is needed only when some extra_h > 0. With
    `independent_sd`, a period whose independent draw would have a larger standard deviation
    (P10-P90 width of its deviations over 2.5631, times extra_h) keeps that much of it and
    takes the rest of its variance as the persistent draw (one rank per path, drawn after
    the k permutations and only when some period needs it)."""
    paths = np.asarray(paths, dtype=float)
    if paths.ndim != 2:
        raise ValueError("paths must be a 2-d array (n, periods)")
    common = np.asarray(common, dtype=float)
    extra = np.asarray(extra, dtype=float)
    median = np.median(paths, axis=0)
    deviation = paths - median
    out = median + common * deviation
    if not np.any(extra > 0):
        return out
    if rng is None:
        raise ValueError("the independent widening needs a random generator")
    n, k = paths.shape
    second = np.empty_like(deviation)
    for h in range(k):
        second[:, h] = deviation[rng.permutation(n), h]
    if independent_sd is None:
        return out + extra * second
    independent, persistent = split_extra(deviation, extra, independent_sd)
    out = out + independent * second
    if not np.any(persistent > 0):
        return out
    rank = rng.permutation(n)  # path i takes the rank[i]-th smallest deviation of every period
    return out + persistent * np.sort(deviation, axis=0)[rank]


def split_extra(deviation: np.ndarray, extra: np.ndarray,
                independent_sd: float) -> tuple[np.ndarray, np.ndarray]:
    """(independent, persistent) factors on the period's deviations, per period: extra_h
    while its draw's standard deviation stays within `independent_sd`, else that much and
    the rest of extra_h^2 as the persistent factor (variances add)."""
    q10, q90 = np.quantile(deviation, [0.1, 0.9], axis=0)
    sd = (q90 - q10) / NORMAL_P10_P90
    with np.errstate(divide="ignore"):
        room = np.where(sd > 0, independent_sd / sd, np.inf)
    independent = np.minimum(extra, room)
    persistent = np.sqrt(np.maximum(extra**2 - independent**2, 0.0))
    return independent, persistent
