"""`momentum`: the pure statistical extrapolation of the total history (a reference scenario).

The pipeline passes the baseline model's joint paths of the total (`momentum_paths`, handed to
the driver as `ctx.total_paths`); when it does not, the driver fits a log-linear trend on the
latest `fit_last_years` years of the total itself (`LogLinearTrend`, residual s.d. floored at
`min_log_sd`) and draws its paths per block of draws from the scenario's `momentum` stream. The
path is the whole load, with no AI view. `fit_last_years` is a count of years (6, not a year
such as 2017) and `min_log_sd` an s.d. of the log (0.05, not 5); each is refused otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Literal

import numpy as np
from pydantic import Field, model_validator

from forecasting.models.loglinear_trend import LogLinearTrend
from forecasting.scenarios.base import Driver, DriverContext, ParameterBlock, WholeNumber
from forecasting.scenarios.distributions import ParamError
from forecasting.scenarios.physical import LOG_SD, check_number
from forecasting.scenarios.streams import horizon_to_end


class MomentumParameters(ParameterBlock):
    kind: Literal["momentum"] = "momentum"
    fit_last_years: WholeNumber = Field(
        default=6, ge=3, description="used only when the driver fits "
        "the trend itself")
    min_log_sd: float = Field(default=0.05, ge=0)

    #: more years than any history holds: a larger count is a year written for a count
    MAX_FIT_YEARS: ClassVar[int] = 100

    @model_validator(mode="after")
    def _counts_and_scales(self) -> MomentumParameters:
        if self.fit_last_years > self.MAX_FIT_YEARS:
            raise ParamError(f"fit_last_years must be <= {self.MAX_FIT_YEARS} (got "
                             f"{self.fit_last_years}); it is a count of years: 6 for the latest "
                             "six, not a year", ("fit_last_years",))
        check_number(self.min_log_sd, domain=LOG_SD, name="min_log_sd")
        return self

    def check_base_year(self, *, base_year: int) -> None:
        """Nothing to check: momentum states no year."""


class MomentumDriver(Driver, name="momentum", parameters=MomentumParameters, level="total"):
    p: MomentumParameters

    def paths(self, draws: Mapping[str, np.ndarray], ctx: DriverContext) -> np.ndarray:
        if ctx.total_paths is not None:
            return ctx.total_paths
        # drawn out to PATHS_END_YEAR and cut: a year's numbers do not depend on the end year
        horizon = horizon_to_end(ctx.base_year)
        model = LogLinearTrend(last_n=self.p.fit_last_years, min_log_sd=self.p.min_log_sd
                               ).fit(ctx.total_history)
        paths = ctx.streams.sample("momentum",
                                   lambda rng, size: model.sample_paths(horizon, size, rng))
        return paths[:, :len(ctx.years)]
