"""The one protocol every scenario driver and demand component follows.

Parameters in, paths of annual TWh out:

- a driver module defines its parameters (a `ParameterBlock` whose `kind` is the driver's name:
  every uncertain field is a `Param`, i.e. a number or a distribution, and has a `Domain`) and
  a driver class with `name`, `Parameters` (that model), `level` (`"ai"`: the path is the AI
  load, layered on a baseline that excludes AI; `"total"`: the path is the whole load) and
  `paths(draws, ctx) -> ndarray (n, H)`, where `draws` maps each `Param` field to its `n`
  draws and `ctx` (`DriverContext`) carries everything else a driver may use: the forecast
  years, the decomposed history, the AI start net of the components, the scenario's random
  streams and any paths the caller drew already. Every driver is called the same way; the
  registry (`registry.py`) names each one once;
- components (training, inference) have the same shape and are added to the AI path.

Drivers never draw random numbers for parameters themselves: the engine draws all parameters
of a scenario at once (with their rank correlations) and hands each driver its columns, which
is what makes tornado tables and chunked runs exact. Other randomness (yearly noise, a fitted
model's paths) comes from the scenario's own block streams (`ctx.streams`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal

import numpy as np
import pandas as pd
from pydantic import BeforeValidator, ConfigDict, model_validator

from forecasting.combine.quantiles import hours_in_year
from forecasting.decompose.fleet_backcast import FleetHistory
from forecasting.scenarios.distributions import Dist, Domain, ParamError
from forecasting.scenarios.streams import Streams
from forecasting.strict import StrictModel

Level = Literal["ai", "total"]


def _not_a_boolean(value):
    # YAML reads `yes`/`true` as a boolean, which pydantic would take as the integer 1
    # (`growth_until: true` was "must be >= 1990 (got True)")
    if isinstance(value, bool):
        raise ValueError("expected a whole number such as a year, got a boolean")
    return value


WholeNumber = Annotated[int, BeforeValidator(_not_a_boolean)]
"""A year or a count in a scenario file: an integer, never a YAML boolean."""


class ParameterBlock(StrictModel):
    """A group of parameters; `DOMAINS` says where each one's draws must lie."""

    model_config = ConfigDict(validate_default=True)

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
    ai_start: np.ndarray         # (n,) ai_base less the components' base-year value, >= 0
    total_history: pd.Series     # the built history's total, TWh, annual periods
    streams: Streams             # the scenario's random streams for this chunk of draws
    total_paths: np.ndarray | None = None  # (n, H) joint paths of the total the caller drew

    @property
    def hours(self) -> np.ndarray:
        return np.array([float(hours_in_year(int(y))) for y in self.years])

    @property
    def steps(self) -> np.ndarray:
        """Years since the base year: 1, 2, ..., H."""
        return (self.years - self.base_year).astype(float)


class PathModel:
    """Parameters in, paths out: the shape every driver and component has. A subclass names
    itself and its parameters' model in its class line (`name=`, `parameters=`) and keeps its
    validated parameters as `p`."""

    name: ClassVar[str]
    Parameters: ClassVar[type[ParameterBlock]]

    def __init_subclass__(cls, *, name: str | None = None,
                          parameters: type[ParameterBlock] | None = None, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if name is not None and parameters is not None:
            cls.name, cls.Parameters = name, parameters

    def __init__(self, parameters: ParameterBlock) -> None:
        self.p = parameters

    def paths(self, draws: Mapping[str, np.ndarray], ctx: DriverContext) -> np.ndarray:
        """Annual TWh, shape (ctx.n, len(ctx.years))."""
        raise NotImplementedError  # pragma: no cover - abstract


class Component(PathModel):
    """An additive AI demand component:
    `class TrainingComponent(Component, name="training", parameters=TrainingParameters)`."""

    def energy(self, draws: Mapping[str, np.ndarray], n: int, steps: np.ndarray) -> np.ndarray:
        """TWh in the years `steps` after the base year (0 = the base year), (n, len(steps))."""
        raise NotImplementedError  # pragma: no cover - abstract

    def at_base(self, draws: Mapping[str, np.ndarray], n: int) -> np.ndarray:
        """TWh in the base year, (n,): what the AI start leaves to the component."""
        return self.energy(draws, n, np.zeros(1))[:, 0]


class Driver(PathModel):
    """A scenario driver: `class FleetDriver(Driver, name="fleet", parameters=FleetParameters,
    level="ai")`; without `level`, the parameters' `applies_to` says which load it models."""

    fixed_level: ClassVar[Level | None] = None

    def __init_subclass__(cls, *, level: Level | None = None, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        cls.fixed_level = level

    @property
    def level(self) -> Level:
        return self.fixed_level or self.p.applies_to


def column(draws: Mapping[str, np.ndarray], name: str, n: int) -> np.ndarray:
    """The (n, 1) column of a parameter's draws, ready to broadcast over years."""
    return np.broadcast_to(np.asarray(draws[name], dtype=float), (n,))[:, None]


def linear_path(start: np.ndarray, target: np.ndarray, steps: np.ndarray,
                over: float) -> np.ndarray:
    """start -> target linearly over `over` years, then flat: shape (n, H)."""
    weight = np.ones_like(steps) if over <= 0 else np.minimum(steps / over, 1.0)
    return start + (target - start) * weight[None, :]
