"""Conformal factors bounded by the largest miss they were fitted on.

A conformal factor c_h (`calibration.py`) is a ratio: how much wider the backtest's bands at
horizon h had to be to cover their share of its actuals. It carries over to a forecast's band
when that band is about as wide as the ones it was fitted on. A forecast whose models were
fitted across something the backtest's origins had not seen (a level shift in the load)
has a band of its own already wide, and multiplying it by a factor fitted on the origins'
narrower bands counts the shift twice: a zone whose load fell 30% a year before its history
ended got factors of 4.4-5.3 from the origins that scored the step, and its 2025-03 band
reached from 0.25 to 6 times its median (P05-P95) while the largest miss its backtest saw at
3 months was 0.40 on the log scale (a third).

The rule, per horizon h with c_h > 1 and M_h the largest distance of an actual from its
forecast's median in the rows the factor was fitted on (`Calibration.largest_misses`, on the
scale of the fit, so the log scale for a positive series): a band whose own P05-P95 width is
w_h is widened to at most `MAX_MISS_RATIO` x 2 M_h (each side reaching twice the largest
miss, as a later miss may exceed the largest of a few), the factor never below 1. Dominion's
calibrated bands are 0.3-0.5 of that bound, so its factors are unchanged; a factor of 1 or
below is unchanged (narrowing has its own rule, `calibration.py`). A band no wider than the
relative floor (`band_floor.py`: rounding, such as a constant load's) is not widened: the
bound 4 M_h / w_h is then a ratio of roundings, and a factor of 10^12 on the few paths away
from such a band's median had put them past exp()'s range.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

#: how many times the largest backtest miss a calibrated band's half-width may reach
MAX_MISS_RATIO = 2.0


def bounded_factors(factors: Sequence[float], widths: Sequence[float],
                    largest_misses: Mapping[int, float], *,
                    floors: Sequence[float] | None = None) -> np.ndarray:
    """Factors for periods 1..k (module docstring): `factors` c_h, `widths` the forecast's
    own P05-P95 widths w_h, `largest_misses` the backtest's M_h by horizon (a horizon without
    one keeps its factor); `floors` the relative floor of each period's width
    (`band_floor.width_floor`; default 0), at or under which a widening factor is 1."""
    c = np.asarray(factors, dtype=float).copy()
    w = np.asarray(widths, dtype=float)
    floor = np.zeros(len(c)) if floors is None else np.asarray(floors, dtype=float)
    for i in range(len(c)):
        if c[i] > 1 and not w[i] > floor[i]:  # no band to widen (NaN too)
            c[i] = 1.0
            continue
        miss = largest_misses.get(i + 1, float("nan"))
        if c[i] > 1 and np.isfinite(miss) and miss > 0:
            c[i] = max(1.0, min(c[i], MAX_MISS_RATIO * 2.0 * miss / w[i]))
    return c
