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
may already be in the measured load. How much is judged once per scenario, on the path with
every assumption at its mean (or fixed: `mean_path`, the path pipeline.csv shows), against
``measured_mw``: the existing data-center level the pipeline scenarios carry on from the
history (`measured_data_center_mw`, `existing_load.ExistingLoad.level_mw`):

- the contracts in service inside the history (on the mean path), in queue order (first in
  service first: `measured_shares`), reach R_i MW each by its last month; each takes what
  is left of the level, so its measured share is f_i = min(1, max(L_i, 0) / R_i), L_i the
  level less the reach of those before it. The level is shared, not claimed by each in full.
- the measured share f_i of a contract's MW stays on its own ramp, counted from its own
  in-service month, and only the rest of that ramp is added, at the months it reaches it
  (a 24-month ramp begun 6 months before the history ends adds 18/24 of it over the first 18
  forecast months, not the whole over 24); connections before the forecast use the yearly
  connection limit too. The other 1 - f_i of its MW is taken as not yet connected: in
  service from the forecast's first month and added in full on its ramp from there.

On the mean path the forecast then carries level + (full MW - min(level, sum of R_i)): at
most the level is taken out of the contracts, never more than they reach, so no load the
history does not show is dropped and no carried load is counted twice, and the result moves
continuously with the contracts and the level. It had been all or nothing against the top of
the level's interval (level + half-width): load between the level and the top was dropped,
and 5% more contract could add 164 MW (fuzz 10b, D1: ERCO-WEST, level 32 MW, top 139, a 950
MW contract reaching 138 MW published 463 MW of 2030 data-center load, a 1,000 MW one 627).
The shares use the level and the mean path, not each path's draws: they are what
pipeline.csv's note states, and a path's draw of the existing load is how the measured total
splits (run.py moves its difference from the level out of the base), not more or less load
the contracts could be in. Each path then ramps the shares on its own delay, ramp and
utilization. With no ``measured_mw`` (None; a `data_center: none` zone carries 0) nothing is
taken as measured (fuzz round 5: PJM-AP, a 3,000 MW contract in service in the history's last
month added nothing to the forecast while pipeline.csv expected it); a contract only a path's
shorter delay puts inside the history is not yet connected on that path.

A contract in service at or after the forecast's first month is sampled exactly as before.

A campus (`large_loads.CAMPUS`: a row that is one project, not a stage total) is built in full
or not at all on each path: its share in the sum above is 1 where U_i < r_{stage_i}(t), else
0, U_i one uniform per campus per path from the caller's Generator (the same U_i in every
month, so where a rule's share changes in a year, ``late_share``, a campus built at the lower
share stays built at the higher). Its chance of being built is the share's mean, so its
expected MW are the share rule's (the mean path and pipeline.csv do not change; without a
binding connection limit the paths' mean is the same as for a total row); its band is 0 or
its full load, where a share of it had given a narrow band around the share's mean (fuzz
9a, D8: one 1,000 MW letter at utilization 0.5 showed 89-200 MW, in truth 0 or 500 MW).
Delay, ramp and utilization stay drawn once per path for every contract, campus or total:
they are the zone's conditions (how fast its utility connects, how its data centers draw),
not one project's. The U_i are drawn only when some row is a campus, after every other
draw, so a queue of totals draws exactly the stream it drew before.

A campus's part taken as measured (f_i above) is in the history, so it is built: it is not
drawn, and it keeps the mean path's share on every path, the share at which the level was
judged to hold it (what pipeline.csv's note says), so only delay, ramp and utilization move
the rest of its ramp. Its other 1 - f_i is built or not on U_i, from the forecast's first
month; its expected MW are again the share rule's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from forecasting.zones.existing_load import existing_data_center_load
from forecasting.zones.large_loads import CAMPUS, Assumptions, Contract


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


#: MW below which a contract's reach by the history's end is none
TOLERANCE_MW = 1e-6


@dataclass(frozen=True)
class Part:
    """A part of a contract's MW as the paths take it: ``fraction`` of its MW, in service
    from ``start`` ((n,) months), realized at ``share`` ((n,) per path, before a rule's
    ``late_share``); ``built``: None for a share of the MW (a total, or a campus's measured
    part), else (n,) uniforms, the part built in full where below the share (a campus)."""

    contract: Contract
    fraction: float
    start: np.ndarray
    share: np.ndarray
    built: np.ndarray | None = None


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
    """The data-center load contracts dated inside the history may already be in: the level
    the history ends on (`existing_load.existing_data_center_load`), which the pipeline
    scenarios carry on from it (0 for `data_center: none`). It had been the top of that
    level's interval, load the scenarios do not carry (fuzz 10b, D1), and before that the
    mean of the interval's top over the last 12 months (fuzz 9a, D9)."""
    return existing_data_center_load(decomposition, first_month=first_month).level_mw


def history_reach_mw(contracts: Sequence[Contract], assumptions: Assumptions,
                     rules: PipelineRules, *, first_month: pd.Period) -> float:
    """Average MW the contracts in service before ``first_month`` reach by the month before
    it (the history's last) on the scenario's `mean_path`; 0 when none is."""
    path = mean_path(assumptions, rules)
    parts = [Part(c, 1.0, np.array([c.earliest_in_service.ordinal + path.delay]),
                  np.array([path.shares[c.stage]])) for c in contracts]
    first = min((int(p.start[0]) for p in parts), default=first_month.ordinal)
    if first >= first_month.ordinal:
        return 0.0
    timeline = pd.period_range(first_month - (first_month.ordinal - first), first_month - 1,
                               freq="M")
    load = _ramped_load(parts, timeline, rules, np.array([path.ramp]),
                        np.array([path.limit]))
    return float(load[0, -1] * path.use)


def measured_shares(contracts: Sequence[Contract], assumptions: Assumptions,
                    rules: PipelineRules, *, first_month: pd.Period,
                    measured_mw: float | None) -> list[float]:
    """Per contract, the share of its MW taken as in the measured load (module docstring):
    0 for one not in service inside the history on the `mean_path`, and for all when
    ``measured_mw`` is None. The level is taken in queue order: in-service month on the mean
    path, then stage (`Assumptions.stages`, most committed first), then the contracts' order;
    a contract's reach is what the queue reaches with it less what it reached without it
    (the connection limit connects the first in service first)."""
    if measured_mw is None:  # nothing is taken as measured: no reach to work out
        return [0.0] * len(contracts)
    return [share for share, _ in measured_parts(contracts, assumptions, rules,
                                                 first_month=first_month,
                                                 measured_mw=measured_mw)]


def measured_parts(contracts: Sequence[Contract], assumptions: Assumptions,
                   rules: PipelineRules, *, first_month: pd.Period,
                   measured_mw: float | None) -> list[tuple[float, float]]:
    """Per contract, (its `measured_shares` share, the MW it reaches by the history's last
    month on the mean path: 0 for one not in service inside the history); the reaches are
    computed whether or not ``measured_mw`` is known (pipeline.csv's notes, per stage)."""
    shares = [0.0] * len(contracts)
    reaches = [0.0] * len(contracts)
    path = mean_path(assumptions, rules)
    rank = {s: i for i, s in enumerate(assumptions.stages)}
    start = [c.earliest_in_service.ordinal + path.delay for c in contracts]
    queue = sorted((i for i in range(len(contracts)) if start[i] < first_month.ordinal),
                   key=lambda i: (start[i], rank[contracts[i].stage], i))
    left, before = (float(measured_mw) if measured_mw is not None else 0.0), 0.0
    for k, i in enumerate(queue):
        reach = history_reach_mw([contracts[j] for j in queue[: k + 1]], assumptions, rules,
                                 first_month=first_month)
        own, before = reach - before, reach
        reaches[i] = max(own, 0.0)
        if own > TOLERANCE_MW and measured_mw is not None:
            shares[i] = min(1.0, max(left, 0.0) / own)
            left -= own
    return list(zip(shares, reaches, strict=True))


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
    None: not known, so no contract dated inside the history is taken as measured). A
    campus is built or not on each path (module docstring)."""
    rules = rules or PipelineRules()
    a = assumptions
    delay = np.rint(_draw(a.delay_months, rules.delay_months, n, rng)).astype(int)
    ramp = np.maximum(_draw(a.ramp_months, rules.ramp_months, n, rng), 1.0)
    use = _draw(a.utilization, rules.utilization, n, rng)
    limit = a.connection_limit_mw_per_year.draw(n, rng) if rules.limit else np.full(n, np.inf)
    shares = {s: _draw(d, rules.fixed_share(s), n, rng) for s, d in a.realization.items()}
    campuses = [i for i, c in enumerate(contracts) if c.kind == CAMPUS]
    # last, and only for a campus: a queue of totals draws the stream it always drew
    draws = rng.random((n, len(campuses))) if campuses else None
    built = {i: draws[:, k] for k, i in enumerate(campuses)}
    mean_shares = mean_path(a, rules).shares if campuses else {}

    measured = measured_shares(contracts, a, rules, first_month=months[0],
                               measured_mw=measured_mw)
    parts = []
    for i, (c, f) in enumerate(zip(contracts, measured, strict=True)):
        start = c.earliest_in_service.ordinal + delay
        if f > 0.0:  # in the measured load: on its own ramp (a campus's is built)
            share = np.full(n, mean_shares[c.stage]) if i in built else shares[c.stage]
            parts.append(Part(c, f, start, share))
        if f < 1.0:  # not yet connected: from the forecast's first month
            parts.append(Part(c, 1.0 - f, np.maximum(start, months[0].ordinal),
                              shares[c.stage], built.get(i)))
    lead = max(0, months[0].ordinal - min((int(p.start.min()) for p in parts),
                                          default=months[0].ordinal))
    timeline = pd.period_range(months[0] - lead, months[-1], freq="M") if lead else months
    load = _ramped_load(parts, timeline, rules, ramp, limit) * use[:, None]
    if lead:  # what was in service by the end of the history is in the history
        load = load[:, lead:] - load[:, lead - 1:lead]
    return load


def _ramped_load(parts: Sequence[Part], timeline: pd.PeriodIndex, rules, ramp, limit
                 ) -> np.ndarray:
    """(n, len(timeline)) MW connected and ramped by each month of ``timeline``, before
    utilization (module docstring), from nothing connected before its first month."""
    n, span = len(ramp), len(timeline)
    ordinal = np.asarray(timeline.asi8)
    available = np.zeros((n, span))
    years = np.asarray(timeline.year)
    for p in parts:
        c = p.contract
        share = np.broadcast_to(p.share[:, None], (n, span)).copy()
        if c.stage in rules.late_share:
            first, late = rules.late_share[c.stage]
            share[:, years >= first] = late
        if p.built is not None:  # one campus: all of it or none, month by month
            share = (p.built[:, None] < share).astype(float)
        on = ordinal[None, :] >= p.start[:, None]
        available += c.contracted_mw * p.fraction * share * on

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
