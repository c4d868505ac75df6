"""The large-load pipeline by stage, as the zone report shows it: contracted MW, the MW each
scenario expects of it at full ramp, and when.

For each scenario with a pipeline and each stage:

    expected_mw   = contracted_mw x realization x utilization   (average MW at full ramp,
                    before the zone's connection limit spreads it over the years)
    in_service    = the first month the stage's realized MW become available: its earliest
                    in-service month + the delay (months), or, when the scenario holds the
                    stage back (PJM's non-firm rule: "0 before 2030"), the month its share
                    first is above 0 (it said 2026-01 for SELOA, whose load the forecast
                    starts in 2030-01); a connection limit may connect them later still
    full_ramp_by  = the month the stage's expected MW is all in: its last MW connected, plus
                    the ramp (the first month a connection's ramp weight reaches 1, as
                    `pipeline_sampling` ramps it: ceil(ramp) - 1 months after connecting)

where each uncertain assumption is its triangular mean (`large_loads.Triangular.mean`)
unless the scenario fixes it (`pipeline_sampling.PipelineRules`): a share that changes in a
year (PJM's non-firm rule) is shown as its final share with the year in ``note``.

The connection months follow the sampled paths' recursion (`pipeline_sampling`) on the mean
path: every contract's realized MW becomes available at its own in-service month (the late
share's extra from January of its year), and the zone connects at most the connection limit
(``connection_limit_mw_per_year``, its mean; empty for a scenario without a limit) a year,
so the pipeline's connections run later than its contracts' dates when it holds more than the
limit connects. Which MW of the shared limit are a stage's is first come, first connected:
in the order they become available, a month's ties in stage order (`Assumptions.stages`, most
committed first). Contracts in service inside the history (given the forecast's first month) are
judged as the sampled load judges them (`pipeline_sampling`): when the history shows the load
they reach by its end, each is counted from its own in-service month (only the rest of its
ramp is new load); when it does not, each is in service from the forecast's first month
(``in_service`` then says that month); ``note`` says which, with the MW. Before,
``full_ramp_by`` was the stage's earliest contract's in-service month plus the ramp: it
ignored the stage's later contracts and the limit (a fuzzed zone's 5,800 MW of letters of
intent "at full ramp by 2029-11" at 1,200 MW a year, which the forecast reached around 2035).
A stage expecting no load has no ``full_ramp_by``; one the limit cannot connect by
`FULL_RAMP_CAP` says so in ``note``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from forecasting.zones.large_loads import LAST_YEAR, Assumptions, Contract
from forecasting.zones.pipeline_sampling import (
    PipelineRules,
    history_reach_mw,
    history_shows,
    mean_path,
)

PIPELINE_COLUMNS = ["scenario", "stage", "projects", "contracted_mw", "realization",
                    "utilization", "expected_mw", "earliest_in_service", "in_service",
                    "full_ramp_by", "note", "connection_limit_mw_per_year"]
#: no full ramp is dated later than this (contract months end in `LAST_YEAR`; a delay and a
#: ramp of at most 50 years each cannot take an unlimited pipeline past it)
FULL_RAMP_CAP = pd.Period(f"{LAST_YEAR + 100}-12", "M")
TOLERANCE_MW = 1e-6


def pipeline_by_stage(contracts: Sequence[Contract], assumptions: Assumptions,
                      rules: Mapping[str, PipelineRules], *,
                      first_month: pd.Period | None = None,
                      measured_mw: float | None = None) -> pd.DataFrame:
    """One row per (scenario, stage with contracts), scenarios in the order given.
    ``first_month``: the forecast's first month (None: no contract is taken as inside the
    history); ``measured_mw``: the data-center load the history shows
    (`pipeline_sampling.measured_data_center_mw`; None: not known, as `sample_new_load`)."""
    rows = []
    for scenario, rule in rules.items():
        path = mean_path(assumptions, rule)
        use, delay, ramp, limit = path.use, path.delay, path.ramp, path.limit
        history = _history_part(contracts, assumptions, rule, first_month, measured_mw)
        connected = _last_connection(contracts, assumptions, rule, delay, limit,
                                     history.moved_to)
        queue = _queue(contracts, assumptions, rule, delay, history.moved_to)
        for stage in assumptions.stages:
            mine = [c for c in contracts if c.stage == stage]
            if not mine:
                continue
            share = path.shares[stage]
            notes = []
            if stage in rule.late_share:
                year, late = rule.late_share[stage]
                notes.append(f"{share:g} before {year}, {late:g} from {year}")
                share = late
            contracted = sum(c.contracted_mw for c in mine)
            earliest = min(c.earliest_in_service for c in mine)
            in_service = earliest + delay
            if first_month is not None and in_service < first_month and history.reach_mw > 0:
                notes.append(history.note)
                if history.moved_to is not None:
                    in_service = history.moved_to
            in_service = min((m for m, s, _ in queue if s == stage), default=in_service)
            expected = contracted * share * use
            full_ramp = ""
            if expected <= TOLERANCE_MW:
                notes.append("no load expected")
            elif (last := connected.get(stage)) is None or \
                    last + math.ceil(ramp) - 1 > FULL_RAMP_CAP:
                notes.append(f"not at full ramp by {FULL_RAMP_CAP} at a connection limit of "
                             f"{limit:,.0f} MW/yr")
            else:
                full_ramp = str(last + math.ceil(ramp) - 1)
            rows.append({
                "scenario": scenario, "stage": stage, "projects": len(mine),
                "contracted_mw": contracted, "realization": share, "utilization": use,
                "expected_mw": expected,
                "earliest_in_service": str(earliest), "in_service": str(in_service),
                "full_ramp_by": full_ramp, "note": "; ".join(notes),
                "connection_limit_mw_per_year": limit if math.isfinite(limit) else None,
            })
    return pd.DataFrame(rows, columns=PIPELINE_COLUMNS)


def first_forecast_month(forecast: pd.DataFrame) -> pd.Period:
    """The first month of a zone forecast table (its monthly periods are ``YYYY-MM``)."""
    periods = forecast["period"].astype(str)
    return min(pd.Period(p, "M") for p in periods[periods.str.len() == 7])


@dataclass(frozen=True)
class HistoryPart:
    """What a scenario makes of the contracts in service inside the history: the MW they
    reach by its last month on the mean path, ``moved_to`` the forecast's first month when
    they are taken as not yet connected (None: taken as measured), and the row's note."""

    reach_mw: float
    moved_to: pd.Period | None
    note: str


def _history_part(contracts: Sequence[Contract], assumptions: Assumptions,
                  rule: PipelineRules, first_month: pd.Period | None,
                  measured_mw: float | None) -> HistoryPart:
    """`HistoryPart` as `pipeline_sampling.sample_new_load` decides it (its module doc)."""
    if first_month is None:
        return HistoryPart(0.0, None, "")
    reach = history_reach_mw(contracts, assumptions, rule, first_month=first_month)
    if reach <= TOLERANCE_MW:  # none in service inside the history, or none realized
        return HistoryPart(0.0, None, "")
    end = first_month - 1
    if history_shows(contracts, assumptions, rule, first_month=first_month,
                     measured_mw=measured_mw):
        return HistoryPart(reach, None, (
            f"in service inside the history: the contracts so dated reach {reach:,.0f} MW by "
            f"{end}, within the {measured_mw:,.0f} MW of data-center load the history shows, "
            f"so that part is taken as in the measured load and only the rest is added"))
    shown = "" if measured_mw is None else \
        f", more than the {measured_mw:,.0f} MW of data-center load the history shows"
    return HistoryPart(reach, first_month, (
        f"dated inside the history: the contracts so dated would reach {reach:,.0f} MW by "
        f"{end}{shown}; taken as not yet connected (none of it in the measured load), added "
        f"in full from {first_month}"))


def _queue(contracts: Sequence[Contract], assumptions: Assumptions, rule: PipelineRules,
           delay: int, moved_to: pd.Period | None = None) -> list[tuple[pd.Period, str, float]]:
    """(month, stage, MW) as the realized MW become available, first come first: each
    contract's share from its in-service month (no earlier than ``moved_to`` when given),
    and a late share's change from January of its year (a month's ties in stage order, then
    the contracts' order)."""
    out = []
    shares = mean_path(assumptions, rule).shares  # the stage shares pipeline.csv shows
    for c in contracts:
        start = c.earliest_in_service + delay
        if moved_to is not None:
            start = max(start, moved_to)
        share = shares[c.stage]
        if c.stage in rule.late_share:
            year, late = rule.late_share[c.stage]
            switch = pd.Period(f"{year}-01", "M")
            if start >= switch:
                out.append((start, c.stage, c.contracted_mw * late))
                continue
            out.append((switch, c.stage, c.contracted_mw * (late - share)))
        out.append((start, c.stage, c.contracted_mw * share))
    order = {s: i for i, s in enumerate(assumptions.stages)}
    return sorted((q for q in out if q[2] != 0.0), key=lambda q: (q[0], order[q[1]]))


def _last_connection(contracts: Sequence[Contract], assumptions: Assumptions,
                     rule: PipelineRules, delay: int, limit: float,
                     moved_to: pd.Period | None = None) -> dict[str, pd.Period]:
    """Stage -> the month its last MW is connected (module docstring), for the stages with
    MW to connect that the limit connects by `FULL_RAMP_CAP`."""
    queue = _queue(contracts, assumptions, rule, delay, moved_to)
    position, target = 0.0, {}
    for _, stage, mw in queue:  # the queue position of each stage's last MW
        position += mw
        if mw > 0:
            target[stage] = position
    months = sorted({q[0] for q in queue})
    available = [sum(q[2] for q in queue if q[0] <= m) for m in months]
    return {stage: month for stage, q in target.items()
            if (month := _connected_by(q, months, available, limit / 12.0)) is not None}


def _connected_by(target: float, months: list[pd.Period], available: list[float],
                  step: float) -> pd.Period | None:
    """The first month the connected MW reach ``target``: from nothing, each month connects
    up to ``step`` MW more of what is available (``available[j]`` from ``months[j]`` on), as
    `pipeline_sampling` does; None if not by `FULL_RAMP_CAP`."""
    done = 0.0
    for j, (month, mw) in enumerate(zip(months, available, strict=True)):
        end = months[j + 1] if j + 1 < len(months) else None
        if target <= mw + TOLERANCE_MW and step > 0:
            need = max(target - done, 0.0)
            n = 1 if need <= TOLERANCE_MW or math.isinf(step) else \
                math.ceil(need / step - 1e-9)
            if n > (FULL_RAMP_CAP - month).n + 1:
                return None
            reached = month + (n - 1)
            if end is None or reached < end:
                return reached
        if done < mw and end is not None:
            done = min(mw, done + (end - month).n * step)
    return None
