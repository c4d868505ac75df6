"""Damped-trend exponential smoothing, ETS(A,Ad,N) or ETS(A,Ad,A), via statsmodels `ETSModel`.

On the model scale z (log values when `log=True` and every value is positive, else levels):
additive errors, an additive damped trend (damping phi estimated in [0.8, 0.98]) and, for
monthly, daily or hourly data, an optional additive seasonal component (m = 12, 7, 24). With
`seasonal=None` the season is used when the series holds enough full seasons for the
heuristic initialisation (two seasons and at least 10 + 2 * (m // 2) values). Parameters and
initial states are estimated by maximum likelihood (initial states by the heuristic of
Hyndman & Athanasopoulos when seasonal, to keep the fit small).

Paths: `ETSResults.simulate(horizon, anchor="end", repetitions=n, rng=...)` from the fitted
states at the end of the history, with Gaussian errors of the fitted s.d. and a generator
seeded from the caller's `rng`; values are mapped back with exp on the log scale. Parameter
uncertainty is not included (as in the ETS prediction intervals of statsmodels and fable).
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd

from forecasting.models._common import LogScale, child_rng, freq_code, quiet, season_length
from forecasting.models.base import Model


def _enough_for_season(nobs: int, m: int) -> bool:
    return m > 1 and nobs >= max(2 * m, 10 + 2 * (m // 2))


class DampedETS(Model):
    name: ClassVar[str] = "damped_ets"
    frequencies: ClassVar[frozenset[str]] = frozenset({"Y", "M", "D", "H"})
    min_observations: ClassVar[int] = 8

    def __init__(
        self, *, log: bool = True, seasonal: bool | None = None, maxiter: int = 1000
    ) -> None:
        self.log = log
        self.seasonal = seasonal
        self.maxiter = maxiter

    def _fit(self, series: pd.Series) -> None:
        from statsmodels.tsa.exponential_smoothing.ets import ETSModel  # lazily: slow import

        m = season_length(freq_code(series.index))
        enough = _enough_for_season(len(series), m)
        if self.seasonal and not enough:
            raise ValueError(
                f"model '{self.name}' needs two full seasons (and at least "
                f"{max(2 * m, 10 + 2 * (m // 2))} values) for a seasonal fit, got {len(series)}"
                if m > 1
                else f"model '{self.name}' has no seasonal component for annual data"
            )
        self.seasonal_ = enough if self.seasonal is None else bool(self.seasonal)
        self.scale_ = LogScale.choose(series, self.log)
        z = self.scale_.forward(series.to_numpy())
        model = ETSModel(
            z,
            error="add",
            trend="add",
            damped_trend=True,
            seasonal="add" if self.seasonal_ else None,
            seasonal_periods=m if self.seasonal_ else None,
            initialization_method="heuristic" if self.seasonal_ else "estimated",
        )
        with quiet():
            self.results_ = model.fit(disp=False, maxiter=self.maxiter)

    @property
    def damping_(self) -> float:
        return float(self.results_.params[self.results_.param_names.index("damping_trend")])

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        with quiet():
            sims = self.results_.simulate(
                horizon, anchor="end", repetitions=n, rng=child_rng(rng)
            )
        sims = np.asarray(sims, dtype=float).reshape(horizon, n)
        return self.scale_.back(sims.T)
