"""The one protocol every scenario driver and demand component follows.

Parameters in, paths of annual TWh out:

- a driver module defines a `Parameters` model (a `ParameterBlock`: every uncertain field is a
  `Param`, i.e. a number or a distribution, and has a `Domain`) and a driver class with
  `name`, `level` (`"ai"`: the path is the AI load, layered on a baseline that excludes AI;
  `"total"`: the path is the whole load) and
  `paths(draws, ctx) -> ndarray (n, H)`, where `draws` maps each `Param` field to its `n`
  draws and `ctx` carries the forecast years and the decomposed history;
- components (training, inference) have the same shape and are added to the AI path.

Drivers never draw random numbers for parameters themselves: the engine draws all parameters
of a scenario at once (with their rank correlations) and hands each driver its columns, which
is what makes tornado tables and chunked runs exact.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar, Literal, Protocol

import numpy as np
from pydantic import BaseModel, ConfigDict, model_validator

from forecasting.combine.quantiles import hours_in_year
from forecasting.decompose.fleet_backcast import FleetHistory
from forecasting.scenarios.distributions import Dist, Domain, ParamError


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)


class ParameterBlock(StrictModel):
    """A group of parameters; `DOMAINS` says where each one's draws must lie."""

    DOMAINS: ClassVar[dict[str, Domain]] = {}

    @model_validator(mode="after")
    def _in_domain(self):
        for name, domain in self.DOMAINS.items():
            value = getattr(self, name, None)
            if isinstance(value, Dist):
                try:
                    domain.check(value, name)
                except ParamError as exc:
                    raise ParamError(str(exc), (name, *exc.key)) from None
        return self

    def params(self) -> dict[str, Dist]:
        """The uncertain fields that are set, by field name."""
        return {name: value for name in type(self).model_fields
                if isinstance(value := getattr(self, name), Dist)}


@dataclass(frozen=True)
class DriverContext:
    """What a driver may know besides its parameters."""

    years: np.ndarray            # (H,) forecast years, consecutive, after base_year
    base_year: int               # the last history year
    total_base: float            # built history in base_year, TWh
    ai_base: float               # its AI part (decomposition), TWh
    conventional_base: float     # its conventional part, TWh
    fleet: FleetHistory | None   # the historical accelerator cohorts
    n: int                       # number of draws

    @property
    def hours(self) -> np.ndarray:
        return np.array([float(hours_in_year(int(y))) for y in self.years])

    @property
    def steps(self) -> np.ndarray:
        """Years since the base year: 1, 2, ..., H."""
        return (self.years - self.base_year).astype(float)


class Driver(Protocol):
    name: ClassVar[str]
    level: ClassVar[Literal["ai", "total"]]

    def paths(self, draws: Mapping[str, np.ndarray], ctx: DriverContext) -> np.ndarray:
        """Annual TWh, shape (ctx.n, len(ctx.years))."""
        ...


def column(draws: Mapping[str, np.ndarray], name: str, n: int) -> np.ndarray:
    """The (n, 1) column of a parameter's draws, ready to broadcast over years."""
    return np.broadcast_to(np.asarray(draws[name], dtype=float), (n,))[:, None]


def linear_path(start: np.ndarray, target: np.ndarray, steps: np.ndarray,
                over: float) -> np.ndarray:
    """start -> target linearly over `over` years, then flat: shape (n, H)."""
    weight = np.ones_like(steps) if over <= 0 else np.minimum(steps / over, 1.0)
    return start + (target - start) * weight[None, :]
