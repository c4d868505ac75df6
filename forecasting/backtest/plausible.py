"""Physical limits of a load forecast: models whose paths leave them are not mixed in.

Load is positive, and a zone's conventional load does not grow tenfold in a decade. With two
or three years of history a model can still fit parameters that say otherwise: statsforecast's
AutoETS on 25 months drew 70% of its paths below zero, a damped trend on 26 months drew a
2035 P95 of 35 times the history. An ensemble mixes whole paths (`selection.mix_paths`), so
one such member among six put a fifth of the published paths below zero.

The rule, at an origin (the backtest's `selected`) and in the forecast alike: on a positive
series, a model is *implausible* when more than `MAX_SHARE` of its paths leave
(0, `UPPER_FACTOR` x level] somewhere in the horizon, `level` being the median over the
weighted models of their P50 one period ahead (a robust level at the origin that no single
model sets). An implausible model's weight goes to the others in proportion to theirs. When
every weighted model is implausible the weights are kept as they are: nothing better is known,
and the calibration's checks still apply.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

#: share of a model's paths that may leave the limits before it is left out of the mixture
MAX_SHARE = 0.01
#: upper limit as a multiple of the level at the origin
UPPER_FACTOR = 10.0


def implausible_share(paths: np.ndarray, level: float, *,
                      upper_factor: float = UPPER_FACTOR) -> float:
    """Share of `paths` `(n, horizon)` with a value <= 0 or above `upper_factor` x `level`
    (a NaN value counts as leaving the limits)."""
    values = np.asarray(paths, dtype=float)
    inside = (values > 0) & (values <= upper_factor * level)
    return float(1.0 - inside.all(axis=1).mean())


def plausible_weights(paths: Mapping[str, np.ndarray], weights: Mapping[str, float], *,
                      max_share: float = MAX_SHARE,
                      upper_factor: float = UPPER_FACTOR) -> dict[str, float]:
    """`weights` without the implausible models (module docstring), renormalised to sum to
    what they summed to; the same `weights` when none or every weighted model is."""
    used = sorted(a for a, w in weights.items() if w > 0)
    firsts = [float(np.median(np.asarray(paths[a], dtype=float)[:, 0])) for a in used]
    level = float(np.median(firsts)) if firsts else float("nan")
    if not np.isfinite(level) or level <= 0:  # not a positive series: no limits to apply
        return dict(weights)
    keep = [a for a in used
            if implausible_share(paths[a], level, upper_factor=upper_factor) <= max_share]
    if not keep or len(keep) == len(used):
        return dict(weights)
    total = sum(weights[a] for a in used)
    kept = sum(weights[a] for a in keep)
    return {a: (weights[a] * total / kept if a in keep else 0.0) for a in weights}
