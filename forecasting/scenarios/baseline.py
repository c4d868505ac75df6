"""The baseline an AI-level scenario is layered on: load that excludes AI.

- `statistical` (default): the statistical baseline fitted to the conventional part of the
  history (`Decomposition.conventional_series()`). The pipeline passes its joint paths
  (`baseline_paths`); otherwise the engine fits a log-linear trend on the latest
  `fit_last_years` years itself, drawing from one stream shared by all scenarios (stream
  names: region, `conventional`, `baseline`), so every scenario sees the same baseline;
- `growth`: the conventional part grows at `growth_rate` a year from `start_twh` (default: the
  decomposition's conventional TWh in the base year), as a source describes it;
- `none`: for drivers that model the whole load (`momentum`, `growth_rate` and `endpoint`
  with `applies_to: total`); such scenarios report only the total.
"""

from __future__ import annotations

from typing import ClassVar, Literal

import numpy as np
from pydantic import Field, model_validator

from forecasting.scenarios.base import ParameterBlock, WholeNumber
from forecasting.scenarios.distributions import Domain, Param, ParamError
from forecasting.scenarios.physical import TWH


class BaselineParameters(ParameterBlock):
    kind: Literal["statistical", "growth", "none"] = "statistical"
    growth_rate: Param | None = Field(default=None, description="for kind growth: growth of the "
                                      "conventional load per year")
    start_twh: Param | None = Field(default=None, description="for kind growth: conventional TWh"
                                    " in the base year (default: the decomposition's)")
    fit_last_years: WholeNumber = Field(
        default=6, ge=3, description="for kind statistical, when the "
        "engine fits the baseline itself")
    min_log_sd: float = Field(default=0.05, ge=0)

    DOMAINS: ClassVar[dict[str, Domain]] = {
        "growth_rate": Domain(gt=-1),
        "start_twh": TWH,
    }

    @model_validator(mode="after")
    def _kind_parameters(self) -> BaselineParameters:
        if self.kind == "growth" and self.growth_rate is None:
            raise ParamError("a growth baseline needs growth_rate", ("growth_rate",))
        if self.kind != "growth":
            for key in ("growth_rate", "start_twh"):
                if getattr(self, key) is not None:
                    raise ParamError(f"{key} is used only by a growth baseline", (key,))
        return self


def growth_paths(start: np.ndarray, rate: np.ndarray, steps: np.ndarray) -> np.ndarray:
    """start x (1 + rate)^k, (n, H)."""
    return np.asarray(start)[:, None] * (1.0 + np.asarray(rate)[:, None]) ** steps[None, :]
