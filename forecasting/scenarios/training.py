"""`training` component: frontier training runs, added to the AI path.

    TWh_k = runs_per_year x (1 + runs_growth)^k x power_mw x (1 + power_growth)^k
            x duration_days x 24 x region_share / 1e6,          k = years since the base year

`power_mw` is a run's facility power (IT and cooling). Add this component only for demand the
scenario's driver does not already contain: with `compute_efficiency` and `growth_rate`
(`applies_to: ai`) the driver's default start is the history's AI part less the components'
base-year value, so the total stays that of the history; a `fleet` driver already counts every
accelerator, training included.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

import numpy as np
from pydantic import Field

from forecasting.scenarios.base import Component, DriverContext, ParameterBlock, column
from forecasting.scenarios.distributions import Domain, Param
from forecasting.scenarios.physical import RUNS_PER_YEAR, TRAINING_RUN_MW


class TrainingParameters(ParameterBlock):
    runs_per_year: Param = Field(description="frontier training runs per year, world, base year")
    runs_growth: Param = Field(default=0.0, description="growth of runs per year")
    power_mw: Param = Field(description="facility power of one run in the base year, MW")
    power_growth: Param = Field(default=0.0, description="growth of a run's power per year")
    duration_days: Param = Field(description="length of one run, days")
    region_share: Param = Field(description="share of the runs made in the region, 0-1")

    DOMAINS: ClassVar[dict[str, Domain]] = {
        "runs_per_year": RUNS_PER_YEAR,
        "runs_growth": Domain(gt=-1),
        "power_mw": TRAINING_RUN_MW,
        "power_growth": Domain(gt=-1),
        "duration_days": Domain(gt=0, le=366),
        "region_share": Domain(ge=0, le=1),
    }


class TrainingComponent(Component, name="training", parameters=TrainingParameters):
    p: TrainingParameters

    def energy(self, draws: Mapping[str, np.ndarray], n: int, steps: np.ndarray) -> np.ndarray:
        """TWh in the years `steps` after the base year (0 = the base year), (n, len(steps))."""
        k = np.asarray(steps, dtype=float)[None, :]
        runs = column(draws, "runs_per_year", n) * (1.0 + column(draws, "runs_growth", n)) ** k
        power = column(draws, "power_mw", n) * (1.0 + column(draws, "power_growth", n)) ** k
        return (runs * power * column(draws, "duration_days", n) * 24.0
                * column(draws, "region_share", n) / 1e6)

    def paths(self, draws: Mapping[str, np.ndarray], ctx: DriverContext) -> np.ndarray:
        return self.energy(draws, ctx.n, ctx.steps)
