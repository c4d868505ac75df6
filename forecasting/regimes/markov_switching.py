"""Exploratory two-regime Markov-switching model of growth rates.

Method
------
Growth rates `g_t = diff(log(value))_t` follow `g_t = mu_{s_t} + sigma_{s_t} e_t` where the
hidden regime `s_t` is a Markov chain (statsmodels `MarkovRegression`, `trend="c"`,
`switching_variance=True`), fitted by maximum likelihood (Hamilton filter; EM steps, then
BFGS). The rates are multiplied by 100 before fitting (percent scale, better conditioned for
the optimiser) and the estimates are scaled back.

Determinism: the random search for start values uses `numpy.random.default_rng(seed)`
(`search_reps` draws); with `search_reps=0` no randomness is used at all.

This model is exploratory: on short annual series it is weakly identified. `fit` never raises
on a short, degenerate or numerically difficult series; it returns a `MarkovResult` with
`converged=False` and a message instead. It reports non-convergence when the series has fewer
than `min_observations` growth rates, when the growth rates are (nearly) constant, when
statsmodels raises, warns about convergence or reports `converged=False`, when estimates are
not finite, or when a regime is degenerate (variance collapsed towards zero or expected
occupation below 2 periods, the classic spurious maximum of switching-variance models).
All warnings raised inside are captured and never reach the caller.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
from statsmodels.tools.sm_exceptions import ConvergenceWarning
from statsmodels.tsa.regime_switching.markov_regression import MarkovRegression

from forecasting.regimes._series import period_label, validate_series
from forecasting.regimes.result import MarkovResult

_SCALE = 100.0  # fit on percent growth rates


class MarkovSwitchingGrowth:
    """Markov-switching regimes of per-period growth rates (see module docstring).

    Parameters
    ----------
    k_regimes : number of regimes (2 in the project).
    switching_variance : whether each regime has its own variance.
    min_observations : fewest growth rates (periods minus one) worth fitting.
    search_reps, search_iter : random start-value search of statsmodels (draws, EM steps each).
    em_iter : EM steps before the BFGS maximisation.
    maxiter : BFGS iterations.
    seed : seed of `numpy.random.default_rng` for the start-value search.

    After `fit(series)`: `result_` (a `MarkovResult`).
    """

    def __init__(
        self,
        *,
        k_regimes: int = 2,
        switching_variance: bool = True,
        min_observations: int = 12,
        search_reps: int = 20,
        search_iter: int = 5,
        em_iter: int = 10,
        maxiter: int = 200,
        seed: int = 0,
    ) -> None:
        if int(k_regimes) != k_regimes or k_regimes < 2:
            raise ValueError("k_regimes must be an integer >= 2")
        if min_observations < 2 * k_regimes:
            raise ValueError("min_observations must be at least 2 * k_regimes")
        self.k_regimes = int(k_regimes)
        self.switching_variance = bool(switching_variance)
        self.min_observations = int(min_observations)
        self.search_reps = int(search_reps)
        self.search_iter = int(search_iter)
        self.em_iter = int(em_iter)
        self.maxiter = int(maxiter)
        self.seed = seed

    def fit(self, series: pd.Series) -> MarkovSwitchingGrowth:
        series = validate_series(series, "markov_switching")
        growth = np.diff(np.log(series.to_numpy(dtype=float)))
        periods = [period_label(p) for p in series.index[1:]]
        self.result_ = self._fit_growth(growth, periods)
        return self

    def _fit_growth(self, growth: np.ndarray, periods: list[str]) -> MarkovResult:
        n = len(growth)
        if n < self.min_observations:
            return MarkovResult(
                converged=False,
                message=(
                    f"series too short: {n} growth rates, need at least {self.min_observations}"
                ),
            )
        g = growth * _SCALE
        spread = float(np.std(g))
        if not spread > 1e-8 * max(1.0, float(np.abs(g).max())):
            return MarkovResult(
                converged=False,
                message="growth rates are (nearly) constant: no regimes to separate",
            )

        with warnings.catch_warnings(record=True) as caught, np.errstate(all="ignore"):
            warnings.simplefilter("always")
            try:
                model = MarkovRegression(
                    g,
                    k_regimes=self.k_regimes,
                    trend="c",
                    switching_variance=self.switching_variance,
                )
                res = model.fit(
                    search_reps=self.search_reps,
                    search_iter=self.search_iter,
                    em_iter=self.em_iter,
                    maxiter=self.maxiter,
                    rng=np.random.default_rng(self.seed),
                    cov_type="none",
                    disp=False,
                )
                params = np.asarray(res.params, dtype=float)
                names = list(model.param_names)
                smoothed = np.asarray(res.smoothed_marginal_probabilities, dtype=float)
                # log-likelihood of the unscaled rates: densities scale by _SCALE per point
                llf = float(res.llf) + n * math.log(_SCALE)
                retvals = getattr(res, "mle_retvals", None) or {}
            except Exception as error:  # exploratory: any failure becomes a message
                return MarkovResult(
                    converged=False,
                    message=f"fit failed: {type(error).__name__}: {error}",
                )
        convergence_warnings = [w for w in caught if issubclass(w.category, ConvergenceWarning)]

        k = self.k_regimes
        mu = np.array([params[names.index(f"const[{i}]")] for i in range(k)]) / _SCALE
        if self.switching_variance:
            sigma2 = np.array([params[names.index(f"sigma2[{i}]")] for i in range(k)])
        else:
            sigma2 = np.full(k, params[names.index("sigma2")])
        sigma = np.sqrt(np.maximum(sigma2, 0.0)) / _SCALE
        smoothed = smoothed.reshape(n, k)

        order = np.argsort(mu, kind="stable")
        mu, sigma, sigma2, smoothed = mu[order], sigma[order], sigma2[order], smoothed[:, order]

        problems = []
        if not (np.all(np.isfinite(params)) and np.all(np.isfinite(smoothed))):
            problems.append("non-finite estimates")
        if not retvals.get("converged", True):
            problems.append("optimizer did not converge")
        if convergence_warnings:
            problems.append(f"convergence warning: {convergence_warnings[0].message}")
        if np.all(np.isfinite(sigma2)) and float(sigma2.min()) < 1e-6 * spread**2:
            problems.append("a regime variance collapsed towards zero")
        if np.all(np.isfinite(smoothed)):
            occupation = smoothed.sum(axis=0)
            if float(occupation.min()) < 2.0:
                problems.append("a regime covers fewer than 2 periods")

        return MarkovResult(
            converged=not problems,
            message="; ".join(problems) if problems else "converged",
            regime_growth=tuple(float(math.expm1(m)) for m in mu),
            regime_volatility=tuple(float(s) for s in sigma),
            log_likelihood=llf,
            smoothed_probabilities={
                period: tuple(float(p) for p in row)
                for period, row in zip(periods, smoothed, strict=True)
            },
        )
