"""statsforecast `AutoARIMA` as it comes (a benchmark peer and a candidate).

Hyndman-Khandakar stepwise search of (p, d, q)(P, D, Q)_m by AICc with statsforecast's
defaults (unit-root tests for d and D, drift allowed), season length m from the frequency
(M: 12, D: 7; none for annual data or with fewer than two full seasons). Works on levels
unless `log=True` (then on log values when every value is positive). Hourly data is not
supported (a seasonal search over a year of hours takes too long).

Paths: statsforecast's `AutoARIMA.simulate` from the end of the history with Gaussian shocks of
the fitted variance (joint paths), seeded from the caller's `rng`
(`_statsforecast.simulated_paths`); their mean and bands match the model's own forecast.
Coefficient uncertainty is not included.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from forecasting.models._statsforecast import StatsforecastModel


class AutoARIMA(StatsforecastModel):
    name: ClassVar[str] = "auto_arima"
    frequencies: ClassVar[frozenset[str]] = frozenset({"Y", "M", "D"})
    statsforecast_class: ClassVar[str] = "AutoARIMA"

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        return self.simulated_paths(horizon, n, rng)
