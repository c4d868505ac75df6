"""`compute_efficiency`: AI energy as compute demand over efficiency, with PUE and rebound.

    AI TWh_t = base x ((1 + compute_growth) / (1 + efficiency_gain))^k
                    x PUE_t / PUE_start x rebound factor_k,        k = t - base year

- `base`: `base_twh`, or by default the AI part of the history in the base year less the
  base-year value of the scenario's additive components (so nothing is counted twice);
- `compute_growth`: growth per year of the computation demanded (FLOP);
- `efficiency_gain`: growth per year of computation per kWh (hardware and software);
- PUE moves linearly from `pue_start` (default: the backcast's base-year PUE) to `pue_target`
  in `pue_target_year`;
- rebound factor_k = (1 + efficiency_gain)^(rebound x k): cheaper computation brings more use;
  `rebound` is the share of the efficiency saving taken back (0 none, 1 all, > 1 backfire).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Literal

import numpy as np
from pydantic import Field

from forecasting.scenarios.base import (
    Driver,
    DriverContext,
    ParameterBlock,
    column,
    linear_path,
)
from forecasting.scenarios.distributions import Domain, Param


class ComputeEfficiencyParameters(ParameterBlock):
    kind: Literal["compute_efficiency"] = "compute_efficiency"
    base_twh: Param | None = Field(default=None, description="AI TWh in the base year (default:"
                                   " the decomposition's, less the components)")
    compute_growth: Param = Field(description="growth of computation demanded per year")
    efficiency_gain: Param = Field(description="growth of computation per kWh per year")
    rebound: Param = Field(default=0.0, description="share of efficiency savings taken back "
                           "by more use")
    pue_start: Param | None = Field(default=None, description="PUE in the base year (default: "
                                    "the backcast's)")
    pue_target: Param | None = Field(default=None, description="PUE in pue_target_year "
                                     "(default: unchanged)")
    pue_target_year: int | None = Field(default=None, ge=1990, le=2100)

    DOMAINS: ClassVar[dict[str, Domain]] = {
        "base_twh": Domain(ge=0),
        "compute_growth": Domain(gt=-1),
        "efficiency_gain": Domain(gt=-1),
        "rebound": Domain(ge=0),
        "pue_start": Domain(ge=1),
        "pue_target": Domain(ge=1),
    }


class ComputeEfficiencyDriver(Driver, name="compute_efficiency",
                              parameters=ComputeEfficiencyParameters, level="ai"):
    p: ComputeEfficiencyParameters

    def paths(self, draws: Mapping[str, np.ndarray], ctx: DriverContext) -> np.ndarray:
        n, k = ctx.n, ctx.steps[None, :]
        base = (column(draws, "base_twh", n) if "base_twh" in draws
                else np.asarray(ctx.ai_start, dtype=float).reshape(n, 1))
        compute = column(draws, "compute_growth", n)
        efficiency = column(draws, "efficiency_gain", n)
        growth = ((1.0 + compute) / (1.0 + efficiency)) ** k
        rebound = (1.0 + efficiency) ** (column(draws, "rebound", n) * k)
        default_pue = ctx.fleet.pue_base if ctx.fleet is not None else 1.0
        pue_start = (column(draws, "pue_start", n) if "pue_start" in draws
                     else np.full((n, 1), default_pue))
        if "pue_target" in draws:
            over = (self.p.pue_target_year or int(ctx.years[-1])) - ctx.base_year
            pue = linear_path(pue_start, column(draws, "pue_target", n), ctx.steps, over)
        else:
            pue = np.broadcast_to(pue_start, (n, len(ctx.years)))
        return base * growth * (pue / pue_start) * rebound
