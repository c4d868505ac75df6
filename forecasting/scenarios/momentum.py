"""`momentum`: the pure statistical extrapolation of the total history (a reference scenario).

The pipeline passes the baseline model's joint paths of the total (`momentum_paths`); when it
does not, the engine fits a log-linear trend on the latest `fit_last_years` years of the total
itself (`LogLinearTrend`, residual s.d. floored at `min_log_sd`), drawing its paths per block
of draws from the scenario's `momentum` stream. The path is the whole load, with no AI view.
"""

from __future__ import annotations

from typing import ClassVar, Literal

import pandas as pd
from pydantic import Field

from forecasting.models.loglinear_trend import LogLinearTrend
from forecasting.scenarios.base import ParameterBlock


class MomentumParameters(ParameterBlock):
    kind: Literal["momentum"] = "momentum"
    fit_last_years: int = Field(default=6, ge=3, description="used only when the engine fits "
                                "the trend itself")
    min_log_sd: float = Field(default=0.05, ge=0)


class MomentumDriver:
    name: ClassVar[str] = "momentum"
    level: ClassVar[Literal["ai", "total"]] = "total"
    Parameters: ClassVar[type[ParameterBlock]] = MomentumParameters

    def __init__(self, parameters: MomentumParameters) -> None:
        self.p = parameters

    def model(self, series: pd.Series) -> LogLinearTrend:
        return LogLinearTrend(last_n=self.p.fit_last_years, min_log_sd=self.p.min_log_sd
                              ).fit(series)

