"""Zone scenarios: how each one builds the data-center component.

- ``statistical-trend``: no pipeline. The data-center component is the linear trend of the
  decomposition's monthly data-center MW over the modelling window, from the year-on-year
  change of its last two 12-month means, with the slope's uncertainty
  (`forecasting.models.year_on_year_trend.YearOnYearTrend`): the recent ramp carried on. It
  replaced a random walk with drift on the months, which took the months' weather noise for
  steps (the backtest of `benchmarks/zones/dom/` scores this construction).
- ``vetted``: the existing data-center load held flat at the level the history ends on (a
  line through the decomposition's last 12 months read at the last, drawn uniformly within
  its interval moved with it and clipped at 0, median the level: `existing_load`), plus the
  stage-weighted pipeline with every assumption drawn (`pipeline_sampling`). The draw splits
  the measured total, it does not add to it: the base was split against the point estimate,
  so a path's draw takes its difference from the level out of the base (`run.py`); drawn on
  top of the base, a clipped interval (PJM-AP: 78 MW, 0-525) had put every pipeline
  scenario's total about 180 MW (3%) above the statistical trend's in its first month, and
  the draw's spread (DOM: sd 358 MW) on the total. Held at the last 12 months' mean, a load
  that grew during that year lost the growth (DOM: vetted 2025 total 508 MW below the
  statistical trend's).
- ``all-requests``: existing load plus every contract realized (realization 1 whatever
  the zone's stages, no connection limit); utilization, delay and ramp still drawn.
- ``pjm2025-dom``: existing load plus PJM's published vetting rules applied to Dominion's
  December 2024 stages (large_loads.md section 1, F): firm projects (ESA: service
  obligation; CLOA: construction commitment) at 100%, non-firm (SELOA) 0 before 2030 and
  50% from 2030, utilization 70%, ramp 36 months, no extra delay, no connection limit. It is
  written for Dominion's stages: a zone whose queue names others is refused it
  (`refuse_other_stages`), as its other stages would be drawn under a PJM label.
"""

from __future__ import annotations

from collections.abc import Sequence

from forecasting.errors import InputError
from forecasting.zones.large_loads import DOMINION_STAGES, Assumptions
from forecasting.zones.pipeline_sampling import PipelineRules

PIPELINE_RULES = {
    "vetted": PipelineRules(),
    "all-requests": PipelineRules(every_stage=1.0, limit=False),
    "pjm2025-dom": PipelineRules(
        realization={"ESA": 1.0, "CLOA": 1.0, "SELOA": 0.0},
        late_share={"SELOA": (2030, 0.5)},
        utilization=0.7, ramp_months=36.0, delay_months=0.0, limit=False,
        stages=DOMINION_STAGES,
    ),
}
PJM_DOM_SUMMER_PEAK_GROWTH = 0.063  # 10-year, PJM 2025 load forecast report, as quoted (F)


def refuse_other_stages(scenarios: Sequence[str], assumptions: Assumptions, file: str) -> None:
    """`InputError` naming ``file`` (the zone's assumptions.csv) when a scenario's rules are
    written for other stages than the zone's (`PipelineRules.stages`)."""
    for scenario in scenarios:
        rules = PIPELINE_RULES.get(scenario)
        if rules is None or rules.stages is None:
            continue
        others = [s for s in assumptions.stages if s not in rules.stages]
        if others:
            raise InputError(file, f"scenario {scenario} applies its rules to the stages "
                             f"{', '.join(rules.stages)}; this zone's stages "
                             f"{', '.join(others)} are not among them: leave {scenario} out "
                             "of the config's scenarios", field="stage")
