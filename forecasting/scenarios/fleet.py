"""`fleet`: a stock-and-flow model of AI accelerators (LBNL's and IEA's bottom-up logic).

Each forecast year `t` ships `S_t` accelerators worldwide, growing from the base year's
shipments (the backcast's, or `shipments_base_m`) at `shipments_growth` a year (until
`growth_until`, then at `shipments_growth_after`). A share `region_share` is installed in the
region. A cohort draws `board_power_kw x (1 + board_power_growth)^(t - first forecast year) x
host_overhead` kW per accelerator at full load and `utilization` of that on average, and is in
service from mid-year for `lifetime` years (`forecasting/decompose/stock.py`). The historical
cohorts of the backcast keep their own power and utilization and retire with the draw's
lifetime, so the installed base carries over from the history. Facility energy:

    AI TWh_t = sum over cohorts of GW in service_t x PUE_t x hours_t / 1000,

with PUE moving linearly from `pue_start` (default: the backcast's base-year PUE) to
`pue_target` in `pue_target_year`, flat afterwards. All arrays are draws x cohorts, so 10,000
draws of 30 years take milliseconds.

Each parameter with a unit has a physical range (`physical.py`): a board's power in watts
(700 for 0.7 kW), a share or utilization in percent, a PUE in percent or as its overhead, a
lifetime in months are refused naming the unit. `shipments_growth_after` needs
`growth_until`; `growth_until` and `pue_target_year` must be forecast years, after the
history's base year, which only a run knows (`check_base_year`; the driver checks it too).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Literal

import numpy as np
from pydantic import Field, model_validator

from forecasting.decompose.stock import in_service_power
from forecasting.scenarios.base import (
    Driver,
    DriverContext,
    ParameterBlock,
    WholeNumber,
    column,
    linear_path,
)
from forecasting.scenarios.distributions import Domain, Param, ParamError
from forecasting.scenarios.physical import (
    BOARD_KW,
    HOST_OVERHEAD,
    LIFETIME_YEARS,
    PUE,
    SHARE,
    SHIPMENTS_M,
    UTILIZATION,
    after_base_year,
)


class FleetParameters(ParameterBlock):
    kind: Literal["fleet"] = "fleet"
    shipments_base_m: Param | None = Field(
        default=None, description="world accelerator shipments in the base year, millions "
        "(default: the backcast's, all accelerators)")
    shipments_growth: Param = Field(description="growth of world shipments per year")
    growth_until: WholeNumber | None = Field(default=None, ge=1990, le=2100,
                                     description="last year of shipments_growth")
    shipments_growth_after: Param | None = Field(
        default=None, description="growth per year after growth_until (default: the same)")
    region_share: Param = Field(description="share of the world's shipments installed in the "
                                "region, 0-1")
    board_power_kw: Param = Field(description="board power of the first forecast cohort, kW")
    board_power_growth: Param = Field(default=0.0, description="growth per year of each new "
                                      "cohort's board power")
    host_overhead: Param = Field(description="full-load server power per accelerator / board "
                                 "power (host CPUs, memory, network share)")
    utilization: Param = Field(description="average draw / full-load draw of new cohorts")
    lifetime: Param = Field(description="years in service before retirement")
    pue_start: Param | None = Field(default=None, description="PUE in the base year (default: "
                                    "the backcast's)")
    pue_target: Param = Field(description="PUE reached in pue_target_year")
    pue_target_year: WholeNumber = Field(ge=1990, le=2100)

    DOMAINS: ClassVar[dict[str, Domain]] = {
        "shipments_base_m": SHIPMENTS_M,
        "shipments_growth": Domain(gt=-1),
        "shipments_growth_after": Domain(gt=-1),
        "region_share": SHARE,
        "board_power_kw": BOARD_KW,
        "board_power_growth": Domain(gt=-1),
        "host_overhead": HOST_OVERHEAD,
        "utilization": UTILIZATION,
        "lifetime": LIFETIME_YEARS,
        "pue_start": PUE,
        "pue_target": PUE,
    }

    @model_validator(mode="after")
    def _after_rate_has_its_year(self) -> FleetParameters:
        if self.shipments_growth_after is not None and self.growth_until is None:
            raise ParamError("shipments_growth_after applies after growth_until, which is not "
                             "given, so it would apply to no year: give growth_until (the last "
                             "year of shipments_growth) or remove it", ("shipments_growth_after",))
        return self

    def check_base_year(self, *, base_year: int) -> None:
        """Refuse (ParamError keyed by the field) a year that is not after the history's base
        year `base_year`."""
        after_base_year(self.growth_until, name="growth_until", base_year=base_year,
                        otherwise="shipments_growth would apply to no forecast year")
        after_base_year(self.pue_target_year, name="pue_target_year", base_year=base_year,
                        otherwise="PUE would jump to pue_target in the first forecast year")


class FleetDriver(Driver, name="fleet", parameters=FleetParameters, level="ai"):
    p: FleetParameters

    def paths(self, draws: Mapping[str, np.ndarray], ctx: DriverContext) -> np.ndarray:
        if ctx.fleet is None:
            raise ValueError("the fleet driver needs the historical cohorts of a backcast")
        self.p.check_base_year(base_year=ctx.base_year)
        n, steps, hist = ctx.n, ctx.steps, ctx.fleet
        base = (column(draws, "shipments_base_m", n) if "shipments_base_m" in draws
                else np.full((n, 1), hist.shipments_world_base_m))
        early = column(draws, "shipments_growth", n)
        late = (column(draws, "shipments_growth_after", n)
                if "shipments_growth_after" in draws else early)
        cutoff = self.p.growth_until if self.p.growth_until is not None else ctx.years[-1]
        rates = np.where(ctx.years[None, :] <= cutoff, early, late)
        shipments = base * np.cumprod(1.0 + rates, axis=1)                     # (n, H)
        board = column(draws, "board_power_kw", n) * (
            1.0 + column(draws, "board_power_growth", n)) ** (steps[None, :] - 1.0)
        full_kw = board * column(draws, "host_overhead", n)
        new = (shipments * column(draws, "region_share", n) * full_kw
               * column(draws, "utilization", n))                              # GW, (n, H)

        old_years = np.arange(int(hist.cohort_years[0]), ctx.base_year + 1)
        old = np.zeros(len(old_years))
        at = hist.cohort_years - old_years[0]
        old[at] = hist.units_m * hist.full_load_kw * hist.utilization
        weights = np.concatenate([np.broadcast_to(old, (n, len(old))), new], axis=1)
        cohorts = np.concatenate([old_years, ctx.years.astype(int)])
        it_gw = in_service_power(weights, cohorts, ctx.years, np.asarray(draws["lifetime"]))

        pue_start = (column(draws, "pue_start", n) if "pue_start" in draws
                     else np.full((n, 1), hist.pue_base))
        pue = linear_path(pue_start, column(draws, "pue_target", n), steps,
                          self.p.pue_target_year - ctx.base_year)
        return it_gw * pue * ctx.hours[None, :] / 1000.0
