"""The large-load pipeline by stage, as the zone report shows it: contracted MW, the MW each
scenario expects of it at full ramp, and when.

For each scenario with a pipeline and each stage:

    expected_mw   = contracted_mw x realization x utilization   (average MW at full ramp,
                    before the zone's connection limit spreads it over the years)
    in_service    = the stage's earliest in-service month + the delay (months)
    full_ramp_by  = in_service + the ramp (months): counted from the in-service month even
                    when it is inside the history, as the sampled load is
                    (`pipeline_sampling`: only the rest of such a ramp is new load)

where each uncertain assumption is its triangular mean (`large_loads.Triangular.mean`)
unless the scenario fixes it (`pipeline_sampling.PipelineRules`): a share that changes in a
year (PJM's non-firm rule) is shown as its final share with the year in ``note``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from forecasting.zones.large_loads import STAGES, Assumptions, Contract
from forecasting.zones.pipeline_sampling import PipelineRules

PIPELINE_COLUMNS = ["scenario", "stage", "projects", "contracted_mw", "realization",
                    "utilization", "expected_mw", "earliest_in_service", "in_service",
                    "full_ramp_by", "note"]


def pipeline_by_stage(contracts: Sequence[Contract], assumptions: Assumptions,
                      rules: Mapping[str, PipelineRules]) -> pd.DataFrame:
    """One row per (scenario, stage with contracts), scenarios in the order given."""
    rows = []
    for scenario, rule in rules.items():
        use = rule.utilization if rule.utilization is not None else assumptions.utilization.mean
        delay = (rule.delay_months if rule.delay_months is not None
                 else assumptions.delay_months.mean)
        ramp = rule.ramp_months if rule.ramp_months is not None else assumptions.ramp_months.mean
        for stage in STAGES:
            mine = [c for c in contracts if c.stage == stage]
            if not mine:
                continue
            share = rule.realization.get(stage, assumptions.realization[stage].mean)
            note = ""
            if stage in rule.late_share:
                year, late = rule.late_share[stage]
                note = f"{share:g} before {year}, {late:g} from {year}"
                share = late
            contracted = sum(c.contracted_mw for c in mine)
            earliest = min(c.earliest_in_service for c in mine)
            in_service = earliest + int(round(delay))
            rows.append({
                "scenario": scenario, "stage": stage, "projects": len(mine),
                "contracted_mw": contracted, "realization": share, "utilization": use,
                "expected_mw": contracted * share * use,
                "earliest_in_service": str(earliest), "in_service": str(in_service),
                "full_ramp_by": str(in_service + int(round(ramp))), "note": note,
            })
    return pd.DataFrame(rows, columns=PIPELINE_COLUMNS)
