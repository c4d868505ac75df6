"""The assumptions of the accelerator-fleet backcast, one cited value each.

They are read from `data/scenarios/backcast/<region>.yaml` by
`forecasting.scenarios.catalog.load_backcast` and validated here (unknown keys are errors).
"""

from __future__ import annotations

import numpy as np
from pydantic import Field, model_validator

from forecasting.strict import StrictModel


class Cited(StrictModel):
    """A number with the source (or the word "assumption") behind it."""

    value: float
    note: str = Field(min_length=1)


class BackcastAssumptions(StrictModel):
    """Inputs of the AI-load backcast (see `fleet_backcast.py` for the method)."""

    region: str = Field(min_length=1)
    description: str = ""
    shipments_world_m: dict[int, Cited] = Field(
        min_length=1,
        description="NVIDIA data-center GPUs shipped worldwide per year, millions",
    )
    other_accelerators_factor: Cited = Field(
        description="all data-center AI accelerators per NVIDIA GPU, in energy terms (>= 1)"
    )
    region_share: Cited = Field(description="share of the world's shipments installed in the "
                                "region, 0-1")
    board_power_kw: dict[int, Cited] = Field(
        min_length=1, description="average accelerator board power of each year's cohort, kW"
    )
    host_overhead: Cited = Field(
        description="server power per accelerator at full load divided by board power "
        "(host CPUs, memory, fans, network share), >= 1"
    )
    utilization: Cited = Field(description="average draw as a fraction of full load, 0-1")
    lifetime_years: Cited = Field(description="years in service before retirement, > 0")
    pue: dict[int, Cited] = Field(
        min_length=1,
        description="power usage effectiveness by year; linear between the years given, flat "
        "outside them",
    )
    max_ai_share: float = Field(
        default=0.9, gt=0, le=1,
        description="the AI part is clipped to this share of the year's total, so the "
        "conventional part stays positive",
    )

    @model_validator(mode="after")
    def _consistent(self) -> BackcastAssumptions:
        years = sorted(self.shipments_world_m)
        if years != list(range(years[0], years[-1] + 1)):
            raise ValueError("shipments_world_m must cover consecutive years")
        missing = [y for y in years if y not in self.board_power_kw]
        if missing:
            raise ValueError(f"board_power_kw has no value for cohort year {missing[0]}")
        checks = [
            ("shipments_world_m", min(c.value for c in self.shipments_world_m.values()) >= 0,
             "must be >= 0"),
            ("board_power_kw", min(c.value for c in self.board_power_kw.values()) > 0,
             "must be > 0"),
            ("other_accelerators_factor", self.other_accelerators_factor.value >= 1,
             "must be >= 1"),
            ("region_share", 0 <= self.region_share.value <= 1, "must be between 0 and 1"),
            ("host_overhead", self.host_overhead.value >= 1, "must be >= 1"),
            ("utilization", 0 < self.utilization.value <= 1, "must be in (0, 1]"),
            ("lifetime_years", self.lifetime_years.value > 0, "must be > 0"),
            ("pue", min(c.value for c in self.pue.values()) >= 1, "must be >= 1"),
        ]
        for name, ok, why in checks:
            if not ok:
                raise ValueError(f"{name} {why}")
        return self

    @property
    def cohort_years(self) -> list[int]:
        return sorted(self.shipments_world_m)

    def pue_in(self, year: int) -> float:
        """PUE in `year`: linear between the years given, flat outside them."""
        known = sorted(self.pue)
        return float(np.interp(year, known, [self.pue[y].value for y in known]))
