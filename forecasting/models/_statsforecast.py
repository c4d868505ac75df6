"""Shared plumbing of the statsforecast wrappers (`auto_ets.py`, `auto_arima.py`,
`auto_theta.py`): a wrapper names its statsforecast class (`statsforecast_class`), imported
lazily (statsforecast is slow to import), and draws `interval_paths` unless it says otherwise.

statsforecast fits on a plain array; the season length comes from the frequency (M: 12,
D: 7, H: 24, Y: 1) and falls back to 1 (no season) when the series holds fewer than two full
seasons, or when statsforecast finds the series too short for the seasonal fit (its ETS needs
more points than parameters plus four). On the log scale (`log=True` and every value
positive) paths are mapped back with exp.

Two ways to draw paths, both from the caller's generator:

- `simulated_paths`: statsforecast's own `simulate(h, n_paths, seed=...)`, the fitted model run
  forward from the end of the history with Gaussian errors of the fitted variance (joint
  paths); the seed is drawn from the caller's `rng`, and numpy's global generator, which some
  statsforecast simulations reseed, is restored afterwards;
- `interval_paths`: from the model's own forecast, mean m_h and 80% interval: the standard
  deviation s_h = half-width / z_0.9 (made non-decreasing in h), and the path
  m_h + sum_{j <= h} sqrt(s_j^2 - s_{j-1}^2) e_j with independent N(0, 1) e_j from `rng`.
  Each period's distribution is the model's normal forecast distribution exactly; across
  periods the deviations accumulate as independent increments (a random walk with the model's
  variance growth), the dependence of a model whose level carries its shocks forward.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
import pandas as pd
from scipy import stats

from forecasting.models._common import LogScale, freq_code, quiet, season_length
from forecasting.models.base import Model

Z90 = float(stats.norm.ppf(0.9))


class StatsforecastModel(Model):
    frequencies: ClassVar[frozenset[str]] = frozenset({"Y", "M", "D", "H"})
    min_observations: ClassVar[int] = 4

    def __init__(self, *, log: bool = False) -> None:
        self.log = log

    #: the class of `statsforecast.models` that is wrapped, built with `season_length`
    statsforecast_class: ClassVar[str]

    def _make(self, season: int) -> Any:
        import statsforecast.models  # lazily: slow import

        return getattr(statsforecast.models, self.statsforecast_class)(season_length=season)

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        return self.interval_paths(horizon, n, rng)

    def _fit(self, series: pd.Series) -> None:
        m = season_length(freq_code(series.index))
        self.season_ = m if len(series) >= 2 * m else 1
        self.scale_ = LogScale.choose(series, self.log)
        z = self.scale_.forward(series.to_numpy())
        with quiet():
            try:
                self.model_ = self._make(self.season_).fit(z)
            except NotImplementedError:  # statsforecast: too few points for a seasonal fit
                if self.season_ == 1:
                    raise ValueError(f"{type(self).__name__}: {len(z)} observations are too "
                                     "few for statsforecast") from None
                self.season_ = 1
                self.model_ = self._make(1).fit(z)

    def simulated_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        seed = int(rng.integers(2**31 - 1))
        state = np.random.get_state()
        try:
            with quiet():
                sims = self.model_.simulate(h=horizon, n_paths=n, seed=seed)
        finally:
            np.random.set_state(state)
        return self.scale_.back(np.asarray(sims, dtype=float).reshape(n, horizon))

    def interval_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        with quiet():
            forecast = self.model_.predict(horizon, level=[80])
        mean = np.asarray(forecast["mean"], dtype=float)
        half = (np.asarray(forecast["hi-80"], dtype=float)
                - np.asarray(forecast["lo-80"], dtype=float)) / 2.0
        var = np.maximum.accumulate(np.maximum(half / Z90, 0.0) ** 2)
        steps = np.sqrt(np.diff(var, prepend=0.0)) * rng.standard_normal((n, horizon))
        return self.scale_.back(mean + np.cumsum(steps, axis=1))
