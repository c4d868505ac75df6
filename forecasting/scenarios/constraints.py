"""Constraints: caps on capacity added per year (grid and interconnection) and on total capacity.

Capacity is the load divided by a load factor: capacity GW = TWh x 1000 / (hours x load
factor) (LBNL 2024 states 325-580 TWh in 2028 as 74-132 GW, a load factor of about 0.50). The
capped total is built year by year from the base year's capacity:

    cap_t = min(capacity_{t-1} + max_added_gw_per_year, max_total_gw)
    total_t = min(unconstrained total_t, cap_t x hours_t x load factor / 1000)

so load that cannot connect waits and connects when the cap allows (a queue). The energy a cap
removes (`removed_by_cap` = unconstrained - capped, >= 0) is reported, never dropped silently;
the engine takes it from the AI layer first, then from the baseline.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from pydantic import model_validator

from forecasting.scenarios.base import ParameterBlock
from forecasting.scenarios.distributions import Domain, Param, ParamError


class ConstraintParameters(ParameterBlock):
    max_added_gw_per_year: Param | None = None
    max_total_gw: Param | None = None

    DOMAINS: ClassVar[dict[str, Domain]] = {
        "max_added_gw_per_year": Domain(ge=0),
        "max_total_gw": Domain(gt=0),
    }

    @model_validator(mode="after")
    def _something(self) -> ConstraintParameters:
        if self.max_added_gw_per_year is None and self.max_total_gw is None:
            raise ParamError("give max_added_gw_per_year, max_total_gw or both")
        return self


def capacity_gw(twh: np.ndarray, hours: np.ndarray, load_factor: np.ndarray) -> np.ndarray:
    """Capacity GW of annual TWh paths (n, H) with per-draw load factors (n,)."""
    return twh * 1000.0 / (np.asarray(hours)[None, :] * np.asarray(load_factor)[:, None])


def apply_cap(
    total: np.ndarray,
    *,
    base_twh: float | np.ndarray,
    base_hours: float,
    hours: np.ndarray,
    load_factor: np.ndarray,
    max_added_gw: np.ndarray | None,
    max_total_gw: np.ndarray | None,
) -> np.ndarray:
    """The capped total paths (n, H); `base_twh` is the load in the base year."""
    n, horizon = total.shape
    lf = np.broadcast_to(np.asarray(load_factor, dtype=float), (n,))
    previous = np.broadcast_to(np.asarray(base_twh, dtype=float), (n,)) * 1000.0 / (
        base_hours * lf)
    capped = np.empty_like(total)
    for j in range(horizon):
        limit = np.full(n, np.inf)
        if max_added_gw is not None:
            limit = np.minimum(limit, previous + max_added_gw)
        if max_total_gw is not None:
            limit = np.minimum(limit, max_total_gw)
        capped[:, j] = np.minimum(total[:, j], limit * hours[j] * lf / 1000.0)
        previous = capped[:, j] * 1000.0 / (hours[j] * lf)
    return capped
