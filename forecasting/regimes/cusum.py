"""OLS-CUSUM test of the stability of one log-linear trend over the whole series.

Method
------
Fit `log(value_t) = a + b t + e_t` by OLS (statsmodels) over the observed points of the
series (`t` their true times in periods: a period without evidence is left out, not filled)
and apply the Ploberger-Kraemer CUSUM test on the OLS residuals
(`statsmodels.stats.diagnostic.breaks_cusumolsresid`, variance with a degrees-of-freedom
correction for the 2 coefficients). The statistic is the largest absolute scaled cumulative
sum of residuals; under a stable trend it is asymptotically the supremum of a Brownian bridge,
which gives the p-value. A small p-value says one straight line on the log scale does not fit
the whole series; it does not date the break (see `piecewise_trend` for that).

Caveats: the p-value is asymptotic (rough for n ~ 20); residual autocorrelation also inflates
the statistic; the OLS-CUSUM test has little power against a change of slope that leaves the
residual mean near zero in every part. An exact fit (all residuals zero) gets p-value 1.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import statsmodels.api as sm
from statsmodels.stats.diagnostic import breaks_cusumolsresid

from forecasting.regimes._series import validate_series


class CusumTest:
    """OLS-CUSUM stability test of a trend on log values.

    Parameters
    ----------
    trend : "ct" for intercept and linear trend (the default), "c" for intercept only.

    After `fit(series)`: `statistic_`, `p_value_`, `critical_values_` (list of
    `(alpha_percent, critical_value)`), `residuals_` (OLS residuals, a Series).
    """

    def __init__(self, *, trend: str = "ct") -> None:
        if trend not in ("c", "ct"):
            raise ValueError("trend must be 'c' or 'ct'")
        self.trend = trend

    def fit(self, series: pd.Series) -> CusumTest:
        n_coef = 2 if self.trend == "ct" else 1
        series = validate_series(series, "cusum", min_length=n_coef + 2, allow_missing=True)
        observed = series.notna().to_numpy()
        t = np.flatnonzero(observed).astype(float)   # true times of the observed points
        y = np.log(series.to_numpy(dtype=float)[observed])
        n = len(y)
        exog = np.ones((n, 1)) if self.trend == "c" else sm.add_constant(t)
        resid = sm.OLS(y, exog).fit().resid
        self.residuals_ = pd.Series(resid, index=series.index[observed], name="residual")
        scale = max(float(np.abs(y).max()), 1.0)
        if float(np.abs(resid).max()) <= 1e-12 * scale:
            self.statistic_, self.p_value_ = 0.0, 1.0
            self.critical_values_ = [(1, 1.63), (5, 1.36), (10, 1.22)]
            return self
        statistic, p_value, crit = breaks_cusumolsresid(resid, ddof=n_coef)
        self.statistic_ = float(statistic)
        self.p_value_ = float(p_value) if math.isfinite(p_value) else math.nan
        self.critical_values_ = list(crit)
        return self
