"""History -> conventional load + AI-accelerated load, by an accelerator-fleet backcast.

Method (every input is a cited value in `data/scenarios/backcast/<region>.yaml`):

1. Cohorts. Accelerators shipped worldwide in year `s` (NVIDIA data-center GPUs, TechInsights
   for 2022-2023, documented assumptions before), times `other_accelerators_factor` (TPUs and
   other AI ASICs, in NVIDIA-GPU energy equivalents), times `region_share` (the share installed
   in the region): units `u_s`, millions.
2. Power. Each cohort draws `board_power_kw[s] x host_overhead` kW per accelerator at full load
   (the host CPUs, memory and network share on top of the board; DGX H100 10.2 kW / 8 GPUs vs
   700 W boards gives about 1.8), times `utilization` on average.
3. Stock. A cohort is in service from mid-year `s` for `lifetime_years` (see `stock.py`), so
   the IT load in year `t` is  sum_s u_s x kW_s x utilization x f(t - s, lifetime)  GW.
4. Facility. AI TWh_t = IT GW_t x PUE_t x hours_t / 1000, with the survey PUE of the year.
5. Split. ai_t = min(AI TWh_t, max_ai_share x total_t) (and >= 0); conventional_t =
   total_t - ai_t. The two parts are positive and add up to the built history exactly; any
   year where the clip binds is marked in the table (`clipped`).

The statistical baseline is fitted to `conventional_series()`; AI scenarios start from the
AI part, and the `fleet` driver carries the surviving historical cohorts forward, so the first
forecast year continues the history without counting any load twice.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass

import numpy as np
import pandas as pd

from forecasting.contracts import annual_index
from forecasting.decompose.assumptions import BackcastAssumptions
from forecasting.decompose.stock import in_service_power

COLUMNS = ["year", "total_twh", "conventional_twh", "ai_twh", "ai_unclipped_twh",
           "installed_units_m", "ai_it_gw", "pue", "clipped"]


@dataclass(frozen=True)
class FleetHistory:
    """The historical cohorts in the region, as the `fleet` driver carries them forward."""

    cohort_years: np.ndarray       # (S,) consecutive shipment years
    units_m: np.ndarray            # (S,) accelerators installed in the region, millions
    full_load_kw: np.ndarray       # (S,) kW per accelerator at full load, host included
    utilization: float             # average draw / full load of the historical cohorts
    lifetime_years: float
    base_year: int                 # the last history year
    pue_base: float                # PUE in the base year
    shipments_world_base_m: float  # world shipments in the base year, all accelerators


@dataclass(frozen=True)
class Decomposition:
    """The built history split into conventional and AI load (see the module docstring)."""

    table: pd.DataFrame
    fleet: FleetHistory
    assumptions: BackcastAssumptions

    @property
    def base_year(self) -> int:
        return int(self.table["year"].iloc[-1])

    @property
    def total_at_base(self) -> float:
        return float(self.table["total_twh"].iloc[-1])

    @property
    def ai_at_base(self) -> float:
        return float(self.table["ai_twh"].iloc[-1])

    @property
    def conventional_at_base(self) -> float:
        return float(self.table["conventional_twh"].iloc[-1])

    def _series(self, column: str) -> pd.Series:
        return pd.Series(self.table[column].to_numpy(), index=annual_index(self.table["year"]),
                         name=column)

    def conventional_series(self) -> pd.Series:
        """The conventional part on an annual PeriodIndex: what the baseline is fitted to."""
        return self._series("conventional_twh")

    def ai_series(self) -> pd.Series:
        return self._series("ai_twh")


def _hours(years: np.ndarray) -> np.ndarray:
    return np.array([8784.0 if calendar.isleap(int(y)) else 8760.0 for y in years])


def backcast_ai(years: np.ndarray, assumptions: BackcastAssumptions) -> pd.DataFrame:
    """AI load of the region in `years` from the assumptions alone (no clipping): columns
    year, installed_units_m, ai_it_gw, pue, ai_twh."""
    a = assumptions
    years = np.asarray(years, dtype=int)
    cohorts = np.array(a.cohort_years)
    units = _units(a)
    kw = np.array([a.board_power_kw[y].value for y in cohorts]) * a.host_overhead.value
    life = np.array([a.lifetime_years.value])
    it_gw = in_service_power(units * kw * a.utilization.value, cohorts, years, life)[0]
    installed = in_service_power(units, cohorts, years, life)[0]
    pue = np.array([a.pue_in(int(y)) for y in years])
    return pd.DataFrame({
        "year": years, "installed_units_m": installed, "ai_it_gw": it_gw, "pue": pue,
        "ai_twh": it_gw * pue * _hours(years) / 1000.0,
    })


def _units(a: BackcastAssumptions) -> np.ndarray:
    ships = np.array([a.shipments_world_m[y].value for y in a.cohort_years])
    return ships * a.other_accelerators_factor.value * a.region_share.value


def decompose_history(history: pd.DataFrame, assumptions: BackcastAssumptions) -> Decomposition:
    """Split the built history (`BuiltHistory.series`: columns year, twh, ...) into
    conventional and AI parts that add up to it exactly."""
    frame = history.sort_values("year")
    years = frame["year"].to_numpy(dtype=int)
    total = frame["twh"].to_numpy(dtype=float)
    ai_raw = backcast_ai(years, assumptions)
    cap = assumptions.max_ai_share * total
    ai = np.clip(ai_raw["ai_twh"].to_numpy(), 0.0, cap)
    conventional = total - ai
    table = pd.DataFrame({
        "year": years, "total_twh": total, "conventional_twh": conventional, "ai_twh": ai,
        "ai_unclipped_twh": ai_raw["ai_twh"].to_numpy(),
        "installed_units_m": ai_raw["installed_units_m"].to_numpy(),
        "ai_it_gw": ai_raw["ai_it_gw"].to_numpy(), "pue": ai_raw["pue"].to_numpy(),
        "clipped": ai < ai_raw["ai_twh"].to_numpy(),
    })[COLUMNS]
    a = assumptions
    base_year = int(years[-1])
    cohorts = np.array([y for y in a.cohort_years if y <= base_year])
    if len(cohorts) == 0:
        cohorts = np.array([base_year])
        units = np.zeros(1)
        kw = np.ones(1)
    else:
        units = _units(a)[: len(cohorts)]
        kw = np.array([a.board_power_kw[y].value for y in cohorts]) * a.host_overhead.value
    ships_base = (a.shipments_world_m[base_year].value * a.other_accelerators_factor.value
                  if base_year in a.shipments_world_m else 0.0)
    fleet = FleetHistory(
        cohort_years=cohorts, units_m=units, full_load_kw=kw,
        utilization=a.utilization.value, lifetime_years=a.lifetime_years.value,
        base_year=base_year, pue_base=a.pue_in(base_year), shipments_world_base_m=ships_base,
    )
    return Decomposition(table=table, fleet=fleet, assumptions=assumptions)
