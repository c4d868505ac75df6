"""Local linear trend (a structural time-series model) via statsmodels `UnobservedComponents`.

On the model scale z (log values when `log=True` and every value is positive, else levels):
z_t = mu_t + e_t, mu_{t+1} = mu_t + beta_t + w_t, beta_{t+1} = beta_t + v_t, with the
three variances estimated by maximum likelihood (Kalman filter, diffuse initial state;
missing periods, NaN, are missing observations of the filter). With
`seasonal=True` (monthly, daily or hourly data only) a stochastic dummy seasonal of period
12, 7 or 24 is added.

Paths: simulated from the fitted state-space form (`_statespace.simulate_from_end`, the same
draws as `simulate(anchor="end")` of statsmodels but vectorised): each path draws its starting
state (level and slope) from the predicted distribution after the last observation, so the
uncertainty of the current slope widens the bands, then adds the state and irregular shocks,
using the caller's `rng`. Values are mapped back with exp on the log scale.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd

from forecasting.models._common import (
    LogScale,
    freq_code,
    quiet,
    require,
    season_length,
)
from forecasting.models._statespace import simulate_from_end
from forecasting.models.base import Model


class LocalLinearTrend(Model):
    name: ClassVar[str] = "local_linear_trend"
    frequencies: ClassVar[frozenset[str]] = frozenset({"Y", "M", "D", "H"})
    min_observations: ClassVar[int] = 6
    missing_values: ClassVar[bool] = True

    def __init__(self, *, log: bool = True, seasonal: bool = False) -> None:
        self.log = log
        self.seasonal = seasonal

    def observations_needed(self, freq: str) -> int:
        m = season_length(freq)
        return max(self.min_observations, 2 * m) if self.seasonal else self.min_observations

    def _fit(self, series: pd.Series) -> None:
        from statsmodels.tsa.statespace.structural import UnobservedComponents  # lazily: slow

        freq = freq_code(series.index)
        m = season_length(freq)
        if self.seasonal and m == 1:
            raise ValueError(f"model '{self.name}' has no seasonal component for annual data")
        require(self.name, self.observations_needed(freq), int(series.notna().sum()))
        self.scale_ = LogScale.choose(series, self.log)
        z = self.scale_.forward(series.to_numpy())
        model = UnobservedComponents(
            z, level="local linear trend", seasonal=m if self.seasonal else None
        )
        with quiet():
            self.results_ = model.fit(disp=False)

    @property
    def slope_(self) -> float:
        """Filtered slope at the end of the history (growth per period on the log scale)."""
        return float(self.results_.filtered_state[1, -1])

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        with quiet():
            z = simulate_from_end(self.results_, horizon, n, rng)
        return self.scale_.back(z)
