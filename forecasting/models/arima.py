"""ARIMA with drift on log values, order chosen over a small grid (statsmodels `ARIMA`).

On the model scale z (log values when `log=True` and every value is positive, else levels)
the model is a regression on a time trend with ARIMA(p, d, q) errors (statsmodels
`tsa.arima.model.ARIMA`): trend `ct` (constant and slope) when d + D = 0, `t` (a slope, i.e.
a drift of the differenced series) when d + D = 1, none when d + D = 2. For monthly and daily
data a seasonal part `seasonal_order=(P, D, Q)` with period 12 or 7 may be given, e.g.
(1, 0, 0) or (0, 1, 1); hourly data is not supported (a fit on a year of hours takes seconds).

Missing periods (NaN) are missing observations of the state-space likelihood; the KPSS test
and the AICc's observation count use the observed values only.

Order selection (Hyndman-Khandakar style):
- d: fixed by `d`, else with `select_d="kpss"` (default) d = 1 when the KPSS test rejects
  level stationarity at 5% (as `forecast::ndiffs`), or with `select_d="aicc"` by AICc over
  the whole grid, computed from the likelihood of observations d_max + s*D onwards so that
  d = 0 and d = 1 are compared on the same data. The AICc route is offered but not the
  default: on random walks it picks a near-unit-root AR with a trend too often (the
  Dickey-Fuller bias), giving bands that are far too narrow;
- p, q in 0..`max_p`, 0..`max_q` by AICc, skipping orders with too few observations.

Paths: simulated from the fitted state-space form (`_statespace.simulate_from_end`, the same
draws as `ARIMAResults.simulate(anchor="end")` but vectorised): each path starts from a draw of
the predicted state after the last observation (state uncertainty) and adds Gaussian shocks of
the fitted variance, using the caller's `rng`. With
`parameter_uncertainty=True` each path also draws its own slope deviation from
N(0, se(slope)^2) and adds deviation * h (the uncertainty of the drift, which dominates
long-horizon bands; other coefficients are kept at their estimates, an approximation).
Values are mapped back with exp on the log scale.
"""

from __future__ import annotations

from itertools import product
from typing import ClassVar

import numpy as np
import pandas as pd

from forecasting.models._common import LogScale, freq_code, quiet, season_length
from forecasting.models._statespace import simulate_from_end
from forecasting.models.base import Model

_TRENDS = {0: "ct", 1: "t", 2: "n"}


def _aicc(loglike: float, k: int, nobs: int) -> float:
    if nobs - k - 1 <= 0:
        return np.inf
    return -2.0 * loglike + 2.0 * k + 2.0 * k * (k + 1) / (nobs - k - 1)


def kpss_needs_difference(z: np.ndarray, alpha: float = 0.05) -> bool:
    """True when the KPSS test rejects level stationarity of `z` at level `alpha`."""
    from statsmodels.tsa.stattools import kpss

    with quiet():
        p_value = kpss(z, regression="c", nlags="auto")[1]
    return bool(p_value < alpha)


class ArimaDrift(Model):
    name: ClassVar[str] = "arima"
    frequencies: ClassVar[frozenset[str]] = frozenset({"Y", "M", "D"})
    min_observations: ClassVar[int] = 8
    missing_values: ClassVar[bool] = True

    def __init__(
        self,
        *,
        log: bool = True,
        d: int | None = None,
        select_d: str = "kpss",
        max_p: int = 2,
        max_q: int = 2,
        seasonal_order: tuple[int, int, int] | None = None,
        parameter_uncertainty: bool = True,
    ) -> None:
        if d not in (None, 0, 1):
            raise ValueError("d must be 0, 1 or None (chosen from the data)")
        if select_d not in ("kpss", "aicc"):
            raise ValueError("select_d must be 'kpss' or 'aicc'")
        if seasonal_order is not None and (
            len(seasonal_order) != 3 or seasonal_order[1] not in (0, 1)
        ):
            raise ValueError("seasonal_order must be (P, D, Q) with D in (0, 1)")
        self.log = log
        self.d = d
        self.select_d = select_d
        self.max_p = max_p
        self.max_q = max_q
        self.seasonal_order = None if seasonal_order is None else tuple(seasonal_order)
        self.parameter_uncertainty = parameter_uncertainty

    def _fit(self, series: pd.Series) -> None:
        from statsmodels.tsa.arima.model import ARIMA  # lazily: a slow import

        m = season_length(freq_code(series.index))
        if self.seasonal_order is not None and m == 1:
            raise ValueError(f"model '{self.name}' has no seasonal part for annual data")
        seasonal = (0, 0, 0, 0) if self.seasonal_order is None else (*self.seasonal_order, m)
        self.scale_ = LogScale.choose(series, self.log)
        z = self.scale_.forward(series.to_numpy())

        if self.d is not None:
            d_values = [self.d]
        elif self.select_d == "kpss":
            d_values = [int(kpss_needs_difference(z[~np.isnan(z)]))]
        else:
            d_values = [0, 1]
        burn = max(d_values) + seasonal[1] * seasonal[3]
        nobs = int(np.sum(~np.isnan(z[burn:])))  # observed values the likelihood counts

        best = None
        for d, p, q in product(d_values, range(self.max_p + 1), range(self.max_q + 1)):
            trend = _TRENDS[d + seasonal[1]]
            n_params = p + q + seasonal[0] + seasonal[2] + len(trend.replace("n", "")) + 1
            if nobs - n_params - 1 <= 0:  # AICc undefined: too few observations
                continue
            model = ARIMA(z, order=(p, d, q), seasonal_order=seasonal, trend=trend)
            try:
                with quiet():
                    results = model.fit(cov_type="none")
            except (ValueError, np.linalg.LinAlgError):
                continue
            loglike = float(np.nansum(results.llf_obs[burn:]))
            score = _aicc(loglike, len(results.params), nobs)
            if np.isfinite(score) and (best is None or score < best[0]):
                best = (score, (p, d, q), trend, model, results.params)
        if best is None:
            raise ValueError(f"model '{self.name}': no ARIMA order could be fitted")
        self.aicc_, self.order_, self.trend_, model, params = best
        with quiet():  # again from the optimum, now with standard errors
            self.results_ = model.fit(start_params=params)
        names = list(self.results_.param_names)
        self.slope_se_ = (
            float(np.asarray(self.results_.bse)[names.index("x1")]) if "x1" in names else 0.0
        )
        if not np.isfinite(self.slope_se_):
            self.slope_se_ = 0.0

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        with quiet():
            z = simulate_from_end(self.results_, horizon, n, rng)
        if self.parameter_uncertainty and self.slope_se_ > 0:
            slope = rng.normal(0.0, self.slope_se_, size=(n, 1))
            z = z + slope * np.arange(1, horizon + 1)
        return self.scale_.back(z)
