"""Physical limits of a load forecast: models whose paths leave them are not mixed in.

Load is positive, and a zone's conventional load does not grow tenfold in a decade. With two
or three years of history a model can still fit parameters that say otherwise: statsforecast's
AutoETS on 25 months drew 70% of its paths below zero, a damped trend on 26 months drew a
2035 P95 of 35 times the history. An ensemble mixes whole paths (`selection.mix_paths`), so
one such member among six put a fifth of the published paths below zero.

The rule, at an origin (the backtest's `selected`) and in the forecast alike: on a positive
series, a model is *implausible* when more than `MAX_SHARE` of its paths leave
(0, `UPPER_FACTOR` x level x g^h] somewhere in the horizon, `level` being the median over the
weighted models of their P50 one period ahead (a robust level at the origin that no single
model sets), h the period ahead and g the growth per period the history itself has shown
(`history_growth`: its last season's total over the one before, per period, at least 1). So
a zone that has not been growing keeps the tenfold limit; a zone whose load grew 40% in its
last year (a small zone filling with data centers) may go on at that rate within the limit.
Without g, such a zone's trend models passed 10x within the decade of a zone forecast, every
one of them was left out, and the one flat model, the worst in the backtest, carried the
whole forecast (2025 energy published 28% below the year just measured). An implausible
model's weight goes to the others in proportion to theirs. When every weighted model is
implausible the weights are kept as they are: nothing better is known, and the calibration's
checks still apply.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

#: share of a model's paths that may leave the limits before it is left out of the mixture
MAX_SHARE = 0.01
#: upper limit as a multiple of the level at the origin (times the history's growth)
UPPER_FACTOR = 10.0


#: periods in a season (a year) by the first letter of a period index's frequency
SEASONS = {"M": 12, "Q": 4, "W": 52, "D": 365}


def history_growth(series: pd.Series | None, season: int | None = None) -> float:
    """g of the module docstring: the total of the last `season` evidence values of `series`
    over the total of the `season` before them, to the power 1 / `season`, and at least 1
    (`season` by default a year of the index's periods, 1 for years); 1 without a series,
    with fewer than two seasons of evidence or a non-positive total."""
    if series is None:
        return 1.0
    if season is None:
        freq = getattr(series.index, "freqstr", None) or ""
        season = SEASONS.get(freq[:1].upper(), 1)
    values = pd.Series(series).dropna().to_numpy(dtype=float)
    if len(values) < 2 * season:
        return 1.0
    last, before = values[-season:].sum(), values[-2 * season:-season].sum()
    if not (np.isfinite(last) and np.isfinite(before)) or last <= 0 or before <= 0:
        return 1.0
    return max(float(last / before), 1.0) ** (1.0 / season)


def implausible_share(paths: np.ndarray, level: float, *,
                      upper_factor: float = UPPER_FACTOR, growth: float = 1.0) -> float:
    """Share of `paths` `(n, horizon)` with a value <= 0 or above `upper_factor` x `level` x
    `growth`^h at period h = 1, 2, ... (a NaN value counts as leaving the limits)."""
    values = np.asarray(paths, dtype=float)
    upper = upper_factor * level * growth ** np.arange(1, values.shape[1] + 1)
    inside = (values > 0) & (values <= upper)
    return float(1.0 - inside.all(axis=1).mean())


def plausible_weights(paths: Mapping[str, np.ndarray], weights: Mapping[str, float], *,
                      max_share: float = MAX_SHARE,
                      upper_factor: float = UPPER_FACTOR,
                      growth: float = 1.0) -> dict[str, float]:
    """`weights` without the implausible models (module docstring; `growth` is g, from
    `history_growth`), renormalised to sum to what they summed to; the same `weights` when
    none or every weighted model is."""
    used = sorted(a for a, w in weights.items() if w > 0)
    firsts = [float(np.median(np.asarray(paths[a], dtype=float)[:, 0])) for a in used]
    level = float(np.median(firsts)) if firsts else float("nan")
    if not np.isfinite(level) or level <= 0:  # not a positive series: no limits to apply
        return dict(weights)
    keep = [a for a in used
            if implausible_share(paths[a], level, upper_factor=upper_factor,
                                 growth=growth) <= max_share]
    if not keep or len(keep) == len(used):
        return dict(weights)
    total = sum(weights[a] for a in used)
    kept = sum(weights[a] for a in keep)
    return {a: (weights[a] * total / kept if a in keep else 0.0) for a in weights}
