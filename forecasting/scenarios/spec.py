"""One scenario file (`data/scenarios/<name>.yaml`) = one `ScenarioSpec`, validated on load.

Keys (unknown keys are errors):

- `name` (the file's stem), `description`, `region` (default US);
- `driver`: `momentum`, `fleet`, `compute_efficiency`, `growth_rate` or `endpoint` (the
  registry, `registry.py`);
- `parameters`: the driver's parameters (see each driver's module); each uncertain one is a
  number or `{dist: fixed|uniform|triangular|normal|lognormal|pert, ..., note: "source ..."}`;
- `baseline`: what the AI layer is added to (`baseline.py`; default `statistical` for AI-level
  drivers, `none` for drivers of the whole load);
- `components`: optional additive AI demand, `training` and `inference`;
- `constraints`: `max_added_gw_per_year`, `max_total_gw`, `max_growth_per_year`,
  `max_share_pct`, over the region's supply envelope (`constraints.py`);
- `load_factor`: average load / capacity (default 0.5, LBNL 2024);
- `correlations`: rank correlations, `- {params: [fleet.utilization, fleet.lifetime], rho: 0.3}`
  (parameter paths as in `parameter_paths()`); the matrix they make must be PSD;
- `reproduces`: for presets, the published figure `{source_id, scenario, year,
  published_twh}`.

A key is never left empty (`constraints:` with nothing under it would read as absent: a
scenario's own caps, a preset's `reproduces`); `expected_value` words the refusal. A rate of
change per year (a parameter whose domain is `> -1`: a growth, a gain, a change) is at most
`MAX_RATE_PER_YEAR` = 2.0, a tripling in a year, so a rate in percent (30 for 30%) is refused.
The drivers' parameters with a unit have physical ranges (`physical.py`: a board's power in
watts, a share in percent, a PUE as its overhead are refused naming the unit); a driver's years
that only a run can check (after the history's base year) are checked by `check_base_year`.

Parameter paths (used by correlations, tornado tables and `ScenarioPaths.parameters`):
`<driver>.<name>` (e.g. `fleet.utilization`, `growth_rate.start.twh`), `baseline.<name>`,
`components.training.<name>`, `components.inference.<name>`, `constraints.<name>`,
`load_factor`. Errors name them under `scenarios.<scenario name>.`.
"""

from __future__ import annotations

import types
from typing import Annotated, Any, ClassVar, Literal, Union, get_args, get_origin

import numpy as np
from pydantic import BaseModel, Field, create_model, model_validator

from forecasting.scenarios.base import Component, Driver, Level, ParameterBlock
from forecasting.scenarios.baseline import BaselineParameters
from forecasting.scenarios.constraints import MAX_GROWTH_PER_YEAR, ConstraintParameters
from forecasting.scenarios.distributions import Dist, Domain, Param, ParamError
from forecasting.scenarios.growth_rate import check_start_year
from forecasting.scenarios.registry import COMPONENTS, DRIVERS, DriverName, DriverParameters
from forecasting.strict import StrictModel

#: `components:`: an optional block per component, by its key
Components = create_model(
    "Components", __base__=StrictModel,
    **{key: (component.Parameters | None, None) for key, component in COMPONENTS.items()},
)


class Correlation(StrictModel):
    params: tuple[str, str]
    rho: float = Field(ge=-1, le=1)
    note: str = ""


class Reproduces(StrictModel):
    source_id: str = Field(min_length=1)
    scenario: str = Field(min_length=1, description="the source's name for its scenario")
    year: int = Field(ge=1990, le=2100)
    published_twh: float = Field(gt=0)
    note: str = ""


#: the fastest change per year a rate parameter (one whose domain is `> -1`: a growth, a gain, a
#: change) may state: a tripling in a year, as the envelope's `max_growth_per_year`; a rate in
#: percent (EPRI's 3.7%/yr written 3.7) would be a 370%/yr scenario
MAX_RATE_PER_YEAR = MAX_GROWTH_PER_YEAR
RATE_DOMAIN = Domain(gt=-1, le=MAX_RATE_PER_YEAR, unit="a fraction per year: 0.3 for 30%")

LOAD_FACTOR_NOTE = ("LBNL 2024: 325-580 TWh in 2028 stated as 74-132 GW of capacity, a load "
                    "factor of about 0.50")


class ScenarioSpec(ParameterBlock):
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")
    description: str = Field(min_length=1)
    region: str = "US"
    driver: DriverName
    parameters: DriverParameters
    baseline: BaselineParameters | None = None
    components: Components | None = None
    constraints: ConstraintParameters | None = None
    load_factor: Param = Dist(dist="fixed", value=0.5, note=LOAD_FACTOR_NOTE)
    correlations: list[Correlation] = []
    reproduces: Reproduces | None = None

    DOMAINS: ClassVar[dict[str, Domain]] = {"load_factor": Domain(gt=0, le=1)}

    @model_validator(mode="before")
    @classmethod
    def _tag_parameters(cls, data: Any) -> Any:
        """The driver names the parameters' model (a discriminated union on `kind`)."""
        if isinstance(data, dict) and isinstance(data.get("driver"), str):
            params = data.get("parameters")
            if params is None:
                params = {}
            if isinstance(params, dict):
                data = {**data, "parameters": {**params, "kind": data["driver"]}}
        return data

    @model_validator(mode="after")
    def _coherent(self) -> ScenarioSpec:
        if self.level == "total":
            if self.baseline is not None and self.baseline.kind != "none":
                raise ParamError(f"the {self.driver} driver models the whole load here, so it "
                                 "takes no baseline (use baseline kind none, or "
                                 "applies_to: ai)", ("baseline", "kind"))
            if self.components is not None:
                raise ParamError("components add to an AI layer; this driver models the whole "
                                 "load (use applies_to: ai)", ("components",))
        elif self.baseline is not None and self.baseline.kind == "none":
            raise ParamError("an AI-level driver is layered on a baseline: use statistical or "
                             "growth", ("baseline", "kind"))
        self._check_rates()
        self._check_correlations()
        return self

    def _check_rates(self) -> None:
        """Every rate of change per year (domain `> -1`, no upper bound) lies in
        `RATE_DOMAIN`."""
        for path, (dist, domain) in self._walk_all().items():
            if domain.gt != -1 or domain.le is not None or domain.lt is not None:
                continue
            parts = path.split(".")
            try:
                RATE_DOMAIN.check(dist, parts[-1])
            except ParamError as exc:
                where = ["parameters", *parts] if parts[0] == self.driver else parts
                raise ParamError(str(exc), (*where, *exc.key)) from None

    def _check_correlations(self) -> None:
        if not self.correlations:
            return
        params = self.parameter_paths()
        names: list[str] = []
        seen: set[frozenset] = set()
        for i, corr in enumerate(self.correlations):
            for j, name in enumerate(corr.params):
                if name not in params:
                    raise ParamError(f"unknown parameter '{name}' (known: "
                                     f"{', '.join(sorted(params))})", ("correlations", i,
                                                                       "params", j))
                if params[name].is_fixed:
                    raise ParamError(f"parameter '{name}' is fixed; a correlation needs "
                                     "uncertain parameters", ("correlations", i, "params", j))
                if name not in names:
                    names.append(name)
            if corr.params[0] == corr.params[1]:
                raise ParamError("a parameter cannot be correlated with itself",
                                 ("correlations", i, "params"))
            pair = frozenset(corr.params)
            if pair in seen:
                raise ParamError("this pair is given twice", ("correlations", i, "params"))
            seen.add(pair)
        smallest = float(np.linalg.eigvalsh(self.correlation_matrix(names)).min())
        if smallest < -1e-10:
            raise ParamError("the correlation matrix is not positive semi-definite (smallest "
                             f"eigenvalue {smallest:.3g}); these correlations cannot hold "
                             "together", ("correlations",))

    def check_base_year(self, *, base_year: int) -> None:
        """Refuse a driver year that is not after the history's base year `base_year` (the
        last year of a run's history, which the file cannot know): ParamError keyed by the
        year's path in the file, e.g. `("parameters", "growth_until")`, saying the base year.
        Call it once the base year is known, before any stage runs; each driver calls it again
        when it runs, so such a year is never run with another meaning."""
        try:
            self.parameters.check_base_year(base_year=base_year)
        except ParamError as exc:
            raise ParamError(str(exc), ("parameters", *exc.key)) from None

    def check_forecast_years(self, *, base_year: int, last_year: int) -> None:
        """`check_base_year`, and a stated start (`parameters.start.year`) not after the
        forecast's last year `last_year` (`growth_rate.check_start_year`): ParamError keyed by
        the year's path in the file. Both years are a run's, so a run calls it before any
        stage."""
        self.check_base_year(base_year=base_year)
        try:
            check_start_year(getattr(self.parameters, "start", None), last_year=last_year)
        except ParamError as exc:
            raise ParamError(str(exc), ("parameters", *exc.key)) from None

    # -- what the engine uses -----------------------------------------------------------

    @property
    def level(self) -> Level:
        return self.driver_instance().level

    @property
    def effective_baseline(self) -> BaselineParameters:
        if self.baseline is not None:
            return self.baseline
        return BaselineParameters(kind="none" if self.level == "total" else "statistical")

    def blocks(self) -> dict[str, ParameterBlock]:
        """Each parameter block by its path prefix."""
        out: dict[str, ParameterBlock] = {self.driver: self.parameters}
        if self.baseline is not None:
            out["baseline"] = self.baseline
        if self.components is not None:
            for key in COMPONENTS:
                block = getattr(self.components, key)
                if block is not None:
                    out[f"components.{key}"] = block
        if self.constraints is not None:
            out["constraints"] = self.constraints
        return out

    def parameter_paths(self) -> dict[str, Dist]:
        """Every parameter of the scenario by its path, in a stable order."""
        return {path: dist for path, (dist, _) in self._walk_all().items()}

    def written_parameters(self) -> dict[str, tuple[Dist | int | float | str, str]]:
        """Every parameter that shapes the scenario's paths, by its path, in the blocks' order
        and each block's key order: (value, note). Besides the distributions
        (`parameter_paths`) it holds the years, switches and plain numbers (`growth_until`,
        `pue_target_year`, `until_year`, `start.year`, `year_sd`, `endpoint_year`,
        `applies_to`, `baseline.kind`, ...), each as written, noted with its key's
        description and "(default)" where the file leaves it out. It is what a reader of one
        run is shown (`describe_scenario`: `scenarios show`, assumptions.csv, the report), so
        every value a `runs diff` of two runs can name is there: listing the distributions
        alone hid the year a growth rate switches and a stated start's year (fuzz 8a D4). The
        driver's own `kind` is its name, shown as the driver; the baseline's kind is listed
        even when the file leaves the baseline out."""
        out: dict[str, tuple[Dist | int | float | str, str]] = {}
        for prefix, block in self.blocks().items():
            out.update(_walk_written(block, prefix, skip=("kind",) if prefix == self.driver
                                     else ()))
            if prefix == self.driver and self.baseline is None:
                out["baseline.kind"] = (self.effective_baseline.kind, "(default)")
        out["load_factor"] = (self.load_factor, self.load_factor.note)
        return out

    def parameter_domains(self) -> dict[str, Domain]:
        """Each parameter's domain by its path (normal tails are clipped to it)."""
        return {path: domain for path, (_, domain) in self._walk_all().items()}

    def _walk_all(self) -> dict[str, tuple[Dist, Domain]]:
        out: dict[str, tuple[Dist, Domain]] = {}
        for prefix, block in self.blocks().items():
            out.update(_walk(block, prefix))
        out["load_factor"] = (self.load_factor, self.DOMAINS["load_factor"])
        return out

    def correlation_matrix(self, names: list[str]) -> np.ndarray:
        """The rank-correlation matrix among `names` (identity where nothing is stated)."""
        index = {name: i for i, name in enumerate(names)}
        matrix = np.eye(len(names))
        for corr in self.correlations:
            a, b = corr.params
            if a in index and b in index:
                matrix[index[a], index[b]] = matrix[index[b], index[a]] = corr.rho
        return matrix

    def driver_instance(self) -> Driver:
        return DRIVERS[self.driver](self.parameters)

    def component_instances(self) -> dict[str, Component]:
        if self.components is None:
            return {}
        return {key: COMPONENTS[key](block) for key in COMPONENTS
                if (block := getattr(self.components, key)) is not None}


def expected_value(loc: list, *, driver: object = None) -> tuple[str, bool]:
    """(what the key at `loc` of a scenario file holds, in a user's words, and whether it may
    be left out), e.g. `(["constraints"], ...)` -> ("a mapping of max_added_gw_per_year, ...",
    True): the words of an error about an empty key."""
    kinds: list = [ScenarioSpec]
    optional = True
    for part in loc:
        models = [k for k in kinds if isinstance(k, type) and issubclass(k, BaseModel)]
        lists = [k for k in kinds if get_origin(k) is list]
        if isinstance(part, int) and lists:
            kinds, optional = list(get_args(lists[0])[:1]), False
        elif models and part in models[0].model_fields:
            model = models[0]
            if part == "parameters" and model is ScenarioSpec and driver in DRIVERS:
                kinds, optional = [DRIVERS[driver].Parameters], False
                continue
            field = model.model_fields[part]
            kinds, optional = _types_in(field.annotation), not field.is_required()
        else:
            return "a value", True
    return _describe(kinds), optional


def _types_in(annotation: Any) -> list:
    """The types an annotation allows (unions, `Optional` and `Annotated` opened)."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _types_in(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return [t for arg in get_args(annotation) for t in _types_in(arg)]
    return [] if annotation is type(None) else [annotation]


def _describe(kinds: list) -> str:
    if Dist in kinds:
        return "a number or a distribution ({dist: ..., note: ...})"
    for kind in kinds:
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            keys = [k for k in kind.model_fields if k != "kind" or kind is BaselineParameters]
            return "a mapping of " + ", ".join(keys)
        if get_origin(kind) is list:
            return "a list"
        if get_origin(kind) is Literal:
            return "one of " + ", ".join(map(str, get_args(kind)))
        if kind in (int, float):
            return "a number"
        if kind is str:
            return "a text"
    return "a value"


def _walk(block: ParameterBlock, prefix: str) -> dict[str, tuple[Dist, Domain]]:
    out: dict[str, tuple[Dist, Domain]] = {}
    for name in type(block).model_fields:
        value = getattr(block, name)
        if isinstance(value, Dist):
            out[f"{prefix}.{name}"] = (value, block.DOMAINS.get(name, Domain()))
        elif isinstance(value, ParameterBlock):
            out.update(_walk(value, f"{prefix}.{name}"))
    return out


def _walk_written(block: ParameterBlock, prefix: str, *,
                  skip: tuple[str, ...] = ()) -> dict[str, tuple[Any, str]]:
    """`ScenarioSpec.written_parameters` of one block: every field that is set (not None)."""
    out: dict[str, tuple[Any, str]] = {}
    fields = type(block).model_fields
    for name, field in fields.items():
        value = getattr(block, name)
        if name in skip or value is None:
            continue
        if isinstance(value, Dist):
            out[f"{prefix}.{name}"] = (value, value.note)
        elif isinstance(value, ParameterBlock):
            out.update(_walk_written(value, f"{prefix}.{name}"))
        else:
            default = "" if name in block.model_fields_set else "(default)"
            note = " ".join(part for part in (field.description or "", default) if part)
            out[f"{prefix}.{name}"] = (value, note)
    return out
