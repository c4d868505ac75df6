"""Constraints: the supply envelope and a scenario's own caps.

Every scenario is bounded by its region's supply envelope (`data/scenarios/envelope/<region>
.yaml`, read by `catalog.load_envelope`): each limit an uncertain, cited parameter. A scenario
may replace a limit in its own `constraints:` block, with a note citing why (`with_envelope`
refuses an override without one), and add `max_total_gw`. The limits, each optional:

- ``max_added_gw_per_year``: new capacity that can connect in a year (grid, interconnection),
  GW a year, from 0 to 200;
- ``max_total_gw``: total capacity the grid can serve, GW, from 1 to 2,000;
- ``max_growth_per_year``: the fastest the load can grow in a year (accelerator supply), a
  fraction (0.3 for 30%), at most 2.0;
- ``max_share_pct``: the largest share of the region's electricity (power-system growth),
  against the run's own projection of the national total on each path, a percent (16 for
  16%), from 1 to 100.

Capacity is the load divided by a load factor: capacity GW = TWh x 1000 / (hours x load
factor) (LBNL 2024 states 325-580 TWh in 2028 as 74-132 GW, a load factor of about 0.50). The
capped total is built year by year from the base year's load:

    connected_{t-1} = max(capacity_base, capacity of total_s for every year s <= t-1)
    cap_t = min(connected_{t-1} + max_added_gw_per_year,
                max(max_total_gw, capacity_base)) in TWh,
            total_{t-1} x (1 + max_growth_per_year), max_share_pct / 100 x national_t
    total_t = min(unconstrained total_t, cap_t)

so load that cannot connect waits and connects when the caps allow (a queue). The connected
capacity is the running maximum of the capacity reached so far (the base year's included),
not last year's load: a grid connection, once built, stays, so a path whose load dips one year
can come back to its earlier peak without new connections, and only the load above that peak
waits for `max_added_gw_per_year` (taking last year's load held a path at its dip for good:
fuzz round 8a D2). For the same reason a total limit below the base year's own capacity (a draw
of `max_total_gw` under what is already connected) holds the load at that capacity: it stops new
connections and never disconnects load the history shows (it had cut the first forecast year
below the base year's load). The growth limit is a limit on the load's own growth (accelerator
supply) and stays on last year's load. The energy the caps remove (`removed_by_cap` =
unconstrained - capped, >= 0) is reported, never dropped silently; the engine takes it from the
AI layer first, then from the baseline. `binding` records, per path and year, which limit set
the cap where it bit (`LIMITS` order; -1 where the load was below every cap).
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from pydantic import model_validator

from forecasting.scenarios.base import ParameterBlock
from forecasting.scenarios.distributions import Domain, Param, ParamError

#: the plausible domains of the growth and share limits (`ConstraintParameters.DOMAINS`): a
#: load can at most triple in a year, and a share under 1% of the region's electricity is a
#: fraction written where a percent is expected
MAX_GROWTH_PER_YEAR = 2.0
MIN_SHARE_PCT = 1.0
#: the plausible domains of the capacity limits, in GW: US data centers drew about 40 GW of
#: capacity in 2023 and the whole US generating fleet is about 1,300 GW, so a yearly addition
#: over 200 GW or a total over 2,000 GW is a value in MW (7000 for 7 GW/yr switched the cap
#: off), and a total under 1 GW a value in TW (0.15 for 150 GW cut the US total from 176 TWh
#: to 0.5 in a year: fuzz 8a D5)
MAX_ADDED_GW_PER_YEAR = 200.0
MIN_TOTAL_GW = 1.0
MAX_TOTAL_GW = 2000.0

#: the limits, in the order `binding` numbers them
LIMITS = ("max_added_gw_per_year", "max_total_gw", "max_growth_per_year", "max_share_pct")


class ConstraintParameters(ParameterBlock):
    max_added_gw_per_year: Param | None = None
    max_total_gw: Param | None = None
    max_growth_per_year: Param | None = None
    max_share_pct: Param | None = None

    DOMAINS: ClassVar[dict[str, Domain]] = {
        # a capacity in MW would switch the cap off, one in TW cut the load to a thousandth
        "max_added_gw_per_year": Domain(ge=0, le=MAX_ADDED_GW_PER_YEAR,
                                        unit="GW of new capacity a year: 7 for 7 GW/yr, not MW"),
        "max_total_gw": Domain(ge=MIN_TOTAL_GW, le=MAX_TOTAL_GW,
                               unit="GW of capacity: 120 for 120 GW, not MW or TW"),
        # a growth written in percent (30 for 30%) would switch the cap off, a share written
        # as a fraction (0.16 for 16%) would cut the load to a hundredth: both are refused
        "max_growth_per_year": Domain(ge=0, le=MAX_GROWTH_PER_YEAR,
                                      unit="a fraction per year: 0.3 for 30%"),
        "max_share_pct": Domain(ge=MIN_SHARE_PCT, le=100, unit="a percent: 16 for 16%"),
    }

    @model_validator(mode="after")
    def _something(self) -> ConstraintParameters:
        if all(getattr(self, name) is None for name in LIMITS):
            raise ParamError(f"give at least one of {', '.join(LIMITS)}")
        return self


def with_envelope(own: ConstraintParameters | None, envelope: ConstraintParameters | None,
                  file: str) -> ConstraintParameters | None:
    """The scenario's limits: the envelope's, each replaced by the scenario's own where it
    gives one; an override of an envelope limit without a note is an `InputError`."""
    from forecasting.errors import InputError

    if envelope is None:
        return own
    if own is None:
        return envelope
    merged = {}
    for name in LIMITS:
        mine, theirs = getattr(own, name), getattr(envelope, name)
        if mine is not None and theirs is not None and not getattr(mine, "note", ""):
            raise InputError(file, "a scenario that replaces a limit of the supply envelope "
                             "must say why in a note (its source)", field=f"constraints.{name}")
        merged[name] = mine if mine is not None else theirs
    return ConstraintParameters(**merged)


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
    max_growth: np.ndarray | None = None,
    max_share_pct: np.ndarray | None = None,
    national: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(capped total paths (n, H), binding (n, H): index into `LIMITS` of the limit that set
    the cap where it bit, -1 elsewhere); `base_twh` is the load in the base year and
    `national` the region's electricity paths (n, H) the share limit applies to."""
    n, horizon = total.shape
    lf = np.broadcast_to(np.asarray(load_factor, dtype=float), (n,))
    previous_twh = np.broadcast_to(np.asarray(base_twh, dtype=float), (n,)).copy()
    connected_gw = previous_twh * 1000.0 / (base_hours * lf)  # running max (module docstring)
    total_gw = None if max_total_gw is None else np.maximum(max_total_gw, connected_gw)
    capped = np.empty_like(total)
    binding = np.full(total.shape, -1, dtype=int)
    for j in range(horizon):
        to_twh = hours[j] * lf / 1000.0
        caps = np.full((len(LIMITS), n), np.inf)
        if max_added_gw is not None:
            caps[0] = (connected_gw + max_added_gw) * to_twh
        if total_gw is not None:
            caps[1] = total_gw * to_twh
        if max_growth is not None:
            caps[2] = previous_twh * (1.0 + max_growth)
        if max_share_pct is not None and national is not None:
            caps[3] = max_share_pct / 100.0 * national[:, j]
        limit = caps.min(axis=0)
        capped[:, j] = np.minimum(total[:, j], limit)
        bit = total[:, j] > limit
        binding[bit, j] = caps.argmin(axis=0)[bit]
        previous_twh = capped[:, j]
        connected_gw = np.maximum(connected_gw, capped[:, j] / to_twh)
    return capped, binding
