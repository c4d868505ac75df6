"""`endpoint`: reach a stated value in a stated year at constant growth, then grow on.

For outlooks that publish only an endpoint: from `start` (a stated `{year, twh}`, or the base
year's history value: total, or the AI part for `applies_to: ai`) the path grows
geometrically to `endpoint_twh` in `endpoint_year`, then at `then_growth_rate` a year. An
uncertain endpoint gives a band; note that a preset built this way only restates its source.
`endpoint_twh` is in TWh (GWh are refused naming the unit); `endpoint_year` must come after
the start year (a stated start's, checked on load; else the history's base year, which only a
run knows: `check_base_year`, which the driver calls too), and a stated start not after the
forecast's last year (`growth_rate.check_start_year`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Literal

import numpy as np
from pydantic import Field, model_validator

from forecasting.scenarios.base import Driver, DriverContext, ParameterBlock, WholeNumber, column
from forecasting.scenarios.distributions import Domain, Param, ParamError
from forecasting.scenarios.growth_rate import Start, check_start_year, start_point
from forecasting.scenarios.physical import TWH, after_base_year


class EndpointParameters(ParameterBlock):
    kind: Literal["endpoint"] = "endpoint"
    applies_to: Literal["total", "ai"] = "total"
    start: Start | None = None
    endpoint_year: WholeNumber = Field(ge=1990, le=2100)
    endpoint_twh: Param
    then_growth_rate: Param = 0.0

    DOMAINS: ClassVar[dict[str, Domain]] = {
        "endpoint_twh": TWH,
        "then_growth_rate": Domain(gt=-1),
    }

    @model_validator(mode="after")
    def _after_start(self) -> EndpointParameters:
        if self.start is not None and self.endpoint_year <= self.start.year:
            raise ParamError(f"endpoint_year {self.endpoint_year} must be after the start year "
                             f"{self.start.year}", ("endpoint_year",))
        return self

    def check_base_year(self, *, base_year: int) -> None:
        """Refuse (ParamError keyed by the field) an `endpoint_year` not after the history's
        base year `base_year` when the path starts there (no stated `start`)."""
        if self.start is None:
            after_base_year(self.endpoint_year, name="endpoint_year", base_year=base_year,
                            otherwise="the path would reach endpoint_twh in no forecast year")


class EndpointDriver(Driver, name="endpoint", parameters=EndpointParameters):
    p: EndpointParameters

    def paths(self, draws: Mapping[str, np.ndarray], ctx: DriverContext) -> np.ndarray:
        self.p.check_base_year(base_year=ctx.base_year)
        check_start_year(self.p.start, last_year=int(ctx.years[-1]))
        n = ctx.n
        start_year, start = start_point(self.p, draws, ctx)
        end_year = self.p.endpoint_year
        end = column(draws, "endpoint_twh", n)
        years = ctx.years[None, :].astype(float)
        before = np.maximum(start, 1e-12) * (end / np.maximum(start, 1e-12)) ** (
            (years - start_year) / (end_year - start_year))
        after = end * (1.0 + column(draws, "then_growth_rate", n)) ** (years - end_year)
        return np.where(years <= end_year, before, after)
