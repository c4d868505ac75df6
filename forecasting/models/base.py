"""The one small protocol every baseline model follows.

A series is a `pandas.Series` of floats indexed by a `pandas.PeriodIndex` (annual `Y`, monthly
`M`, daily `D` or hourly `H`), sorted, one row per period. A period without evidence (an
interpolated year, a month with no data) is NaN, never a filled value. A model:

- `fit(series)` learns from it and returns itself. Leading NaN are dropped; the forecast
  starts after the last period given, observed or not. A model with `missing_values = True`
  takes interior and trailing NaN as missing (state-space models through the Kalman filter,
  regressions at the true period spacing); any other model is fitted on the values after the
  last missing one, and cannot forecast from a missing last period (ValueError);
- `sample_paths(horizon, n, rng)` returns an array `(n, horizon)` of *joint* future paths, so
  that sums and ratios of paths keep their dependence across years;
- `predict(horizon, quantiles)` returns a frame indexed by the future periods with a `mean`
  column and one column per quantile (named `q0.05`, `q0.5`, ...).

Capabilities are class attributes: `frequencies` it supports, `min_observations` it needs
(observed values, never filled ones) and `missing_values`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import numpy as np
import pandas as pd

from forecasting.contracts import FREQUENCY_CODES, FREQUENCY_NAMES, frequency_code
from forecasting.errors import SeriesTooShortError
from forecasting.models._common import observed_positions

#: draws used when quantiles are computed from paths, and their fixed seed
PREDICT_DRAWS = 4000
PREDICT_SEED = 0


def quantile_column(q: float) -> str:
    return f"q{q:g}"


class Model:
    """Tiny base class: subclasses implement `_fit` and `sample_paths`."""

    name: ClassVar[str] = "model"
    frequencies: ClassVar[frozenset[str]] = frozenset({"Y"})
    min_observations: ClassVar[int] = 3
    #: True when `_fit` takes NaN inside or at the end of the series as missing periods
    missing_values: ClassVar[bool] = False

    series_: pd.Series

    def fit(self, series: pd.Series) -> Model:
        if not isinstance(series.index, pd.PeriodIndex):
            raise TypeError("series must be indexed by a pandas.PeriodIndex")
        # the frequency first: "needs 78 observations" would mislead for annual data
        freq = frequency_code(series.index)
        if freq not in self.frequencies:
            raise ValueError(f"model '{self.name}' does not support frequency '{freq}': it "
                             f"supports {_said(self.frequencies)}")
        values = series.astype(float)
        present = observed_positions(values)
        if len(present) < self.min_observations:
            raise SeriesTooShortError(self.name, self.min_observations, len(present))
        values = values.iloc[present[0]:]
        if not self.missing_values and values.isna().any():
            if np.isnan(values.iloc[-1]):
                raise ValueError(f"model '{self.name}' cannot forecast from a missing last "
                                 f"period ({values.index[-1]})")
            values = values.iloc[int(np.flatnonzero(values.isna().to_numpy())[-1]) + 1:]
            if len(values) < self.min_observations:
                raise SeriesTooShortError(self.name, self.min_observations, len(values))
        self.series_ = values
        self._fit(self.series_)
        return self

    def observations_needed(self, freq: str) -> int:
        """Fewest observations `fit` accepts for frequency `freq` (`Y`, `M`, `D`, `H`).

        `min_observations` unless a subclass needs more at some frequency (e.g. two full
        seasons); such a subclass raises `SeriesTooShortError` with this number in `_fit`.
        """
        return self.min_observations

    def _fit(self, series: pd.Series) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        raise NotImplementedError  # pragma: no cover - abstract

    def future_index(self, horizon: int) -> pd.PeriodIndex:
        last = self.series_.index[-1]
        return pd.period_range(last + 1, periods=horizon, freq=self.series_.index.freq)

    def predict(self, horizon: int, quantiles: Sequence[float] = (0.05, 0.1, 0.5, 0.9, 0.95)):
        paths = self.sample_paths(horizon, PREDICT_DRAWS, np.random.default_rng(PREDICT_SEED))
        return paths_to_frame(paths, self.future_index(horizon), quantiles)


def _said(frequencies: frozenset[str]) -> str:
    """E.g. 'daily and hourly data only (frequencies D, H)'."""
    codes = [code for code in FREQUENCY_CODES if code in frequencies]
    names = [FREQUENCY_NAMES[code] for code in codes]
    if not names:
        return "no frequency"
    listed = names[-1] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"{listed} data only (frequencies {', '.join(codes)})"


def paths_to_frame(
    paths: np.ndarray, index: pd.Index, quantiles: Sequence[float]
) -> pd.DataFrame:
    """Mean and quantiles of joint paths `(n, horizon)`, one row per future period."""
    frame = pd.DataFrame({"mean": paths.mean(axis=0)}, index=index)
    qs = np.quantile(paths, list(quantiles), axis=0)
    for q, values in zip(quantiles, qs, strict=True):
        frame[quantile_column(q)] = values
    return frame
