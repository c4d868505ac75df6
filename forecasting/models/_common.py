"""Small helpers shared by the baseline models (private to `forecasting.models`).

- `freq_code(index)`: the one-letter frequency of a PeriodIndex (`Y`, `M`, `D` or `H`);
- `SEASON_LENGTHS` / `season_length(code)`: the seasonal period used for each frequency;
- `LogScale`: fit on log values when asked and all values are positive, and map back;
- `observed_positions(series)`: the positions of the values that are not NaN (evidence), for
  models that take missing periods at their true spacing; `observed_on_scale(series, scale)`
  adds those values on the model scale and how many periods are missing after the last one
  (the steps a random walk crosses before the forecast starts);
- `child_rng(rng)`: an independent generator derived from the caller's, for libraries that
  take their own generator;
- `quiet()`: a context manager that silences warnings and the INFO chatter of statsmodels,
  prophet and cmdstanpy while a model fits or samples, restoring logger levels afterwards,
  and limits BLAS to one thread (the state-space matrices are tiny: on a busy machine
  OpenBLAS threads only contend, which made small ARIMA fits about 7 times slower).
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

import numpy as np
import pandas as pd

try:  # installed with scikit-learn; only a speed-up, so optional
    from threadpoolctl import threadpool_limits
except ImportError:  # pragma: no cover
    threadpool_limits = None

from forecasting.contracts import frequency_code
from forecasting.errors import SeriesTooShortError

#: seasonal period per frequency (annual data has no within-year season)
SEASON_LENGTHS = {"Y": 1, "M": 12, "D": 7, "H": 24}

_NOISY_LOGGERS = ("cmdstanpy", "prophet", "prophet.plot", "statsmodels")


freq_code = frequency_code  # the project's one frequency code (forecasting/contracts.py)


def season_length(code: str) -> int:
    return SEASON_LENGTHS[code]


def require(model: str, needed: int, got: int) -> None:
    """Raise `SeriesTooShortError` when a frequency-dependent minimum is not met."""
    if got < needed:
        raise SeriesTooShortError(model, needed, got)


@dataclass(frozen=True)
class LogScale:
    """Whether a model works on log values; `forward` and `back` map values between scales."""

    on: bool

    @classmethod
    def choose(cls, series: pd.Series, log: bool) -> LogScale:
        """On when `log` and every observed value (NaN are missing periods) is positive."""
        values = series.to_numpy(dtype=float)
        return cls(bool(log) and bool((values[~np.isnan(values)] > 0).all()))

    def forward(self, values: np.ndarray) -> np.ndarray:
        values = np.asarray(values, dtype=float)
        return np.log(values) if self.on else values

    def back(self, values: np.ndarray) -> np.ndarray:
        values = np.asarray(values, dtype=float)
        return np.exp(values) if self.on else values


def observed_positions(series: pd.Series) -> np.ndarray:
    """Positions (0 = the first period) of the periods with a value."""
    return np.flatnonzero(~np.isnan(series.to_numpy(dtype=float)))


def observed_on_scale(series: pd.Series, scale: LogScale) -> tuple[np.ndarray, np.ndarray, int]:
    """(positions of the observed periods, their values on `scale`, periods missing after the
    last observed one)."""
    at = observed_positions(series)
    return at, scale.forward(series.to_numpy())[at], len(series) - 1 - int(at[-1])


def child_rng(rng: np.random.Generator) -> np.random.Generator:
    """A generator seeded from `rng`, so that the caller's seed fixes the result."""
    return np.random.default_rng(int(rng.integers(2**32)))


@contextmanager
def quiet() -> Iterator[None]:
    """Silence warnings and INFO logging of the fitting libraries inside the block."""
    loggers = [logging.getLogger(name) for name in _NOISY_LOGGERS]
    levels = [logger.level for logger in loggers]
    disabled = [logger.disabled for logger in loggers]
    try:
        for logger in loggers:
            logger.setLevel(logging.ERROR)
            logger.disabled = True
        with (
            warnings.catch_warnings(),
            np.errstate(all="ignore"),
            threadpool_limits(limits=1) if threadpool_limits else nullcontext(),
        ):
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, level, was_disabled in zip(loggers, levels, disabled, strict=True):
            logger.setLevel(level)
            logger.disabled = was_disabled
