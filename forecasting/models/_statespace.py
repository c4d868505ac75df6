"""Fast joint simulation from the end of a fitted linear Gaussian state-space model.

statsmodels' `MLEResults.simulate(..., repetitions=n)` runs one simulation smoother per
repetition (milliseconds each, so seconds for thousands of paths). For a time-invariant model
the same draws are a few vectorised matrix products: with a_{T+1} ~ N(a_{T+1|T}, P_{T+1|T})
(the predicted state after the last observation), y_{T+h} = Z a_{T+h} + d_{T+h} + e,
a_{T+h+1} = T a_{T+h} + c + R eta, e ~ N(0, H), eta ~ N(0, Q). The model is linear, so a path
is the point forecast (which carries every intercept and trend regressor) plus the simulated
deviation Z (a - E a) + e.
"""

from __future__ import annotations

import numpy as np


def _invariant(matrix: np.ndarray, name: str) -> np.ndarray:
    if matrix.ndim == 3:
        if matrix.shape[2] != 1:
            raise ValueError(f"state-space {name} matrix varies over time")
        matrix = matrix[:, :, 0]
    return matrix


def simulate_from_end(results, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
    """Joint paths `(n, horizon)` of a fitted univariate statsmodels state-space model."""
    fr = results.filter_results
    if fr.filter_concentrated:  # pragma: no cover - the models here estimate the scale
        raise ValueError("concentrated-scale models are not supported")
    design = _invariant(fr.design, "design")  # (1, k)
    transition = _invariant(fr.transition, "transition")  # (k, k)
    selection = _invariant(fr.selection, "selection")  # (k, r)
    state_cov = _invariant(fr.state_cov, "state_cov")  # (r, r)
    obs_var = float(_invariant(fr.obs_cov, "obs_cov")[0, 0])
    k = transition.shape[0]
    nobs = fr.nobs

    mean = np.asarray(results.forecast(horizon), dtype=float).reshape(horizon)
    dev = rng.multivariate_normal(
        np.zeros(k), fr.predicted_state_cov[:, :, nobs], size=n, method="eigh"
    )
    shocks = rng.multivariate_normal(
        np.zeros(state_cov.shape[0]), state_cov, size=(horizon, n), method="eigh"
    )
    noise = rng.normal(0.0, np.sqrt(max(obs_var, 0.0)), size=(horizon, n))
    out = np.empty((n, horizon))
    for h in range(horizon):
        out[:, h] = dev @ design[0] + noise[h]
        dev = dev @ transition.T + shocks[h] @ selection.T
    return mean + out
