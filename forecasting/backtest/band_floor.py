"""The relative floor under which a band's width, or a miss, is rounding and not uncertainty.

Band factors are ratios of widths: a conformal score is a miss over a band's half-width
(`calibration.py`), the bound on a factor twice a miss over the forecast's own width
(`factor_bound.py`), the season rule and the widening carried past the last calibrated
horizon one width over another (`season_widening.py`, `choose.calibrated_paths`). Each is
defined only when the width it divides by is a band. A zone whose load is exactly constant
(a metered block load at 250.0 MW every hour) is forecast exactly by most candidates: their
backtest misses were at most 1e-11 GWh on months of 180 GWh, and the middle 80% of their
mixed paths sat within 1e-13 of the level on the log scale (the rounding of a month's sum
of hours and of the models' optimisers), while the two harmonic members, a seventh of the
mixture, kept bands of a few percent in the tails. A season's width over such a width
stretched those tails by 10^12, exp() of the log-scale paths overflowed, and the run stopped
at its publish check with a 2027 P95 of inf and a monthly P05 of 0 GWh for a load that never
left 250 MW (fuzz round 14, D4).

The rule: a width or a miss at most `MIN_RELATIVE_WIDTH`, one part in a million, of the
level is zero. On the log scale (a positive series, `selected.positive_evidence`) the floor
is 1e-6 itself, a difference of logs being a relative one; on the linear scale it is 1e-6
of the median's size. No meter reads load to a part per million (a file written to 0.1 MW on
a 250 MW load reads to four parts in ten thousand), and a load with any hour-to-hour noise
of its own (0.01% an hour) moves its monthly energy by several parts per million, so the
floor only ever takes rounding for zero. Then an actual within the floor of its median is
covered by any band (score 0), an actual outside a band narrower than the floor is missed
by every factor (score inf: the horizon keeps its model-based band), and a band narrower
than the floor is not stretched: no factor, season or carried widening multiplies its
paths' deviations, whose few large ones would be all the stretch reached.

A band is stretched (by the season rule or the carried widening) only when it is also
shaped like one: its P05-P95 width at most `MAX_TAIL_RATIO` (4) times its P10-P90 width. A
normal band has 1.28, a Cauchy one 2.05; the constant zone's mixture, its middle on one
value and a seventh of its paths a few percent away, had P10-P90 widths of a few parts per
million (above the floor, where P90 caught the first of the wide paths) under P05-P95 widths
of percents: the season rule's ratio of widths, 10^4, took those paths to exp(700) (with
the floor alone the 2027-11 P95 came out at 10^123 MW). Such a period keeps its paths as
the models drew them.
"""

from __future__ import annotations

import numpy as np

#: widths and misses at most this share of the level are rounding (module docstring)
MIN_RELATIVE_WIDTH = 1e-6
#: most P05-P95 width per P10-P90 width of a band that is stretched (module docstring)
MAX_TAIL_RATIO = 4.0


def width_floor(level, *, log_scale: bool) -> np.ndarray:
    """The floor under which a width (or a miss) around `level` (a median, per value) is
    zero: `MIN_RELATIVE_WIDTH` on the log scale, that share of |level| on the linear scale."""
    values = np.asarray(level, dtype=float)
    if log_scale:
        return np.full(values.shape, MIN_RELATIVE_WIDTH)
    with np.errstate(invalid="ignore"):
        return MIN_RELATIVE_WIDTH * np.abs(np.where(np.isfinite(values), values, 0.0))


def stretchable(quantiles, *, log_scale: bool) -> np.ndarray:
    """Per period, True where a band may be stretched by a ratio of widths (module
    docstring): `quantiles` the periods' P05, P10, P50, P90 and P95 (rows, as
    `np.quantile(paths, [0.05, 0.1, 0.5, 0.9, 0.95], axis=0)` gives them); a P10-P90 width
    above the floor and a P05-P95 width at most `MAX_TAIL_RATIO` times it."""
    q05, q10, q50, q90, q95 = np.asarray(quantiles, dtype=float)
    middle = q90 - q10
    with np.errstate(invalid="ignore"):
        return (middle > width_floor(q50, log_scale=log_scale)) & (
            q95 - q05 <= MAX_TAIL_RATIO * middle)
