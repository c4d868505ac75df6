"""Contracts -> realized data-center MW, sample paths per month (pure numpy).

Per path, each uncertain assumption is drawn once (triangular, `large_loads.Triangular`) from
the caller's Generator, unless the scenario's `PipelineRules` fixes it. Then, month by month
t over ``months``:

    available_t = sum_i contracted_i * r_{stage_i}(t) * [t >= earliest_i + delay]
    connected_t = connected_{t-1} + min(limit / 12, max(available_t - connected_{t-1}, 0))
    load_t      = utilization * sum_{s <= t} (connected_s - connected_{s-1})
                                * min(1, (t - s + 1) / ramp)

``r_stage(t)`` is the drawn realization of the stage, or the rule's fixed share (which may
change in a given year: PJM's non-firm rule). A missing limit connects whatever is available.
The result is average MW of *new* data-center load, before the seasonal and hourly shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from forecasting.zones.large_loads import Assumptions, Contract


@dataclass(frozen=True)
class PipelineRules:
    """What a scenario fixes instead of drawing. ``realization``: stage -> share; ``late_share``
    (stage -> (first year, share from then on), share before it = ``realization[stage]``)."""

    realization: dict[str, float] = field(default_factory=dict)
    late_share: dict[str, tuple[int, float]] = field(default_factory=dict)
    utilization: float | None = None
    ramp_months: float | None = None
    delay_months: float | None = None
    limit: bool = True


def _draw(dist, fixed, n, rng):
    return np.full(n, float(fixed)) if fixed is not None else dist.draw(n, rng)


def sample_new_load(
    contracts: Sequence[Contract],
    assumptions: Assumptions,
    months: pd.PeriodIndex,
    n: int,
    rng: np.random.Generator,
    rules: PipelineRules | None = None,
) -> np.ndarray:
    """(n, len(months)) average MW of new data-center load (module docstring)."""
    rules = rules or PipelineRules()
    a = assumptions
    horizon = len(months)
    ordinal = np.asarray([p.ordinal for p in months])
    delay = np.rint(_draw(a.delay_months, rules.delay_months, n, rng)).astype(int)
    ramp = np.maximum(_draw(a.ramp_months, rules.ramp_months, n, rng), 1.0)
    use = _draw(a.utilization, rules.utilization, n, rng)
    limit = a.connection_limit_mw_per_year.draw(n, rng) if rules.limit else np.full(n, np.inf)
    shares = {s: _draw(d, rules.realization.get(s), n, rng) for s, d in a.realization.items()}

    available = np.zeros((n, horizon))
    years = np.asarray(months.year)
    for c in contracts:
        share = np.broadcast_to(shares[c.stage][:, None], (n, horizon)).copy()
        if c.stage in rules.late_share:
            first, late = rules.late_share[c.stage]
            share[:, years >= first] = late
        start = c.earliest_in_service.ordinal + delay  # (n,)
        on = ordinal[None, :] >= start[:, None]
        available += c.contracted_mw * share * on

    connected = np.zeros((n, horizon))
    step = limit / 12.0
    previous = np.zeros(n)
    for t in range(horizon):
        previous = previous + np.minimum(step, np.maximum(available[:, t] - previous, 0.0))
        connected[:, t] = previous
    added = np.diff(connected, axis=1, prepend=0.0)
    load = np.zeros((n, horizon))
    for k in range(horizon):
        weight = np.minimum(1.0, (k + 1) / ramp)[:, None]
        load[:, k:] += added[:, : horizon - k] * weight
    return load * use[:, None]


def seasonal_factors(months: pd.PeriodIndex, uplift: np.ndarray) -> np.ndarray:
    """(n, len(months)) factors: 1 + u in June-September, scaled to average 1 over a year."""
    summer = np.isin(np.asarray(months.month), [6, 7, 8, 9]).astype(float)
    raw = 1.0 + uplift[:, None] * summer[None, :]
    return raw / (1.0 + uplift[:, None] * 4.0 / 12.0)
