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

Each parameter with a unit has a physical range (`physical.py`): a PUE in percent or as its
overhead, a rebound in percent, TWh in GWh are refused naming the unit. `pue_target_year`
and `pue_start` act only through `pue_target` (the path is scaled by PUE_t / PUE_start), so
either without it is refused; `pue_target_year` must be a forecast year, after the history's
base year, which only a run knows (`check_base_year`; the driver checks it too).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Literal

import numpy as np
from pydantic import Field, model_validator

from forecasting.scenarios.base import (
    Driver,
    DriverContext,
    ParameterBlock,
    WholeNumber,
    column,
    linear_path,
)
from forecasting.scenarios.distributions import Domain, Param, ParamError
from forecasting.scenarios.physical import PUE, REBOUND, TWH_OR_NONE, after_base_year


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
    pue_target_year: WholeNumber | None = Field(default=None, ge=1990, le=2100)

    DOMAINS: ClassVar[dict[str, Domain]] = {
        "base_twh": TWH_OR_NONE,
        "compute_growth": Domain(gt=-1),
        "efficiency_gain": Domain(gt=-1),
        "rebound": REBOUND,
        "pue_start": PUE,
        "pue_target": PUE,
    }

    @model_validator(mode="after")
    def _pue_target_given(self) -> ComputeEfficiencyParameters:
        if self.pue_target is None:
            for name in ("pue_target_year", "pue_start"):
                if getattr(self, name) is not None:
                    raise ParamError(f"{name} has no effect without pue_target (the path is "
                                     "scaled by PUE / pue_start, and PUE stays at pue_start): "
                                     "give pue_target or remove it", (name,))
        return self

    def check_base_year(self, *, base_year: int) -> None:
        """Refuse (ParamError keyed by the field) a year that is not after the history's base
        year `base_year`."""
        after_base_year(self.pue_target_year, name="pue_target_year", base_year=base_year,
                        otherwise="PUE would jump to pue_target in the first forecast year")


class ComputeEfficiencyDriver(Driver, name="compute_efficiency",
                              parameters=ComputeEfficiencyParameters, level="ai"):
    p: ComputeEfficiencyParameters

    def paths(self, draws: Mapping[str, np.ndarray], ctx: DriverContext) -> np.ndarray:
        self.p.check_base_year(base_year=ctx.base_year)
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
