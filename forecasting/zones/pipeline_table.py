"""The large-load pipeline by stage, as the zone report shows it: contracted MW, the MW each
scenario expects of it at full ramp, and when.

For each scenario with a pipeline and each stage:

    expected_mw   = contracted_mw x realization x utilization   (average MW at full ramp,
                    before the zone's connection limit spreads it over the years)
    in_service    = the stage's earliest in-service month + the delay (months)
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
in the order they become available, a month's ties in stage order (`STAGES`, most committed
first). A contract in service inside the history is counted from its own in-service month,
as the sampled load is (only the rest of its ramp is new load). Before, ``full_ramp_by`` was
the stage's earliest contract's in-service month plus the ramp: it ignored the stage's later
contracts and the limit (a fuzzed zone's 5,800 MW of letters of intent "at full ramp by
2029-11" at 1,200 MW a year, which the forecast reached around 2035). A stage expecting no
load has no ``full_ramp_by``; one the limit cannot connect by `FULL_RAMP_CAP` says so in
``note``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd

from forecasting.zones.large_loads import LAST_YEAR, STAGES, Assumptions, Contract
from forecasting.zones.pipeline_sampling import PipelineRules

PIPELINE_COLUMNS = ["scenario", "stage", "projects", "contracted_mw", "realization",
                    "utilization", "expected_mw", "earliest_in_service", "in_service",
                    "full_ramp_by", "note", "connection_limit_mw_per_year"]
#: no full ramp is dated later than this (contract months end in `LAST_YEAR`; a delay and a
#: ramp of at most 50 years each cannot take an unlimited pipeline past it)
FULL_RAMP_CAP = pd.Period(f"{LAST_YEAR + 100}-12", "M")
TOLERANCE_MW = 1e-6


def pipeline_by_stage(contracts: Sequence[Contract], assumptions: Assumptions,
                      rules: Mapping[str, PipelineRules]) -> pd.DataFrame:
    """One row per (scenario, stage with contracts), scenarios in the order given."""
    rows = []
    for scenario, rule in rules.items():
        use = rule.utilization if rule.utilization is not None else assumptions.utilization.mean
        delay = int(round(rule.delay_months if rule.delay_months is not None
                          else assumptions.delay_months.mean))
        ramp = max(rule.ramp_months if rule.ramp_months is not None
                   else assumptions.ramp_months.mean, 1.0)
        limit = assumptions.connection_limit_mw_per_year.mean if rule.limit else math.inf
        connected = _last_connection(contracts, assumptions, rule, delay, limit)
        for stage in STAGES:
            mine = [c for c in contracts if c.stage == stage]
            if not mine:
                continue
            share = rule.realization.get(stage, assumptions.realization[stage].mean)
            notes = []
            if stage in rule.late_share:
                year, late = rule.late_share[stage]
                notes.append(f"{share:g} before {year}, {late:g} from {year}")
                share = late
            contracted = sum(c.contracted_mw for c in mine)
            earliest = min(c.earliest_in_service for c in mine)
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
                "earliest_in_service": str(earliest), "in_service": str(earliest + delay),
                "full_ramp_by": full_ramp, "note": "; ".join(notes),
                "connection_limit_mw_per_year": limit if math.isfinite(limit) else None,
            })
    return pd.DataFrame(rows, columns=PIPELINE_COLUMNS)


def _queue(contracts: Sequence[Contract], assumptions: Assumptions, rule: PipelineRules,
           delay: int) -> list[tuple[pd.Period, str, float]]:
    """(month, stage, MW) as the realized MW become available, first come first: each
    contract's share from its in-service month, and a late share's change from January of
    its year (a month's ties in stage order, then the contracts' order)."""
    out = []
    for c in contracts:
        start = c.earliest_in_service + delay
        share = rule.realization.get(c.stage, assumptions.realization[c.stage].mean)
        if c.stage in rule.late_share:
            year, late = rule.late_share[c.stage]
            switch = pd.Period(f"{year}-01", "M")
            if start >= switch:
                out.append((start, c.stage, c.contracted_mw * late))
                continue
            out.append((switch, c.stage, c.contracted_mw * (late - share)))
        out.append((start, c.stage, c.contracted_mw * share))
    order = {s: i for i, s in enumerate(STAGES)}
    return sorted((q for q in out if q[2] != 0.0), key=lambda q: (q[0], order[q[1]]))


def _last_connection(contracts: Sequence[Contract], assumptions: Assumptions,
                     rule: PipelineRules, delay: int, limit: float) -> dict[str, pd.Period]:
    """Stage -> the month its last MW is connected (module docstring), for the stages with
    MW to connect that the limit connects by `FULL_RAMP_CAP`."""
    queue = _queue(contracts, assumptions, rule, delay)
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
