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

Missing periods (NaN, e.g. the interpolated years of a history) are missing observations:
`ETSModel` cannot skip them, so such a series is fitted as the same model in its linear
Gaussian state-space form (statsmodels `statespace.ExponentialSmoothing`, damping bounded to
[0.8, 0.98], initial states estimated, the Kalman filter passing over the gaps) and its paths
drawn with `_statespace.simulate_from_end` from the predicted state after the last period.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd

from forecasting.models._common import LogScale, child_rng, freq_code, quiet, season_length
from forecasting.models._statespace import simulate_from_end
from forecasting.models.base import Model

#: bounds of the state-space form: smoothing parameters (level, trend, season), damping
_STATESPACE_BOUNDS = [(1e-4, 0.9999), (1e-4, 0.9999), (1e-4, 0.9999), (0.8, 0.98)]


def _enough_for_season(nobs: int, m: int) -> bool:
    return m > 1 and nobs >= max(2 * m, 10 + 2 * (m // 2))


class DampedETS(Model):
    name: ClassVar[str] = "damped_ets"
    frequencies: ClassVar[frozenset[str]] = frozenset({"Y", "M", "D", "H"})
    min_observations: ClassVar[int] = 8
    missing_values: ClassVar[bool] = True

    def __init__(
        self, *, log: bool = True, seasonal: bool | None = None, maxiter: int = 1000
    ) -> None:
        self.log = log
        self.seasonal = seasonal
        self.maxiter = maxiter

    def _fit(self, series: pd.Series) -> None:
        from statsmodels.tsa.exponential_smoothing.ets import ETSModel  # lazily: slow import

        m = season_length(freq_code(series.index))
        enough = _enough_for_season(int(series.notna().sum()), m)
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
        self.statespace_ = bool(np.isnan(z).any())
        if self.statespace_:
            self.results_ = self._fit_statespace(z, m)
            return
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

    def _fit_statespace(self, z: np.ndarray, m: int):
        from statsmodels.tsa.statespace.exponential_smoothing import ExponentialSmoothing

        model = ExponentialSmoothing(
            z, trend=True, damped_trend=True, seasonal=m if self.seasonal_ else None,
            bounds=_STATESPACE_BOUNDS, concentrate_scale=False,
        )
        # statsmodels' default start values are NaN when the series has gaps: start from the
        # first observed value, no trend or season, and the variance of the observed steps
        start = dict(zip(model.param_names, np.asarray(model.start_params, dtype=float),
                         strict=True))
        observed = z[~np.isnan(z)]
        steps = np.diff(observed)
        start["sigma2"] = float(np.var(steps)) if len(steps) > 1 and np.var(steps) > 0 else 1.0
        start["initial_level"] = float(observed[0])
        start = {k: (0.0 if np.isnan(v) else v) for k, v in start.items()}
        with quiet():
            return model.fit(start_params=[start[k] for k in model.param_names], disp=False,
                             maxiter=self.maxiter)

    @property
    def damping_(self) -> float:
        return float(self.results_.params[self.results_.param_names.index("damping_trend")])

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        if self.statespace_:
            with quiet():
                return self.scale_.back(simulate_from_end(self.results_, horizon, n, rng))
        with quiet():
            sims = self.results_.simulate(
                horizon, anchor="end", repetitions=n, rng=child_rng(rng)
            )
        sims = np.asarray(sims, dtype=float).reshape(horizon, n)
        return self.scale_.back(sims.T)
