"""Names of the baseline models, for configuration files and the backtest.

`MODELS` maps each name to a factory (the class); `make_model(name, **params)` builds one with
keyword parameters and says which names exist when given an unknown one; `models_for(freq)`
lists the names that support a frequency (`Y`, `M`, `D` or `H`).
"""

from __future__ import annotations

from collections.abc import Callable

from forecasting.contracts import frequency_code
from forecasting.models.arima import ArimaDrift
from forecasting.models.auto_arima import AutoARIMA
from forecasting.models.auto_ets import AutoETS
from forecasting.models.auto_theta import AutoTheta
from forecasting.models.base import Model
from forecasting.models.drift import Drift
from forecasting.models.ets import DampedETS
from forecasting.models.gradient_boosting_median import GradientBoostingMedian
from forecasting.models.harmonic_shrunk_trend import HarmonicShrunkTrend
from forecasting.models.harmonic_smoothed_level import HarmonicSmoothedLevel
from forecasting.models.local_linear_trend import LocalLinearTrend
from forecasting.models.loglinear_trend import LogLinearTrend
from forecasting.models.naive import Naive, SeasonalNaive
from forecasting.models.prophet_model import ProphetDefaults, ProphetModel
from forecasting.models.regime_trend import RegimeTrend
from forecasting.models.seasonal_level import SeasonalLevel
from forecasting.models.seasonal_shrunk_trend import SeasonalShrunkTrend
from forecasting.models.seasonal_trend import SeasonalTrend

_CLASSES: tuple[type[Model], ...] = (
    Naive,
    SeasonalNaive,
    Drift,
    LogLinearTrend,
    RegimeTrend,
    SeasonalTrend,
    SeasonalLevel,
    SeasonalShrunkTrend,
    HarmonicShrunkTrend,
    HarmonicSmoothedLevel,
    DampedETS,
    ArimaDrift,
    LocalLinearTrend,
    ProphetModel,
    ProphetDefaults,
    GradientBoostingMedian,
    AutoETS,
    AutoARIMA,
    AutoTheta,
)

MODELS: dict[str, Callable[..., Model]] = {cls.name: cls for cls in _CLASSES}


def make_model(name: str, **params) -> Model:
    """A new, unfitted model `name` built with keyword `params`."""
    if name not in MODELS:
        raise _unknown(name)
    try:
        return MODELS[name](**params)
    except TypeError as error:
        raise ValueError(f"bad parameters for model '{name}': {error}") from error


def models_for(freq: str) -> list[str]:
    """Names of the models that support frequency `freq` (`Y`, `M`, `D` or `H`)."""
    code = frequency_code(freq)
    return [cls.name for cls in _CLASSES if code in cls.frequencies]


def _unknown(name: str) -> ValueError:
    return ValueError(f"unknown model '{name}'; known models: {', '.join(MODELS)}")
