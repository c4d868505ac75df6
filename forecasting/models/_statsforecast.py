"""Shared plumbing of the statsforecast wrappers (`auto_ets.py`, `auto_arima.py`).

statsforecast fits on a plain array; the season length comes from the frequency (M: 12,
D: 7, H: 24, Y: 1) and falls back to 1 (no season) when the series holds fewer than two full
seasons. Paths come from statsforecast's own `simulate(h, n_paths, seed=...)`, which runs the
fitted model forward from the end of the history with Gaussian errors of the fitted variance,
so each path is a joint path (a high month lifts the months after it as the model says). The
seed is drawn from the caller's generator, so the caller's seed fixes the paths; numpy's
global generator, which statsforecast's ETS simulation reseeds, is restored afterwards. On
the log scale (`log=True` and every value positive) paths are mapped back with exp.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
import pandas as pd

from forecasting.models._common import LogScale, freq_code, quiet, season_length
from forecasting.models.base import Model


class StatsforecastModel(Model):
    frequencies: ClassVar[frozenset[str]] = frozenset({"Y", "M", "D", "H"})
    min_observations: ClassVar[int] = 4

    def __init__(self, *, log: bool = False) -> None:
        self.log = log

    def _make(self, season: int) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def _fit(self, series: pd.Series) -> None:
        m = season_length(freq_code(series.index))
        self.season_ = m if len(series) >= 2 * m else 1
        self.scale_ = LogScale.choose(series, self.log)
        z = self.scale_.forward(series.to_numpy())
        with quiet():
            self.model_ = self._make(self.season_).fit(z)

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        seed = int(rng.integers(2**31 - 1))
        state = np.random.get_state()  # AutoETS.simulate reseeds numpy's global generator
        try:
            with quiet():
                sims = self.model_.simulate(h=horizon, n_paths=n, seed=seed)
        finally:
            np.random.set_state(state)
        return self.scale_.back(np.asarray(sims, dtype=float).reshape(n, horizon))
