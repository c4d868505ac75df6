"""`endpoint`: reach a stated value in a stated year at constant growth, then grow on.

For outlooks that publish only an endpoint: from `start` (a stated `{year, twh}`, or the base
year's history value: total, or the AI part for `applies_to: ai`) the path grows
geometrically to `endpoint_twh` in `endpoint_year`, then at `then_growth_rate` a year. An
uncertain endpoint gives a band; note that a preset built this way only restates its source.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Literal

import numpy as np
from pydantic import Field, model_validator

from forecasting.scenarios.base import Driver, DriverContext, ParameterBlock, column
from forecasting.scenarios.distributions import Domain, Param, ParamError
from forecasting.scenarios.growth_rate import Start, start_point


class EndpointParameters(ParameterBlock):
    kind: Literal["endpoint"] = "endpoint"
    applies_to: Literal["total", "ai"] = "total"
    start: Start | None = None
    endpoint_year: int = Field(ge=1990, le=2100)
    endpoint_twh: Param
    then_growth_rate: Param = 0.0

    DOMAINS: ClassVar[dict[str, Domain]] = {
        "endpoint_twh": Domain(gt=0),
        "then_growth_rate": Domain(gt=-1),
    }

    @model_validator(mode="after")
    def _after_start(self) -> EndpointParameters:
        if self.start is not None and self.endpoint_year <= self.start.year:
            raise ParamError(f"endpoint_year {self.endpoint_year} must be after the start year "
                             f"{self.start.year}", ("endpoint_year",))
        return self


class EndpointDriver(Driver, name="endpoint", parameters=EndpointParameters):
    p: EndpointParameters

    def paths(self, draws: Mapping[str, np.ndarray], ctx: DriverContext) -> np.ndarray:
        n = ctx.n
        start_year, start = start_point(self.p, draws, ctx)
        end_year = self.p.endpoint_year
        if end_year <= start_year:
            raise ValueError(f"endpoint_year {end_year} must be after the start year "
                             f"{start_year}")
        end = column(draws, "endpoint_twh", n)
        years = ctx.years[None, :].astype(float)
        before = np.maximum(start, 1e-12) * (end / np.maximum(start, 1e-12)) ** (
            (years - start_year) / (end_year - start_year))
        after = end * (1.0 + column(draws, "then_growth_rate", n)) ** (years - end_year)
        return np.where(years <= end_year, before, after)
