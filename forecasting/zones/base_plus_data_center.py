"""A zone's total energy as the forecast makes it: a base model plus the data-center trend.

The zone forecast (`forecasting.zones.run`, scenario ``statistical-trend``) fits the chosen
candidates on the BASE energy (total minus the decomposition's data-center load) and adds the
data-center load as its own trend (`YearOnYearTrend` on the data-center average MW). For the
backtest to score that, and not a model of the total, each candidate is wrapped at each
origin with what was known then:

- `OriginDecomposition.data_center(origin)`: the decomposition (`split`, e.g.
  `forecasting.zones.decomposition.decompose`) redone on the hourly load up to the origin's
  last hour, its monthly data-center average MW (complete months only), cached per origin;
- `BasePlusDataCenter(inner, decomposition)`: fitted on a total monthly energy series (GWh)
  ending at an origin, it fits ``inner`` on total - data-center energy (average MW x hours /
  1000) and a `YearOnYearTrend` on the data-center MW of the same months; a path is the
  inner model's base path plus a trend path in GWh, both drawn from the caller's generator.
  Where the split cannot be made (no reference year known yet) it is ``inner`` alone.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from forecasting.models.base import Model
from forecasting.models.year_on_year_trend import YearOnYearTrend
from forecasting.zones.history import UTC, hours_in, period_start

#: (hourly load known at an origin) -> monthly frame with ``data_center_mw`` (average MW per
#: month Period), e.g. `forecasting.zones.decomposition.decompose`'s monthly frame
Splitter = Callable[[pd.Series], pd.DataFrame]



def load_known_at(hourly: pd.Series, origin: pd.Period, clock: str = UTC) -> pd.Series:
    """``hourly`` (UTC) up to the last hour of the month ``origin`` on ``clock``: what was
    known then."""
    return hourly[hourly.index < period_start(origin + 1, clock)]

class OriginDecomposition:
    """The data-center load as the decomposition measures it from the load known at an
    origin (hourly UTC MW, NaN = no evidence), months on ``clock`` (the zone's)."""

    def __init__(self, hourly: pd.Series, split: Splitter, clock: str = UTC) -> None:
        self.hourly = hourly
        self.split = split
        self.clock = clock
        self._cache: dict[pd.Period, pd.Series | None] = {}

    def known_load(self, origin: pd.Period) -> pd.Series:
        """The hourly load up to the last hour of the month ``origin``."""
        return load_known_at(self.hourly, origin, self.clock)

    def data_center(self, origin: pd.Period) -> pd.Series | None:
        """Monthly data-center average MW of the complete months up to ``origin``; None when
        the split cannot be made with that history."""
        if origin not in self._cache:
            try:
                dc = self.split(self.known_load(origin))["data_center_mw"]
                self._cache[origin] = dc[dc.index <= origin]
            except ValueError:  # e.g. no reference year in the history yet
                self._cache[origin] = None
        return self._cache[origin]

    def trend(self, origin: pd.Period) -> YearOnYearTrend | None:
        """`YearOnYearTrend` of the data-center MW over the last run of consecutive complete
        months up to ``origin`` (the segment the energy models are fitted on)."""
        dc = self.data_center(origin)
        if dc is None or dc.empty or dc.index[-1] != origin:
            return None
        ordinals = np.asarray(dc.index.asi8)
        breaks = np.flatnonzero(np.diff(ordinals) != 1)
        run = dc.iloc[int(breaks[-1]) + 1 if len(breaks) else 0:]
        if len(run) < YearOnYearTrend.min_observations:
            return None
        return YearOnYearTrend().fit(run)


class BasePlusDataCenter(Model):
    """``inner`` on the base energy plus the data-center trend (see the module docstring)."""

    name = "base_plus_data_center"
    frequencies = frozenset({"M"})

    def __init__(self, inner: Model, decomposition: OriginDecomposition) -> None:
        self.inner = inner
        self.decomposition = decomposition

    def fit(self, series: pd.Series) -> BasePlusDataCenter:
        origin = series.index[-1]
        self.series_ = series
        self.trend_ = self.decomposition.trend(origin)
        if self.trend_ is None:
            self.inner.fit(series)
            return self
        dc = self.decomposition.data_center(origin).reindex(series.index)
        hours = hours_in(series.index, self.decomposition.clock)
        dc_energy = np.nan_to_num(dc.to_numpy(dtype=float)) * hours / 1000.0
        self.inner.fit(series - dc_energy)
        return self

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        base = self.inner.sample_paths(horizon, n, rng)
        if self.trend_ is None:
            return base
        months = pd.period_range(self.series_.index[-1] + 1, periods=horizon, freq="M")
        hours = hours_in(months, self.decomposition.clock)
        return base + self.trend_.sample_paths(horizon, n, rng) * hours / 1000.0
