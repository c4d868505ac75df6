"""The scenario files in `data/scenarios/`: list, load, validate, describe (this module does the
scenarios' file I/O).

A mistake in a file raises `forecasting.errors.InputError(file, message, row=<line>,
field='scenarios.<name>.<parameter path>')`, e.g. `data/scenarios/high-ai.yaml, row 14,
field 'scenarios.high-ai.fleet.utilization.high': low 0.9 is above high 0.7`.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pandas as pd
import yaml
from pydantic import BaseModel, ValidationError

from forecasting.decompose.assumptions import BackcastAssumptions
from forecasting.errors import InputError
from forecasting.io.yaml_lines import line_of, locate, refuse_repeated_keys
from forecasting.paths import SCENARIOS_DIR, display_path
from forecasting.scenarios.constraints import ConstraintParameters, with_envelope
from forecasting.scenarios.distributions import KINDS, Dist, ParamError
from forecasting.scenarios.spec import ScenarioSpec, expected_value

BACKCAST_DIR = SCENARIOS_DIR / "backcast"
ENVELOPE_DIR = SCENARIOS_DIR / "envelope"

#: where a supply-envelope file belongs, in an error about one found elsewhere
ENVELOPE_HOME = ("envelope files belong in envelope/<region>.yaml beside the scenario files "
                 "(read from nowhere else)")


def scenario_files(directory: Path | None = None) -> list[Path]:
    """The scenario files, sorted by name."""
    return sorted(Path(directory or SCENARIOS_DIR).glob("*.yaml"))


def load_scenario_file(path: Path | str) -> ScenarioSpec:
    """Read and validate one scenario file (what `dcload scenarios validate FILE` runs)."""
    path = Path(path)
    name = display_path(path)
    data, node = _read_yaml(path, name)
    return parse_scenario(data, file=name, node=node, stem=path.stem)


validate_file = load_scenario_file


def parse_scenario(data: object, *, file: str = "scenario", node: yaml.Node | None = None,
                   stem: str | None = None) -> ScenarioSpec:
    """Validate an already-parsed scenario mapping; errors carry `file` and the YAML line."""
    if not isinstance(data, dict):
        raise InputError(file, "a scenario file must be a mapping of keys to values")
    label = data.get("name") if isinstance(data.get("name"), str) else (stem or "?")
    if looks_like_envelope(data):
        key = next((k for k in data if k != "constraints"), "constraints")
        said = ("unknown key; an envelope file holds one key, constraints" if key != "constraints"
                else "a supply-envelope file, not a scenario (no name, driver or parameters)")
        raise InputError(file, f"{said}; {ENVELOPE_HOME}", row=line_of(node, [key]),
                         field=str(key))
    empty = empty_key(node)
    if empty is not None:
        loc, row = empty
        driver = data.get("driver")
        what, optional = expected_value(loc, driver=driver)
        shown = [driver, *loc[1:]] if loc[:1] == ["parameters"] and isinstance(driver, str) \
            else loc
        raise InputError(file, empty_message(loc, what, optional=optional), row=row,
                         field=".".join(["scenarios", label, *map(str, shown)]))
    try:
        spec = ScenarioSpec.model_validate(data)
    except ValidationError as exc:
        raise _input_error(exc, file, node, prefix=f"scenarios.{label}",
                           driver=data.get("driver")) from None
    if stem is not None and spec.name != stem:
        raise InputError(file, f"name '{spec.name}' must match the file name '{stem}'",
                         row=line_of(node, ["name"]), field=f"scenarios.{stem}.name")
    return spec


def load_scenario(name: str, directory: Path | None = None) -> ScenarioSpec:
    """The scenario file `<name>.yaml` inside its region's supply envelope (`bounded`); an
    unknown name is an InputError listing the known."""
    path = Path(directory or SCENARIOS_DIR) / f"{name}.yaml"
    if not path.is_file():
        known = ", ".join(p.stem for p in scenario_files(directory))
        raise InputError(display_path(path.parent), f"unknown scenario '{name}' (known: "
                         f"{known})", field="scenario")
    return bounded(load_scenario_file(path), directory, display_path(path))


def bounded(spec: ScenarioSpec, directory: Path | None = None,
            file: str = "scenario") -> ScenarioSpec:
    """`spec` with its region's supply envelope (`<scenarios folder>/envelope/<region>.yaml`)
    under its own limits (`constraints.with_envelope`). A preset (a file that `reproduces` a
    published figure) is left as published: it reproduces someone else's outlook, limits and
    all. A project scenario without its envelope file (a folder copied without `envelope/`, a
    misspelt region, a deleted file) is an InputError naming the scenario's `region` and the
    missing file: its physical limits never drop out silently."""
    if spec.reproduces is not None:
        return spec
    folder = Path(directory or SCENARIOS_DIR) / "envelope"
    for path in sorted(folder.glob("*.yaml")):
        check_envelope_name(path)   # a misnamed file would bound nothing, silently
    envelope = load_envelope(spec.region, folder)
    if envelope is None:
        missing = display_path(folder / (spec.region.lower() + ".yaml"))
        if folder.is_dir():
            known = ", ".join(sorted(p.stem for p in folder.glob("*.yaml"))) or "none"
            where = f"{missing} not found (regions with one: {known})"
        else:
            where = f"{missing} not found (the folder {display_path(folder)} does not exist)"
        raise scenario_key_error(
            file, ["region"], spec.name,
            f"region '{spec.region}' has no supply envelope: {where}; it holds the limits of "
            "what can be built that bound every project scenario (copy the envelope/ folder "
            "beside the scenario files), so its caps would silently drop out")
    return spec.model_copy(update={"constraints": with_envelope(spec.constraints, envelope,
                                                                file)})


def scenario_key_error(file: str | Path, loc: list, name: str, message: str) -> InputError:
    """An `InputError` for the key `loc` of the scenario file `file` (scenario `name`) refused
    once the file is used: names the file, the key's line and `scenarios.<name>.<key>`."""
    try:
        node = yaml.compose(Path(file).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        node = None
    return InputError(display_path(Path(file)), message, row=line_of(node, list(loc)),
                      field=".".join(["scenarios", name, *map(str, loc)]))


def load_envelope(region: str, directory: Path) -> ConstraintParameters | None:
    """The supply envelope of `region` (None when it has no file)."""
    path = Path(directory) / f"{region.lower()}.yaml"
    if not path.is_file():
        return None
    return load_envelope_file(path)


def load_envelope_file(path: Path | str) -> ConstraintParameters:
    """Read and validate one supply-envelope file (what `load_envelope` and `dcload scenarios
    validate FILE` run): one key, `constraints`, holding the limits within their domains; in
    an `envelope/` folder, named after a region (`check_envelope_name`)."""
    path = Path(path)
    name = display_path(path)
    data, node = _read_yaml(path, name)
    if not isinstance(data, dict):
        raise InputError(name, "an envelope file holds one key, constraints")
    home = "" if in_envelope_folder(path) else f"; {ENVELOPE_HOME}"
    for key in data:
        if key != "constraints":
            raise InputError(name, f"unknown key; an envelope file holds one key, "
                             f"constraints{home}", row=line_of(node, [key]), field=str(key))
    if "constraints" not in data:
        raise InputError(name, "required key is missing", field="constraints")
    # the limits' tree, so an error names the line of the limit (or of `constraints:`)
    limits = next((value for key, value in node.value if key.value == "constraints"), None)
    if data["constraints"] is None:
        what, _ = expected_value(["constraints"])
        raise InputError(name, empty_message(["constraints"], what + " (at least one)",
                                             optional=False),
                         row=line_of(node, ["constraints"]), field="constraints")
    empty = empty_key(limits)
    if empty is not None:
        loc, row = empty
        what, optional = expected_value(["constraints", *loc])
        raise InputError(name, empty_message(loc, what, optional=optional), row=row,
                         field=".".join(["constraints", *map(str, loc)]))
    if in_envelope_folder(path):
        check_envelope_name(path)
    try:
        return ConstraintParameters.model_validate(data["constraints"])
    except ValidationError as exc:
        error = _input_error(exc, name, limits, prefix="constraints", driver=None)
        row = error.row if error.row is not None else line_of(node, ["constraints"])
        raise InputError(name, error.message, row=row, field=error.field) from None


def known_regions(scenarios_folder: Path) -> list[str]:
    """The regions a run of `scenarios_folder` can forecast, as their files are named (lower
    case): one per backcast file, `backcast/<region>.yaml` (a run of a region reads its
    backcast and its envelope); the shipped ones when the folder has no `backcast/`."""
    folder = Path(scenarios_folder) / "backcast"
    if not folder.is_dir():
        folder = BACKCAST_DIR
    return sorted(p.stem for p in folder.glob("*.yaml"))


def check_envelope_name(path: Path) -> None:
    """An envelope file `<scenarios folder>/envelope/<name>.yaml` is named after a region, in
    lower case (`known_regions`): a run of region US reads `envelope/us.yaml` and no other
    file, so one named otherwise (`usa.yaml`, `US.yaml`) would bound nothing. InputError if
    not."""
    path = Path(path)
    regions = known_regions(path.parent.parent)
    if path.stem in regions:
        return
    if path.stem.lower() in regions:
        hint = f"rename it {path.stem.lower()}.yaml (file names are lower case)"
    else:
        hint = ("rename it after one of them, or add the region's backcast file"
                if regions else "add the region's backcast file")
    raise InputError(display_path(path), f"envelope file name '{path.stem}' is not a region: a "
                     "run reads only envelope/<region>.yaml, the region in lower case, so this "
                     "file bounds nothing (regions, from backcast/<region>.yaml: "
                     f"{', '.join(regions) or 'none'}); {hint}")


def in_envelope_folder(path: Path | str) -> bool:
    """Whether `path` lies in a folder named `envelope` (where a run reads envelope files)."""
    return Path(path).absolute().parent.name == ENVELOPE_DIR.name


def looks_like_envelope(data: object) -> bool:
    """Whether parsed YAML is shaped like a supply-envelope file, not a scenario: a mapping
    with none of a scenario's keys but `constraints`, holding `constraints` or a key spelt
    nearly so (`constrains`, `Constraints`)."""
    if not isinstance(data, dict) or not data:
        return False
    keys = [str(key) for key in data]
    if set(keys) & (set(ScenarioSpec.model_fields) - {"constraints"}):
        return False
    return any(difflib.get_close_matches(key.lower(), ["constraints"], n=1, cutoff=0.8)
               for key in keys)


def is_envelope_file(path: Path | str) -> bool:
    """Whether `dcload scenarios validate` reads `path` as a supply envelope, not a scenario:
    it lies in a folder named `envelope` (the scenarios folder's `envelope/<region>.yaml`), or
    it is shaped like one (`looks_like_envelope`: a copy edited elsewhere)."""
    path = Path(path)
    if in_envelope_folder(path):
        return True
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return False   # read as a scenario, which names the problem
    return looks_like_envelope(data)


def empty_key(node: yaml.Node | None, loc: tuple = (),
              seen: set[int] | None = None) -> tuple[list, int] | None:
    """(key path, 1-based line) of the first key (or list item) of the tree left empty
    (`constraints:` with nothing under it, YAML's null), or None. A scenario file never means
    null: an empty block would drop out as if it were not written (a scenario's own caps, a
    preset's `reproduces`), so it is refused rather than read as absent."""
    seen = set() if seen is None else seen
    if node is None or id(node) in seen:
        return None
    seen.add(id(node))
    items: list = []
    if isinstance(node, yaml.MappingNode):
        items = [(key.value, key, value) for key, value in node.value]
    elif isinstance(node, yaml.SequenceNode):
        items = [(i, value, value) for i, value in enumerate(node.value)]
    for part, where, value in items:
        if isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:null":
            return [*loc, part], where.start_mark.line + 1
        found = empty_key(value, (*loc, part), seen)
        if found:
            return found
    return None


def empty_message(loc: list, what: str, *, optional: bool) -> str:
    """`constraints` is empty: give a mapping of ... (or remove the key)."""
    return (f"`{loc[-1]}` is empty: give {what}" + (" or remove the key" if optional else ""))


def load_all(directory: Path | None = None) -> list[ScenarioSpec]:
    return [load_scenario_file(p) for p in scenario_files(directory)]


def list_scenarios(directory: Path | None = None) -> pd.DataFrame:
    """One row per scenario file (`dcload scenarios list`): name, kind (project or preset),
    driver, level, baseline, reproduces, description."""
    rows = [scenario_summary(spec) for spec in load_all(directory)]
    return pd.DataFrame(rows, columns=["name", "kind", "driver", "level", "baseline",
                                       "reproduces", "description"])


def scenario_summary(spec: ScenarioSpec) -> dict:
    """A scenario's row of `list_scenarios` (and the first keys of `show_record`)."""
    target = spec.reproduces
    return {
        "name": spec.name,
        "kind": "preset" if target else "project",
        "driver": spec.driver,
        "level": spec.level,
        "baseline": spec.effective_baseline.kind,
        "reproduces": (f"{target.source_id} {target.scenario} {target.year}: "
                       f"{target.published_twh:g} TWh") if target else "",
        "description": " ".join(spec.description.split()),
    }


def describe_scenario(spec: ScenarioSpec) -> pd.DataFrame:
    """One row per parameter (`dcload scenarios show NAME`, assumptions.csv, the report's
    Assumptions table): parameter, distribution, p10, p50, p90, note. Every parameter of
    `ScenarioSpec.written_parameters` is listed: a distribution with its quantiles, a year or
    number stated without one (`growth_until`, `year_sd`, ...) as written with its value as
    all three quantiles (a fixed value), a switch (`applies_to`, `baseline.kind`) as written
    with no quantiles."""
    rows = []
    for path, (value, note) in spec.written_parameters().items():
        if isinstance(value, Dist):
            p10, p50, p90 = (value.quantile(q) for q in (0.1, 0.5, 0.9))
            shown = value.describe()
        elif isinstance(value, int | float):
            p10 = p50 = p90 = float(value)
            shown = f"{value:g}"
        else:
            p10 = p50 = p90 = float("nan")
            shown = str(value)
        rows.append({"parameter": path, "distribution": shown, "p10": p10,
                     "p50": p50, "p90": p90, "note": note})
    return pd.DataFrame(rows, columns=["parameter", "distribution", "p10", "p50", "p90", "note"])


def show_text(spec: ScenarioSpec) -> str:
    """A plain-text page for `dcload scenarios show NAME`."""
    lines = [f"{spec.name}: {' '.join(spec.description.split())}",
             f"driver: {spec.driver} ({spec.level} level); baseline: "
             f"{spec.effective_baseline.kind}; region: {spec.region}"]
    if spec.reproduces:
        r = spec.reproduces
        lines.append(f"reproduces: {r.source_id} {r.scenario} {r.year}: {r.published_twh:g} TWh")
    for corr in spec.correlations:
        lines.append(f"correlation: {corr.params[0]} ~ {corr.params[1]}: rho {corr.rho:g}")
    table = describe_scenario(spec)
    lines.append(table.to_string(index=False, float_format=lambda v: f"{v:.4g}"))
    return "\n".join(lines)


def show_record(spec: ScenarioSpec) -> dict:
    """What `show_text` says, as data (`dcload scenarios show NAME --json`): the keys of
    `scenarios list --json` (`scenario_summary`), then region, correlations (parameters,
    rho, note) and parameters (the rows of `describe_scenario`; a switch's quantiles, which it has
    none of, are null: JSON has no NaN)."""
    table = describe_scenario(spec).astype(object)
    parameters = table.where(table.notna(), None).to_dict("records")
    return {**scenario_summary(spec), "region": spec.region,
            "correlations": [{"parameters": list(c.params), "rho": c.rho, "note": c.note}
                             for c in spec.correlations],
            "parameters": parameters}


def load_backcast(region: str = "US", directory: Path | None = None) -> BackcastAssumptions:
    """The backcast assumptions of `region` from `data/scenarios/backcast/<region>.yaml`."""
    path = Path(directory or BACKCAST_DIR) / f"{region.lower()}.yaml"
    name = display_path(path)
    data, node = _read_yaml(path, name)
    try:
        assumptions = BackcastAssumptions.model_validate(data)
    except ValidationError as exc:
        raise _input_error(exc, name, node, prefix="backcast", driver=None) from None
    if assumptions.region.lower() != region.lower():
        raise InputError(name, f"region '{assumptions.region}' does not match the region "
                         f"'{region}' this file is read for (backcast/<region>.yaml, the "
                         "region in lower case)", row=line_of(node, ["region"]),
                         field="backcast.region")
    return assumptions


# -- helpers --------------------------------------------------------------------------------

def _read_yaml(path: Path, name: str) -> tuple[object, yaml.Node | None]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(name, "file not found") from None
    except (UnicodeDecodeError, IsADirectoryError) as exc:
        raise InputError(name, f"cannot read the file ({exc})") from None
    try:
        data, node = yaml.safe_load(text), yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(name, f"not valid YAML: {problem}", row=row) from None
    refuse_repeated_keys(node, name)
    return data, node


def _input_error(exc: ValidationError, file: str, node, *, prefix: str,
                 driver: object) -> InputError:
    errors = exc.errors()
    # a misspelt key also makes the right one "missing": report the misspelling
    error = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc = [part for part in error["loc"] if not str(part).startswith("function-")]
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, ParamError):
        loc += list(cause.key)
    field_loc = list(loc)
    yaml_loc = list(loc)
    if loc[:1] == ["parameters"] and len(loc) > 1 and isinstance(driver, str) \
            and loc[1] == driver:
        yaml_loc = ["parameters", *loc[2:]]
        field_loc = [driver, *loc[2:]]
    row, consumed = locate(node, yaml_loc)
    if consumed < len(yaml_loc) and yaml_loc[consumed:] == ["value"]:
        field_loc = field_loc[:-1]   # a plain number became {dist: fixed, value: ...}
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        message = "unknown key"
    elif error["type"] == "missing":
        message = "required key is missing"
    elif error["type"] in ("literal_error", "union_tag_invalid") and loc[-1:] == ["dist"]:
        message = (f"unknown distribution {error.get('input')!r}; use one of "
                   f"{', '.join(KINDS)}")
    elif error["type"] == "literal_error" and loc[-1:] == ["driver"]:
        message = f"unknown driver {error.get('input')!r}; " + message.lower()
    elif ("input" in error and not isinstance(error["input"], dict | list | BaseModel)
          and "(got " not in message):   # a message that quotes the value already
        message += f" (got {error['input']!r})"
    field = ".".join([prefix, *(str(p) for p in field_loc)])
    return InputError(file, message, row=row, field=field)
