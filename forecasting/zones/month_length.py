"""A zone's monthly energy at a standard month length, so a leap February is not a short one.

The zone's energy models see one value per month and a month-of-year season; they do not know
how long a month is. Februaries have 28 days in three years of four and 29 in the fourth, so a
model fitted on energy gives every February the energy of about 28.2 days, and the forecast's
leap Februaries (energy / 696 hours) came out 3.4% low in average MW, monthly peak and
winter 50/50 (fuzz round 5, D1: PJM-AP's winter 50/50 8,406 MW in 2028 against 8,676-8,715
in the common years around it).

`StandardMonthEnergy` fits its model on each month's energy at its calendar month's mean
length over the Gregorian 400-year cycle (energy x standard hours / the month's own hours:
the average MW times 677.82 hours for every February, times 744 for every January) and turns
the paths back into each forecast month's own hours. A month of 30 or 31 days is unchanged;
a February's average MW is the same whether or not its year is a leap year.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from forecasting.models.base import Model
from forecasting.zones.history import hours_in

#: mean days of each calendar month over the Gregorian cycle (97 leap years in 400)
_MEAN_DAYS = np.array([31, 28 + 97 / 400, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def standard_hours(months: pd.PeriodIndex) -> np.ndarray:
    """(len(months),) the mean hours of each month's calendar month (February 677.82)."""
    return _MEAN_DAYS[np.asarray(months.month) - 1] * 24.0


class StandardMonthEnergy(Model):
    """``inner`` fitted on monthly energy at the standard month length; its paths in each
    forecast month's own hours (module doc)."""

    name = "standard_month_energy"
    frequencies = frozenset({"M"})

    def __init__(self, inner: Model) -> None:
        self.inner = inner

    def fit(self, series: pd.Series) -> StandardMonthEnergy:
        self.last_ = series.index[-1]
        self.inner.fit(series * (standard_hours(series.index) / hours_in(series.index)))
        return self

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        months = pd.period_range(self.last_ + 1, periods=horizon, freq="M")
        paths = self.inner.sample_paths(horizon, n, rng)
        return paths * (hours_in(months) / standard_hours(months))


def standard_month(factory: Callable[[], Model]) -> Callable[[], StandardMonthEnergy]:
    """A factory of ``factory``'s model fitted on energy at the standard month length."""
    return lambda: StandardMonthEnergy(factory())
