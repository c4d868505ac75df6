"""Gradient-boosted median regression on lags and calendar features, with bootstrapped
residuals, simulated recursively (daily, hourly).

On the model scale z (log values when `log=True` and every value is positive, else levels)
a scikit-learn `HistGradientBoostingRegressor` with the quantile loss at 0.5 (a conditional
median) learns the one-step change z_t - z_{t-1} from
- lag features z_{t-k} - z_{t-1} for the lags k > 1 (default: daily 2..7, 14, 21, 28;
  hourly 2, 3, 23, 24, 25, 48, 167, 168), so the model does not depend on the level and can
  follow a trend beyond the range it was trained on;
- calendar features of period t: day of week, month, day of year, and hour for hourly data.

Paths: recursive simulation. Each path keeps its own recent history; at every step the model
predicts the median change from the path's lags and calendar, and a residual drawn with
replacement from the out-of-fold residuals (`folds` contiguous blocks, each predicted by a
model fitted on the others; in-sample residuals with `folds=0`, which understate the noise of
trees) is added. The simulated value feeds the next step's lags, so paths are joint and the
noise accumulates with the horizon. `predict` takes its quantiles from these paths (the base
class), which keeps quantiles and paths consistent; direct per-quantile models would not be,
beyond the first step.

Annual and monthly data are refused: the method needs hundreds of observations and a calendar.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd

from forecasting.models._common import LogScale, freq_code, quiet, require
from forecasting.models.base import Model

DEFAULT_LAGS = {
    "D": (1, 2, 3, 4, 5, 6, 7, 14, 21, 28),
    "H": (1, 2, 3, 23, 24, 25, 48, 167, 168),
}
#: training rows needed beyond the longest lag
MIN_TRAINING_ROWS = 50


def calendar_features(index: pd.PeriodIndex, hourly: bool) -> np.ndarray:
    columns = [index.day_of_week, index.month, index.day_of_year]
    if hourly:
        columns.append(index.hour)
    return np.column_stack([np.asarray(c, dtype=float) for c in columns])


class GradientBoostingMedian(Model):
    name: ClassVar[str] = "gbm_median"
    frequencies: ClassVar[frozenset[str]] = frozenset({"D", "H"})
    min_observations: ClassVar[int] = max(DEFAULT_LAGS["D"]) + MIN_TRAINING_ROWS

    def __init__(
        self,
        *,
        lags: tuple[int, ...] | None = None,
        log: bool = True,
        max_iter: int = 100,
        learning_rate: float = 0.1,
        max_leaf_nodes: int = 15,
        min_samples_leaf: int = 20,
        folds: int = 3,
        random_state: int = 0,
    ) -> None:
        if lags is not None and (not lags or min(lags) < 1):
            raise ValueError("lags must be positive integers")
        if folds == 1 or folds < 0:
            raise ValueError("folds must be 0 (in-sample residuals) or at least 2")
        self.lags = None if lags is None else tuple(sorted(set(int(k) for k in lags)))
        self.log = log
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.max_leaf_nodes = max_leaf_nodes
        self.min_samples_leaf = min_samples_leaf
        self.folds = folds
        self.random_state = random_state

    def _lags_for(self, freq: str) -> tuple[int, ...]:
        lags = self.lags or DEFAULT_LAGS.get(freq, DEFAULT_LAGS["D"])
        return tuple(sorted(set(lags) | {1}))

    def observations_needed(self, freq: str) -> int:
        return max(self._lags_for(freq)) + MIN_TRAINING_ROWS

    def _regressor(self):
        from sklearn.ensemble import HistGradientBoostingRegressor  # lazily: a slow import

        return HistGradientBoostingRegressor(
            loss="quantile",
            quantile=0.5,
            max_iter=self.max_iter,
            learning_rate=self.learning_rate,
            max_leaf_nodes=self.max_leaf_nodes,
            min_samples_leaf=self.min_samples_leaf,
            early_stopping=False,
            random_state=self.random_state,
        )

    def _features(self, lagged: np.ndarray, calendar: np.ndarray) -> np.ndarray:
        """`lagged[:, j]` holds z_{t-lag_j}; the first lag is 1 (the reference level)."""
        return np.column_stack([lagged[:, 1:] - lagged[:, [0]], calendar])

    def _fit(self, series: pd.Series) -> None:
        freq = freq_code(series.index)
        require(self.name, self.observations_needed(freq), len(series))
        self.hourly_ = freq == "H"
        self.lags_ = self._lags_for(freq)
        self.scale_ = LogScale.choose(series, self.log)
        z = self.scale_.forward(series.to_numpy())
        max_lag = max(self.lags_)
        rows = np.arange(max_lag, len(z))
        lagged = np.column_stack([z[rows - k] for k in self.lags_])
        x = self._features(lagged, calendar_features(series.index[rows], self.hourly_))
        y = z[rows] - z[rows - 1]

        with quiet():
            self.regressor_ = self._regressor().fit(x, y)
            if self.folds:
                fitted = np.empty_like(y)
                for block in np.array_split(np.arange(len(y)), self.folds):
                    train = np.setdiff1d(np.arange(len(y)), block)
                    fitted[block] = self._regressor().fit(x[train], y[train]).predict(x[block])
            else:
                fitted = self.regressor_.predict(x)
        self.residuals_ = y - fitted
        self.tail_ = z[-max_lag:].copy()

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        max_lag = max(self.lags_)
        calendar = calendar_features(self.future_index(horizon), self.hourly_)
        buffer = np.empty((n, max_lag + horizon))
        buffer[:, :max_lag] = self.tail_
        lag_array = np.asarray(self.lags_)
        draws = rng.choice(self.residuals_, size=(horizon, n), replace=True)
        with quiet():
            for h in range(horizon):
                t = max_lag + h
                lagged = buffer[:, t - lag_array]
                x = self._features(lagged, np.broadcast_to(calendar[h], (n, calendar.shape[1])))
                buffer[:, t] = buffer[:, t - 1] + self.regressor_.predict(x) + draws[h]
        return self.scale_.back(buffer[:, max_lag:])
