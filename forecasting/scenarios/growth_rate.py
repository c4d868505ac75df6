"""`growth_rate`: grow a start value at an uncertain annual rate (outlooks that state rates).

Scenario-file driver (`GrowthRateParameters`): the path grows from `start` (a stated
`{year, twh}`, e.g. EPRI's 152.71 TWh in 2023; by default the base year's history value: the
total, or for `applies_to: ai` the AI part less the components' base-year value) at
`growth_rate` a year up to `until_year`, then at `then_growth_rate`; each year adds noise of
s.d. `year_sd` to the rate (from the scenario's `noise` stream). `applies_to: total` models
the whole load (no baseline is added); `applies_to: ai` models the AI layer only.

`start.twh` is in TWh (GWh are refused naming the unit) and `year_sd` a fraction per year
(0.01 for 1 point; percent is refused). `until_year` is the last year of `growth_rate`, so
it must come after the start year (a stated start's, checked on load; else the history's base
year, which only a run knows: `check_base_year`, which the driver calls too), and
`then_growth_rate` needs it: either way round, one of the two rates would apply to no year.
A stated start must not come after the forecast's last year (`check_start_year`, which only
a run can check and the driver calls too): no forecast year would be on the stated path, which
was run backwards from it (an endpoint start of 100 TWh in 2038 published 11.1 TWh for 2024
after a history of 176) or, with `year_sd`, died on mismatched arrays (fuzz 8a D1). A start
before the base year is a source's own base (EPRI's 2023) and stays allowed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Literal

import numpy as np
from pydantic import Field, model_validator

from forecasting.scenarios.base import Driver, DriverContext, ParameterBlock, WholeNumber, column
from forecasting.scenarios.distributions import Domain, Param, ParamError
from forecasting.scenarios.physical import (
    RATE_NOISE_SD,
    TWH,
    after_base_year,
    after_start_year,
    check_number,
)


class Start(ParameterBlock):
    """A stated starting point, e.g. a source's own estimate for its base year."""

    year: WholeNumber = Field(ge=1990, le=2100)
    twh: Param
    source_id: str = ""

    DOMAINS: ClassVar[dict[str, Domain]] = {"twh": TWH}


class GrowthRateParameters(ParameterBlock):
    kind: Literal["growth_rate"] = "growth_rate"
    applies_to: Literal["total", "ai"] = "total"
    start: Start | None = None
    growth_rate: Param
    until_year: WholeNumber | None = Field(default=None, ge=1990, le=2100)
    then_growth_rate: Param | None = None
    year_sd: float = Field(default=0.0, ge=0, description="s.d. of the yearly noise on the rate")

    DOMAINS: ClassVar[dict[str, Domain]] = {
        "growth_rate": Domain(gt=-1),
        "then_growth_rate": Domain(gt=-1),
    }

    @model_validator(mode="after")
    def _years_in_order(self) -> GrowthRateParameters:
        check_number(self.year_sd, domain=RATE_NOISE_SD, name="year_sd")
        if self.then_growth_rate is not None and self.until_year is None:
            raise ParamError("then_growth_rate applies after until_year, which is not given, so "
                             "it would apply to no year: give until_year (the last year of "
                             "growth_rate) or remove it", ("then_growth_rate",))
        if self.start is not None:
            after_start_year(self.until_year, name="until_year", start_year=self.start.year,
                             otherwise="growth_rate would apply to no year of the path, "
                             "then_growth_rate from the start")
        return self

    def check_base_year(self, *, base_year: int) -> None:
        """Refuse (ParamError keyed by the field) an `until_year` not after the history's base
        year `base_year` when the path starts there (no stated `start`)."""
        if self.start is None:
            after_base_year(self.until_year, name="until_year", base_year=base_year,
                            otherwise="growth_rate would apply to no forecast year")


def check_start_year(start: Start | None, *, last_year: int) -> None:
    """Refuse (ParamError keyed `("start", "year")`) a stated start after the forecast's last
    year `last_year` (module docstring)."""
    if start is not None and start.year > last_year:
        raise ParamError(f"the start year {start.year} is after the forecast's last year "
                         f"{last_year}: no forecast year would be on the stated path (it would "
                         f"be run backwards from {start.year}); state a start of "
                         f"{last_year} or earlier", ("start", "year"))


def start_point(p, draws: Mapping[str, np.ndarray],
                ctx: DriverContext) -> tuple[int, np.ndarray]:
    """(year, (n, 1) values) the path starts from, for parameters `p` with `start` and
    `applies_to`: the stated start, else the base year's total, or for `applies_to: ai` its
    AI part less the components' base-year value."""
    if p.start is not None:
        return p.start.year, column(draws, "start.twh", ctx.n)
    if p.applies_to == "ai":
        return ctx.base_year, np.asarray(ctx.ai_start, dtype=float).reshape(ctx.n, 1)
    return ctx.base_year, np.full((ctx.n, 1), ctx.total_base)


class GrowthRatePathDriver(Driver, name="growth_rate", parameters=GrowthRateParameters):
    p: GrowthRateParameters

    def paths(self, draws: Mapping[str, np.ndarray], ctx: DriverContext) -> np.ndarray:
        self.p.check_base_year(base_year=ctx.base_year)
        check_start_year(self.p.start, last_year=int(ctx.years[-1]))
        n = ctx.n
        start_year, start = start_point(self.p, draws, ctx)
        first = min(start_year, ctx.base_year)
        grid = np.arange(first + 1, max(int(ctx.years[-1]), start_year) + 1)
        early = column(draws, "growth_rate", n)
        late = column(draws, "then_growth_rate", n) if "then_growth_rate" in draws else early
        cutoff = self.p.until_year if self.p.until_year is not None else grid[-1]
        rates = np.where(grid[None, :] <= cutoff, early, late)
        if self.p.year_sd > 0:
            noise = ctx.streams.normals("noise", len(ctx.years))
            future = grid > ctx.base_year
            rates = rates.copy()
            rates[:, future] += self.p.year_sd * noise[:, : int(future.sum())]
        rates = np.clip(rates, -0.99, None)
        cum = np.concatenate([np.zeros((n, 1)), np.cumsum(np.log1p(rates), axis=1)], axis=1)
        at_start = cum[:, [start_year - first]]
        at_years = cum[:, ctx.years.astype(int) - first]
        return start * np.exp(at_years - at_start)
