"""The scenario drivers and the additive AI components, each named once.

`DRIVERS` maps a scenario file's `driver:` to its class (which carries its `Parameters`
model, tagged by `kind` = the name); `COMPONENTS` maps a key of `components:` to its class.
The scenario file's schema (`spec.py`) and the engine read these and nothing else, so adding a
driver is one module and one entry here.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field

from forecasting.scenarios.base import Component, Driver
from forecasting.scenarios.compute_efficiency import ComputeEfficiencyDriver
from forecasting.scenarios.endpoint import EndpointDriver
from forecasting.scenarios.fleet import FleetDriver
from forecasting.scenarios.growth_rate import GrowthRatePathDriver
from forecasting.scenarios.inference import InferenceComponent
from forecasting.scenarios.momentum import MomentumDriver
from forecasting.scenarios.training import TrainingComponent

#: in the order error messages list them
DRIVERS: dict[str, type[Driver]] = {driver.name: driver for driver in (
    MomentumDriver, FleetDriver, ComputeEfficiencyDriver, GrowthRatePathDriver, EndpointDriver,
)}
COMPONENTS: dict[str, type[Component]] = {component.name: component for component in (
    TrainingComponent, InferenceComponent,
)}

for _name, _driver in DRIVERS.items():
    if _driver.Parameters.model_fields["kind"].default != _name:  # pragma: no cover
        raise TypeError(f"the {_name} driver's parameters must have kind '{_name}'")

#: the `driver:` of a scenario file
DriverName = Literal[tuple(DRIVERS)]  # type: ignore[valid-type]
#: the `parameters:` of a scenario file: the named driver's model (tagged by `kind`)
_PARAMETERS = tuple(driver.Parameters for driver in DRIVERS.values())
DriverParameters = Annotated[Union[_PARAMETERS], Field(discriminator="kind")]  # noqa: UP007
