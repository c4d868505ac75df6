"""The energy a forecast month partly in the history has already had.

A zone's history can end inside a month with too few of its hours measured for the month to
be modelled (under `seasons.MONTH_COMPLETE`), so the month is forecast; its measured hours
are load already delivered. For such a month the total energy is at least

    F = E + (H - h) L / 1000  (GWh),

E the sum of its evidence hours (GWh), h their count, H the month's hours and L the lowest
evidence hour (MW) of the history's last year: the month's hours not measured at no less
than the least the zone has drawn in a year (a bound, not a forecast; L >= 0, so F is never
below E itself). `base_at_least_measured` raises each path's base energy of such a month by
what its total (base + data center) falls short of F, so the published total energy and
average MW (mean, P05-P95) are never below F, stay ordered, and the total stays base plus
data center, for a zone run and for the many-zone runs that sum the base and data-center
paths. The base takes the shortfall because the measured hours are the zone's total load
and the data-center load is the scenario's. Months with no measured hour are unchanged;
only the forecast is bounded (a backtest origin never sees an hour after it).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.zones.history import UTC, hours_in, period_table


def measured_energy_floor(load: pd.Series, months: pd.PeriodIndex, clock: str = UTC
                          ) -> np.ndarray:
    """(len(months),) F in GWh (module doc) of each of ``months`` with a measured hour in
    ``load`` (the history: UTC hourly MW, NaN = no evidence), -inf for the others; months
    on ``clock`` (`history.period_labels`)."""
    if not load.notna().any():
        return np.full(len(months), -np.inf)
    table = period_table(load, "M", clock).reindex(months)
    measured = table["hours"].fillna(0).to_numpy(dtype=float)
    last = load.last_valid_index()
    lowest = max(float(load.loc[last - pd.DateOffset(years=1):].min()), 0.0)
    floor = (table["energy_gwh"].fillna(0).to_numpy(dtype=float)
             + (hours_in(months, clock) - measured) * lowest / 1000.0)
    return np.where(measured > 0, floor, -np.inf)


def base_at_least_measured(base: np.ndarray, data_center: np.ndarray, floor: np.ndarray
                           ) -> np.ndarray:
    """``base`` energy paths (n, len(floor)) GWh, each raised where base + ``data_center``
    falls below the month's ``floor`` (`measured_energy_floor`) by the shortfall; paths at
    or above it and months with a -inf floor are unchanged."""
    shortfall = np.maximum(floor[None, :] - (base + data_center), 0.0)
    return base + shortfall
