"""Benchmark peers that are not part of the library: statsforecast's AutoETS and AutoARIMA as
they come (season length from the frequency), wrapped in the model protocol.

statsforecast gives marginal prediction intervals, not joint paths; `sample_paths` draws each
period from the normal distribution that matches its 80% interval (centred on the mean), which
is all the per-period metrics (MASE, sMAPE, coverage, CRPS) need.

statsforecast takes no missing values, so a series with missing periods (the national history's
interpolated years, NaN in the benchmark) is given to it as a user would: each interior gap
filled by log-linear interpolation between the observed values on either side (both known at
the origin, so nothing from after it leaks in), and missing last periods forecast across (the
forecast starts after the last observed value; the first periods are dropped).
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd
from scipy import stats

from forecasting.contracts import frequency_code
from forecasting.models.base import Model

SEASON = {"Y": 1, "M": 12, "D": 7, "H": 24}


class _Statsforecast(Model):
    frequencies: ClassVar[frozenset[str]] = frozenset({"Y", "M", "D", "H"})
    min_observations: ClassVar[int] = 4
    missing_values: ClassVar[bool] = True  # filled at the origin (see the module docstring)

    def _make(self, season_length: int):  # pragma: no cover - abstract
        raise NotImplementedError

    def _fit(self, series: pd.Series) -> None:
        season = SEASON[frequency_code(series.index)]
        known = series.loc[: series.last_valid_index()]
        self.ahead_ = len(series) - len(known)
        if known.isna().any():
            positive = bool((known.dropna() > 0).all())
            values = np.log(known) if positive else known
            values = values.interpolate(limit_area="inside")
            known = np.exp(values) if positive else values
        if len(known) < 2 * season:
            season = 1
        self._model = self._make(season).fit(known.to_numpy(dtype=float))

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        paths = self._paths(self.ahead_ + horizon, n, rng)
        return paths[:, self.ahead_:]

    def _paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        forecast = self._model.predict(horizon, level=[80])
        mean = np.asarray(forecast["mean"], dtype=float)
        half = (np.asarray(forecast["hi-80"], dtype=float)
                - np.asarray(forecast["lo-80"], dtype=float)) / 2
        sd = np.maximum(half / stats.norm.ppf(0.9), 1e-9)
        return mean + sd * rng.standard_normal((n, horizon))


class AutoETSPeer(_Statsforecast):
    name: ClassVar[str] = "sf_autoets"

    def _make(self, season_length: int):
        from statsforecast.models import AutoETS

        return AutoETS(season_length=season_length)


class AutoARIMAPeer(_Statsforecast):
    name: ClassVar[str] = "sf_autoarima"

    def _make(self, season_length: int):
        from statsforecast.models import AutoARIMA

        return AutoARIMA(season_length=season_length)
