"""Contracts -> realized data-center MW, sample paths per month (pure numpy).

Per path, each uncertain assumption is drawn once (triangular, `large_loads.Triangular`) from
the caller's Generator, unless the scenario's `PipelineRules` fixes it. Then, month by month
t from the earlier of the forecast's first month and the first in-service month
(earliest_i + delay) to the forecast's last:

    available_t = sum_i contracted_i * r_{stage_i}(t) * [t >= earliest_i + delay]
    connected_t = connected_{t-1} + min(limit / 12, max(available_t - connected_{t-1}, 0))
    load_t      = utilization * sum_{s <= t} (connected_s - connected_{s-1})
                                * min(1, (t - s + 1) / ramp)

``r_stage(t)`` is the drawn realization of the stage, or the rule's fixed share (which may
change in a given year: PJM's non-firm rule). A missing limit connects whatever is available.
The result, for each forecast month t, is new_t = load_t - load_h, h the last month of the
history (the month before the forecast's first; load_h = 0 when nothing is in service by
then): average MW of *new* data-center load, before the seasonal and hourly shape.

A contract in service before the forecast starts (its in-service month inside the history)
is on its own ramp, counted from its own in-service month. Whether the load it reached by the
end of the history is already in the measured load is judged once per scenario, on the path
with every assumption at its mean (or fixed: `mean_path`, the path pipeline.csv shows):

- when the contracts in service inside the history reach at most ``measured_mw`` by its last
  month (`history_shows`: the data-center level the zone's history ends on, at the top of its
  interval, `measured_data_center_mw`: the same month and the same level the scenarios carry
  on from the history, so like is compared with like), that part is taken as measured, as a
  planner's base forecast holds what is metered and an adjustment adds only load beyond it.
  Only the rest of its ramp is added, at the months its ramp reaches it: a 24-month ramp
  begun 6 months before the history ends adds 18/24 of the contract over the first 18
  forecast months, not the whole contract over 24. Connections before the forecast use the
  yearly connection limit too.
- when they reach more than the history shows (a `data_center: none` zone shows none), the
  caller gives no ``measured_mw`` (None), or the mean path has none in service inside the
  history (only a path's shorter delay puts one there), they are taken as not yet connected:
  each is in service from the forecast's first month and added in full on its ramp from there
  (fuzz round 5: PJM-AP's decomposition showed at most 525 MW, and a 3,000 MW contract in
  service in the history's last month added nothing to the forecast while pipeline.csv
  expected it).

A contract in service at or after the forecast's first month is sampled exactly as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from forecasting.zones.existing_load import existing_data_center_load
from forecasting.zones.large_loads import Assumptions, Contract


@dataclass(frozen=True)
class PipelineRules:
    """What a scenario fixes instead of drawing. ``realization``: stage -> share;
    ``every_stage``: the share of every stage ``realization`` does not name (None: drawn);
    ``late_share`` (stage -> (first year, share from then on), share before it =
    ``realization[stage]``); ``stages``: the stages the rules are written for (a published
    rule for one utility's stages, refused for a zone with others: `refuse_other_stages`;
    None: any zone's)."""

    realization: dict[str, float] = field(default_factory=dict)
    every_stage: float | None = None
    late_share: dict[str, tuple[int, float]] = field(default_factory=dict)
    utilization: float | None = None
    ramp_months: float | None = None
    delay_months: float | None = None
    limit: bool = True
    stages: tuple[str, ...] | None = None

    def fixed_share(self, stage: str) -> float | None:
        """The share the rules fix for ``stage``'s realization (None: drawn)."""
        return self.realization.get(stage, self.every_stage)


def _fixed_or(fixed: float | None, mean: float) -> float:
    return mean if fixed is None else fixed


def _draw(dist, fixed, n, rng):
    return np.full(n, float(fixed)) if fixed is not None else dist.draw(n, rng)


#: MW of contract load in the history within which the history is taken to show it
TOLERANCE_MW = 1e-6


@dataclass(frozen=True)
class MeanPath:
    """The path with every assumption at its triangular mean unless the scenario fixes it
    (the path pipeline.csv describes): delay in whole months, ramp of at least a month, the
    utilization, the yearly connection limit (inf without one) and each stage's share."""

    delay: int
    ramp: float
    use: float
    limit: float
    shares: dict[str, float]


def mean_path(assumptions: Assumptions, rules: PipelineRules) -> MeanPath:
    """`MeanPath` of a scenario's rules over the zone's assumptions."""
    a = assumptions
    return MeanPath(
        delay=int(round(rules.delay_months if rules.delay_months is not None
                        else a.delay_months.mean)),
        ramp=max(rules.ramp_months if rules.ramp_months is not None else a.ramp_months.mean,
                 1.0),
        use=rules.utilization if rules.utilization is not None else a.utilization.mean,
        limit=a.connection_limit_mw_per_year.mean if rules.limit else np.inf,
        shares={s: _fixed_or(rules.fixed_share(s), d.mean) for s, d in a.realization.items()})


def measured_data_center_mw(decomposition: pd.DataFrame, *, first_month: pd.Period) -> float:
    """The most data-center load the history shows at its end: the top of the interval of
    the level it ends on (`existing_load.existing_data_center_load`, the existing load the
    pipeline scenarios draw; 0 for `data_center: none`). It had been the mean of the
    interval's top over the last 12 months, which a load that ramped during that year
    exceeds at its end: a data center the history holds and the planner lists was judged
    "more than the history shows" and added a second time (fuzz 9a, D9)."""
    return existing_data_center_load(decomposition, first_month=first_month).top_mw


def history_reach_mw(contracts: Sequence[Contract], assumptions: Assumptions,
                     rules: PipelineRules, *, first_month: pd.Period) -> float:
    """Average MW the contracts in service before ``first_month`` reach by the month before
    it (the history's last) on the scenario's `mean_path`; 0 when none is."""
    path = mean_path(assumptions, rules)
    starts = [np.array([c.earliest_in_service.ordinal + path.delay]) for c in contracts]
    first = min((int(s[0]) for s in starts), default=first_month.ordinal)
    if first >= first_month.ordinal:
        return 0.0
    timeline = pd.period_range(first_month - (first_month.ordinal - first), first_month - 1,
                               freq="M")
    load = _ramped_load(contracts, starts, timeline,
                        {s: np.array([v]) for s, v in path.shares.items()}, rules,
                        np.array([path.ramp]), np.array([path.limit]))
    return float(load[0, -1] * path.use)


def history_shows(contracts: Sequence[Contract], assumptions: Assumptions,
                  rules: PipelineRules, *, first_month: pd.Period,
                  measured_mw: float | None) -> bool:
    """Whether the load of the contracts in service inside the history is taken as in the
    measured load: what they reach by its end (`history_reach_mw`) is some load and at most
    ``measured_mw`` (module docstring; None: nothing is measured). When the mean path has
    none in the history, nothing is taken as measured either: a path whose shorter delay puts
    a contract inside the history takes it as not yet connected."""
    if measured_mw is None:
        return False
    reach = history_reach_mw(contracts, assumptions, rules, first_month=first_month)
    return TOLERANCE_MW < reach <= measured_mw + TOLERANCE_MW


def sample_new_load(
    contracts: Sequence[Contract],
    assumptions: Assumptions,
    months: pd.PeriodIndex,
    n: int,
    rng: np.random.Generator,
    rules: PipelineRules | None = None,
    *,
    measured_mw: float | None = None,
) -> np.ndarray:
    """(n, len(months)) average MW of new data-center load (module docstring);
    ``measured_mw``: the data-center load the history shows (`measured_data_center_mw`;
    None: not known, so no contract dated inside the history is taken as measured)."""
    rules = rules or PipelineRules()
    a = assumptions
    delay = np.rint(_draw(a.delay_months, rules.delay_months, n, rng)).astype(int)
    ramp = np.maximum(_draw(a.ramp_months, rules.ramp_months, n, rng), 1.0)
    use = _draw(a.utilization, rules.utilization, n, rng)
    limit = a.connection_limit_mw_per_year.draw(n, rng) if rules.limit else np.full(n, np.inf)
    shares = {s: _draw(d, rules.fixed_share(s), n, rng) for s, d in a.realization.items()}

    starts = [c.earliest_in_service.ordinal + delay for c in contracts]  # (n,) each
    if not history_shows(contracts, a, rules, first_month=months[0], measured_mw=measured_mw):
        starts = [np.maximum(s, months[0].ordinal) for s in starts]  # not yet connected
    lead = max(0, months[0].ordinal - min((int(s.min()) for s in starts),
                                          default=months[0].ordinal))
    timeline = pd.period_range(months[0] - lead, months[-1], freq="M") if lead else months
    load = _ramped_load(contracts, starts, timeline, shares, rules, ramp, limit) * use[:, None]
    if lead:  # what was in service by the end of the history is in the history
        load = load[:, lead:] - load[:, lead - 1:lead]
    return load


def _ramped_load(contracts, starts, timeline: pd.PeriodIndex, shares, rules, ramp, limit
                 ) -> np.ndarray:
    """(n, len(timeline)) MW connected and ramped by each month of ``timeline``, before
    utilization (module docstring), from nothing connected before its first month."""
    n, span = len(ramp), len(timeline)
    ordinal = np.asarray(timeline.asi8)
    available = np.zeros((n, span))
    years = np.asarray(timeline.year)
    for c, start in zip(contracts, starts, strict=True):
        share = np.broadcast_to(shares[c.stage][:, None], (n, span)).copy()
        if c.stage in rules.late_share:
            first, late = rules.late_share[c.stage]
            share[:, years >= first] = late
        on = ordinal[None, :] >= start[:, None]
        available += c.contracted_mw * share * on

    connected = np.zeros((n, span))
    step = limit / 12.0
    previous = np.zeros(n)
    for t in range(span):
        previous = previous + np.minimum(step, np.maximum(available[:, t] - previous, 0.0))
        connected[:, t] = previous
    added = np.diff(connected, axis=1, prepend=0.0)
    load = np.zeros((n, span))
    for k in range(span):
        weight = np.minimum(1.0, (k + 1) / ramp)[:, None]
        load[:, k:] += added[:, : span - k] * weight
    return load


def seasonal_factors(months: pd.PeriodIndex, uplift: np.ndarray) -> np.ndarray:
    """(n, len(months)) factors: 1 + u in June-September, scaled to average 1 over a year."""
    summer = np.isin(np.asarray(months.month), [6, 7, 8, 9]).astype(float)
    raw = 1.0 + uplift[:, None] * summer[None, :]
    return raw / (1.0 + uplift[:, None] * 4.0 / 12.0)
