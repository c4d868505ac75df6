"""Series shared by the model tests, the contract cases, and a session cache of fitted models.

Fitting is the slow part (ARIMA grids, Prophet), so each (model, parameters, frequency) is
fitted once per session; tests only sample from the fitted models and never change them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.models.base import Model
from forecasting.models.registry import make_model, models_for


def annual_series() -> pd.Series:
    """15 years of 12% growth with 3% noise (the contract series of the thin baseline)."""
    rng = np.random.default_rng(3)
    values = 60 * np.exp(0.12 * np.arange(15) + rng.normal(0, 0.03, 15))
    return pd.Series(values, index=pd.period_range("2009", periods=15, freq="Y"))


def monthly_series() -> pd.Series:
    """6 years of monthly load: 1%/month growth, a yearly cycle, a slow random walk, noise."""
    rng = np.random.default_rng(11)
    t = np.arange(72)
    log_values = (
        np.log(50)
        + 0.01 * t
        + 0.08 * np.sin(2 * np.pi * t / 12)
        + np.cumsum(rng.normal(0, 0.01, 72))
        + rng.normal(0, 0.015, 72)
    )
    return pd.Series(np.exp(log_values), index=pd.period_range("2019-01", periods=72, freq="M"))


def daily_series(days: int = 200) -> pd.Series:
    """Daily load with growth, a weekly cycle (lower weekends), a random walk and noise."""
    rng = np.random.default_rng(5)
    index = pd.period_range("2024-01-01", periods=days, freq="D")
    t = np.arange(days)
    weekend = np.asarray(index.day_of_week >= 5, dtype=float)
    log_values = (
        np.log(100)
        + 0.002 * t
        - 0.06 * weekend
        + np.cumsum(rng.normal(0, 0.008, days))
        + rng.normal(0, 0.01, days)
    )
    return pd.Series(np.exp(log_values), index=index)


SERIES = {"Y": annual_series, "M": monthly_series, "D": daily_series}
_FITTED: dict[tuple, Model] = {}


def fitted_model(name: str, params: dict, freq: str) -> Model:
    key = (name, tuple(sorted(params.items())), freq)
    if key not in _FITTED:
        _FITTED[key] = make_model(name, **params).fit(SERIES[freq]())
    return _FITTED[key]


#: season length used to compare band widths one season apart
SEASON = {"Y": 1, "M": 12, "D": 7}


def contract_cases() -> list:
    """One case per registered model and frequency it supports (Y, M; D for gbm)."""
    cases = [(name, {}, "Y") for name in models_for("Y")]
    cases.append(("loglinear_trend", {"last_n": 6, "min_log_sd": 0.05}, "Y"))
    cases += [(name, {}, "M") for name in models_for("M")]
    cases.append(("gbm_median", {}, "D"))
    return [
        pytest.param(name, params, freq, id=f"{name}{_params_id(params)}-{freq}")
        for name, params, freq in cases
    ]


def _params_id(params: dict) -> str:
    return "".join(f"[{k}={v}]" for k, v in params.items())
