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
split as the sampled load splits them (`pipeline_sampling.measured_shares`): the share of
each taken as in the measured load (what the existing level the scenarios carry can hold)
is counted from its own in-service month (only the rest of its ramp is new load), the rest
from the forecast's first month (``in_service`` says that month when nothing is measured);
``note`` names the MW they reach, the level and the share taken as measured. Before,
``full_ramp_by`` was the stage's earliest contract's in-service month plus the ramp: it
ignored the stage's later contracts and the limit (a fuzzed zone's 5,800 MW of letters of
intent "at full ramp by 2029-11" at 1,200 MW a year, which the forecast reached around 2035).
A stage expecting no load has no ``full_ramp_by``; one the limit cannot connect by
`FULL_RAMP_CAP` says so in ``note``. A stage holding campuses (contracts.csv ``kind``
``campus``: one project each) says in ``note`` that each is built in full or not at all on a
path, the realization its chance (`pipeline_sampling`): its expected MW are the same, its
band is not a share's. Its ``full_ramp_by`` (and every later stage's, whose MW queue behind
it) is the month it is all in where it is built, its whole MW through the connection limit:
the mean path had connected only its expected share, so a 6,000 MW campus at a 28% share
behind a binding limit read "at full ramp by 2035-08" while the paths that build it were
still connecting it after 2040 (fuzz 11c D5); where it is not built, sooner.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from forecasting.zones.large_loads import CAMPUS, LAST_YEAR, Assumptions, Contract
from forecasting.zones.pipeline_sampling import (
    PipelineRules,
    mean_path,
    measured_parts,
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
    history); ``measured_mw``: the existing data-center level the scenarios carry
    (`pipeline_sampling.measured_data_center_mw`; None: not known, as `sample_new_load`)."""
    rows = []
    for scenario, rule in rules.items():
        path = mean_path(assumptions, rule)
        use, delay, ramp, limit = path.use, path.delay, path.ramp, path.limit
        history = _history_part(contracts, assumptions, rule, first_month, measured_mw)
        connected = _last_connection(contracts, assumptions, rule, delay, limit, history)
        queue = _queue(contracts, assumptions, rule, delay, history)
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
            if campuses := sum(c.kind == CAMPUS for c in mine):
                measured = any(c.kind == CAMPUS and f > 0.0 for c, f in
                               zip(contracts, history.shares, strict=True) if c.stage == stage)
                notes.append(_campus_note(campuses, len(mine), measured=measured))
            contracted = sum(c.contracted_mw for c in mine)
            earliest = min(c.earliest_in_service for c in mine)
            in_service = earliest + delay
            if note := history.stage_note([i for i, c in enumerate(contracts)
                                           if c.stage == stage]):
                notes.append(note)
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


def _campus_note(campuses: int, contracts: int, *, measured: bool = False) -> str:
    """A stage's note on its campuses (module docstring); ``measured``: some of a campus is
    taken as in the measured load, which keeps the stage's mean share on every path, not
    built or not (README: a stated limitation; fuzz 11c D3)."""
    many = campuses > 1
    if campuses == contracts:
        which = f"its {contracts} contracts are campuses" if many else \
            "its contract is one campus"
    else:
        which = f"{campuses} of its {contracts} contracts " + \
            ("are campuses" if many else "is a campus")
    held = ("; the part of a campus the existing level holds keeps the stage's mean share "
            "on every path instead") if measured else ""
    return (f"{which}, {'each ' if many else ''}built in full or not at all on a path (the "
            f"realization is its chance; the same expected MW){held}")


def first_forecast_month(forecast: pd.DataFrame) -> pd.Period:
    """The first month of a zone forecast table (its monthly periods are ``YYYY-MM``)."""
    periods = forecast["period"].astype(str)
    return min(pd.Period(p, "M") for p in periods[periods.str.len() == 7])


@dataclass(frozen=True)
class HistoryPart:
    """What a scenario makes of the contracts in service inside the history: the MW they
    reach by its last month on the mean path, each contract's share taken as in the measured
    load (`pipeline_sampling.measured_shares`; the rest is in service from ``first_month``)
    and its own reach (`pipeline_sampling.measured_parts`), and the level they were judged
    against; each stage row's note is its own contracts' (`stage_note`)."""

    reach_mw: float
    shares: tuple[float, ...]
    first_month: pd.Period | None
    reaches: tuple[float, ...] = ()
    measured_mw: float | None = None

    def stage_note(self, indices: Sequence[int]) -> str:
        """The note of a stage row whose contracts are ``indices``: what of their reach by
        the history's end the level holds, "" when they reach nothing by then. It had been
        the whole queue's, copied onto every stage row with a contract dated inside the
        history (a stage none of whose load the level held read "holds 48 MW of it (16%)",
        and a stage the scenario held back until 2030 said it was in service: fuzz 11c D8)."""
        if self.first_month is None or self.reach_mw <= TOLERANCE_MW or not self.reaches:
            return ""
        reach = sum(self.reaches[i] for i in indices)
        if reach <= TOLERANCE_MW:
            return ""
        taken = sum(self.shares[i] * self.reaches[i] for i in indices)
        end, first = self.first_month - 1, self.first_month
        carried = "no existing data-center level known" if self.measured_mw is None else \
            (f"the {self.measured_mw:,.0f} MW existing data-center level the scenarios carry "
             f"on from it")
        whole = abs(reach - self.reach_mw) <= TOLERANCE_MW
        head = (f"the contracts so dated reach {reach:,.0f} MW by {end}" if whole else
                f"this stage's contracts so dated reach {reach:,.0f} MW by {end} (the "
                f"queue's {self.reach_mw:,.0f} MW, the earliest in service first against "
                f"the level)") + f"; {carried}"
        if taken >= reach - TOLERANCE_MW:
            return (f"in service inside the history: {head} holds all of it, so it is taken "
                    f"as in the measured load and only the rest of their ramp is added")
        if taken <= TOLERANCE_MW:
            return (f"dated inside the history: {head}, so none of it is taken as in the "
                    f"measured load; taken as not yet connected, added in full from {first}")
        return (f"in service inside the history: {head} holds {taken:,.0f} MW of it "
                f"({taken / reach:.0%}), taken as in the measured load with only the rest of "
                f"its ramp added; the other {1 - taken / reach:.0%} of the contracted MW is "
                f"taken as not yet connected, added in full on its ramp from {first}")


def _history_part(contracts: Sequence[Contract], assumptions: Assumptions,
                  rule: PipelineRules, first_month: pd.Period | None,
                  measured_mw: float | None) -> HistoryPart:
    """`HistoryPart` as `pipeline_sampling.sample_new_load` decides it (its module doc)."""
    none = (0.0,) * len(contracts)
    if first_month is None:
        return HistoryPart(0.0, none, None)
    parts = measured_parts(contracts, assumptions, rule, first_month=first_month,
                           measured_mw=measured_mw)
    reach = sum(r for _, r in parts)  # the queue's reach: its contracts' own reaches add up
    if reach <= TOLERANCE_MW:  # none in service inside the history, or none realized
        return HistoryPart(0.0, none, first_month)
    return HistoryPart(reach, tuple(f for f, _ in parts), first_month,
                       tuple(r for _, r in parts), measured_mw)


def _queue(contracts: Sequence[Contract], assumptions: Assumptions, rule: PipelineRules,
           delay: int, history: HistoryPart | None = None
           ) -> list[tuple[pd.Period, str, float]]:
    """(month, stage, MW) as the realized MW become available, first come first: each
    contract's share from its in-service month, the part ``history`` takes as not yet
    connected no earlier than its first month, and a late share's change from January of its
    year (a month's ties in stage order, then the contracts' order)."""
    out = []
    shares = mean_path(assumptions, rule).shares  # the stage shares pipeline.csv shows
    measured = history.shares if history is not None else (0.0,) * len(contracts)
    moved_to = history.first_month if history is not None else None
    for c, f in zip(contracts, measured, strict=True):
        own = c.earliest_in_service + delay
        moved = own if moved_to is None else max(own, moved_to)
        parts = [(own, f), (moved, 1.0 - f)] if 0.0 < f < 1.0 else \
            [(own if f >= 1.0 else moved, 1.0)]
        for start, part in parts:
            share = shares[c.stage]
            mw = c.contracted_mw * part
            if c.kind == CAMPUS:  # connected in full where built (module docstring)
                if share <= 0.0 and c.stage in rule.late_share:  # built from the switch on
                    year, late = rule.late_share[c.stage]
                    start, share = max(start, pd.Period(f"{year}-01", "M")), late
                if share > 0.0:
                    out.append((start, c.stage, mw))
                continue
            if c.stage in rule.late_share:
                year, late = rule.late_share[c.stage]
                switch = pd.Period(f"{year}-01", "M")
                if start >= switch:
                    out.append((start, c.stage, mw * late))
                    continue
                out.append((switch, c.stage, mw * (late - share)))
            out.append((start, c.stage, mw * share))
    order = {s: i for i, s in enumerate(assumptions.stages)}
    return sorted((q for q in out if q[2] != 0.0), key=lambda q: (q[0], order[q[1]]))


def _last_connection(contracts: Sequence[Contract], assumptions: Assumptions,
                     rule: PipelineRules, delay: int, limit: float,
                     history: HistoryPart | None = None) -> dict[str, pd.Period]:
    """Stage -> the month its last MW is connected (module docstring), for the stages with
    MW to connect that the limit connects by `FULL_RAMP_CAP`."""
    queue = _queue(contracts, assumptions, rule, delay, history)
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
