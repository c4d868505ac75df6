"""Read a zone pipeline YAML file (e.g. `pipelines/pjm_dom.yaml`) into a validated
`forecasting.zones.config.ZoneConfig`, paths resolved relative to the file (as for the
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
from forecasting.zones.config import ZoneConfig


def load_zone_config(path: str | Path) -> ZoneConfig:
    path = Path(path)
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
        config = ZoneConfig.model_validate(data)
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
    base = path.resolve().parent

    def resolve(p: str) -> str:
        return p if Path(p).is_absolute() else str((base / p).resolve())

    large = resolve(config.large_loads) if config.large_loads else None
    figures = resolve(config.published_figures) if config.published_figures else None
    return config.model_copy(update={"series": [resolve(p) for p in config.series],
                                     "neighbours": [resolve(p) for p in config.neighbours],
                                     "large_loads": large, "published_figures": figures})


def is_zone_config(path: str | Path) -> bool:
    """Whether the pipeline file at `path` is a zone pipeline (a mapping with a ``series``
    key: the zone's load files) rather than a national one. A file that cannot be read or
    parsed is not a zone config here: the national reader then says what is wrong with it."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return False
    return isinstance(data, dict) and "series" in data
