"""Prophet (piecewise-linear or logistic trend with changepoints) and Prophet with defaults.

`ProphetModel` fits Prophet (MAP estimate) with `ds` = the start timestamp of each period;
a missing period (NaN) is a row Prophet leaves out of the fit, so gaps keep their spacing.
Prophet optimises with Newton's method below 100 rows; on a series with gaps (ten published
years among 25) that took 3-5 s a fit against 0.15 s for L-BFGS at the same optimum (to six
digits), so a series with missing periods is fitted with L-BFGS.
With `log=None` (the default) it works on log values for linear growth (growth of
data-center load compounds, and a piecewise-linear trend in levels underfits it) and on
levels for logistic growth; `log=True` / `log=False` force the choice (log values only when
every value is positive). For annual data the yearly, weekly and daily seasonalities are
switched off (annual points carry no within-year season); for monthly, daily and hourly data
Prophet's `auto` rules decide. Changepoints are placed over the first `changepoint_range`
(default 0.95, i.e. through the recent end) of the history, with `changepoint_prior_scale`
(default 0.05) the backtest's knob. With `cap` set, growth is logistic towards that capacity
(in the series' units, so not with `log=True`), with `floor` as the lower asymptote.
On log values Prophet scales y by min-max instead of its default (dividing by the largest
|y|): log load sits far from zero (about 9.5 for 13,000 MW), so dividing by it squeezes the
series into a band a few hundredths wide, and the default priors on changepoints and
seasonality become far too loose for it (on the DOM monthly benchmark the forecast error grew
by half). Levels keep Prophet's default scaling.

`ProphetDefaults` is Prophet with every setting at its default (`Prophet()`, on levels), the
benchmark peer.

Paths: `Prophet.predictive_samples(future)["yhat"]` with `uncertainty_samples = n`: each path
simulates future trend changes (changepoints at the historical rate, Laplace-sized, as large
on average as the fitted ones) plus Gaussian observation noise, so paths are joint. When the
fitted changepoints are negligible (sparse data, small prior scale) the trend uncertainty is
too, and bands only widen through the level (on the log scale) - a known Prophet trait.
Prophet draws from numpy's *global* generator, so sampling (and fitting) runs with the global
state seeded from the caller's `rng` and then restored: results are deterministic under a
seed and the caller's global state is untouched (not thread-safe, like Prophet itself). Values
are mapped back with exp on the log scale.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from forecasting.models._common import LogScale, freq_code, quiet
from forecasting.models.base import Model


@contextmanager
def _global_numpy_seed(seed: int) -> Iterator[None]:
    """Seed numpy's global generator inside the block and restore its state afterwards."""
    state = np.random.get_state()
    np.random.seed(seed)
    try:
        yield
    finally:
        np.random.set_state(state)


class ProphetModel(Model):
    name: ClassVar[str] = "prophet"
    frequencies: ClassVar[frozenset[str]] = frozenset({"Y", "M", "D", "H"})
    min_observations: ClassVar[int] = 5
    missing_values: ClassVar[bool] = True

    def __init__(
        self,
        *,
        changepoint_prior_scale: float = 0.05,
        changepoint_range: float = 0.95,
        n_changepoints: int = 25,
        log: bool | None = None,
        cap: float | None = None,
        floor: float = 0.0,
        seasonality_mode: str = "additive",
        defaults: bool = False,
    ) -> None:
        if not 0 < changepoint_range <= 1:
            raise ValueError("changepoint_range must be in (0, 1]")
        if changepoint_prior_scale <= 0:
            raise ValueError("changepoint_prior_scale must be positive")
        if cap is not None and not defaults:
            if log:
                raise ValueError("logistic growth (cap) works on levels: leave log unset")
            if cap <= floor:
                raise ValueError("cap must be above floor")
        self.changepoint_prior_scale = changepoint_prior_scale
        self.changepoint_range = changepoint_range
        self.n_changepoints = n_changepoints
        self.log = log
        self.cap = cap
        self.floor = floor
        self.seasonality_mode = seasonality_mode
        self.defaults = defaults

    @property
    def logistic_(self) -> bool:
        return self.cap is not None and not self.defaults

    def _prophet_kwargs(self, freq: str) -> dict[str, Any]:
        if self.defaults:
            return {}
        kwargs: dict[str, Any] = {
            "changepoint_prior_scale": self.changepoint_prior_scale,
            "changepoint_range": self.changepoint_range,
            "n_changepoints": self.n_changepoints,
            "seasonality_mode": self.seasonality_mode,
            "growth": "logistic" if self.logistic_ else "linear",
            "scaling": "minmax" if self.scale_.on else "absmax",
        }
        if freq == "Y":
            kwargs.update(
                yearly_seasonality=False, weekly_seasonality=False, daily_seasonality=False
            )
        return kwargs

    def _frame(self, index: pd.PeriodIndex, y: np.ndarray | None = None) -> pd.DataFrame:
        frame = pd.DataFrame({"ds": index.to_timestamp(how="start")})
        if y is not None:
            frame["y"] = y
        if self.logistic_:
            frame["cap"] = float(self.cap)
            frame["floor"] = float(self.floor)
        return frame.reset_index(drop=True)

    def _fit(self, series: pd.Series) -> None:
        from prophet import Prophet  # imported lazily: slow to import

        log = (self.cap is None) if self.log is None else self.log
        self.scale_ = LogScale.choose(series, log and not self.defaults)
        z = self.scale_.forward(series.to_numpy())
        with quiet(), _global_numpy_seed(0):
            model = Prophet(**self._prophet_kwargs(freq_code(series.index)))
            options = {"algorithm": "LBFGS"} if np.isnan(z).any() else {}
            model.fit(self._frame(series.index, z), **options)
        self.prophet_ = model

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        future = self._frame(self.future_index(horizon))
        self.prophet_.uncertainty_samples = n
        with quiet(), _global_numpy_seed(int(rng.integers(2**32))):
            samples = self.prophet_.predictive_samples(future)["yhat"]
        z = np.asarray(samples, dtype=float)[:, :n].T
        return self.scale_.back(z)


class ProphetDefaults(ProphetModel):
    """Prophet with all its defaults (`Prophet()`), a benchmark peer."""

    name: ClassVar[str] = "prophet_defaults"

    def __init__(self) -> None:
        super().__init__(defaults=True)
