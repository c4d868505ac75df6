"""Read a zone pipeline YAML file (e.g. `pipelines/pjm_dom.yaml`) into a validated
`forecasting.zones.config.ZoneConfig` (or a many-zone one, `pipelines/us_zones.yaml`, into a
`ManyZonesConfig`), paths resolved relative to the file (as for the
national config). Errors name the file, the line of the offending key (`row`) and its dotted
path (`field`), as `forecasting.io.config_file.load_config` does.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from forecasting.errors import InputError
from forecasting.io.yaml_lines import line_of
from forecasting.paths import display_path
from forecasting.zones.config import ManyZonesConfig, ZoneConfig


def _validated(path: Path, model):
    """The YAML file at `path` validated as pydantic `model` (InputError: file, line, key)."""
    name = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(name, "config file not found") from None
    except (UnicodeDecodeError, IsADirectoryError) as exc:
        raise InputError(name, f"cannot read the config file ({exc})") from None
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        raise InputError(name, f"not valid YAML: {getattr(exc, 'problem', None) or exc}",
                         row=row) from None
    if not isinstance(data, dict):
        raise InputError(name, "the config must be a mapping of keys to values")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = [part for part in error["loc"] if not str(part).startswith("function-")]
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = "unknown key"
        elif error["type"] == "missing":
            message = "required key is missing"
        raise InputError(name, message, row=line_of(node, loc),
                         field=".".join(str(p) for p in loc) or None) from None


def _resolver(path: Path):
    base = path.resolve().parent

    def resolve(p: str | None) -> str | None:
        if p is None:
            return None
        return p if Path(p).is_absolute() else str((base / p).resolve())

    return resolve


def load_zone_config(path: str | Path) -> ZoneConfig:
    path = Path(path)
    config = _validated(path, ZoneConfig)
    resolve = _resolver(path)
    return config.model_copy(update={"series": [resolve(p) for p in config.series],
                                     "neighbours": [resolve(p) for p in config.neighbours],
                                     "large_loads": resolve(config.large_loads),
                                     "published_figures": resolve(config.published_figures)})


def load_many_zones_config(path: str | Path) -> ManyZonesConfig:
    """A many-zone pipeline file (e.g. `pipelines/us_zones.yaml`), paths resolved."""
    path = Path(path)
    config = _validated(path, ManyZonesConfig)
    resolve = _resolver(path)
    return config.model_copy(update={"series_dir": resolve(config.series_dir),
                                     "regions": resolve(config.regions),
                                     "large_loads_dir": resolve(config.large_loads_dir)})


def config_kind(path: str | Path) -> str:
    """``zones`` (a mapping with ``series_dir``: a folder of zone files), ``zone`` (with
    ``series``: one zone's load files) or ``national``. A file that cannot be read or parsed
    is ``national`` here: the national reader then says what is wrong with it."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return "national"
    if not isinstance(data, dict):
        return "national"
    if "series_dir" in data:
        return "zones"
    return "zone" if "series" in data else "national"


def is_zone_config(path: str | Path) -> bool:
    """Whether the pipeline file at `path` is a one-zone pipeline (`config_kind`)."""
    return config_kind(path) == "zone"
