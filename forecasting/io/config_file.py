"""Read a pipeline YAML file into a validated `PipelineConfig`.

Errors name the file, the line of the offending key (as `row`) and the key's dotted path
(as `field`), e.g. `pipelines/x.yaml, row 7, field 'history.splice': ...`.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from forecasting.config import PipelineConfig
from forecasting.errors import InputError
from forecasting.io.yaml_lines import line_of
from forecasting.paths import SCENARIOS_DIR, display_path


def load_config(path: Path) -> PipelineConfig:
    name = display_path(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
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
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(name, f"not valid YAML: {problem}", row=row) from None
    if not isinstance(data, dict):
        raise InputError(name, "the config must be a mapping of keys to values")
    try:
        config = PipelineConfig.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = [part for part in error["loc"] if not str(part).startswith("function-")]
        field = ".".join(str(p) for p in loc) or None
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = "unknown key"
        elif error["type"] == "missing":
            message = "required key is missing"
        elif "input" in error and not isinstance(error["input"], dict | list):
            message += f" (got {error['input']!r})"
        raise InputError(name, message, row=line_of(node, loc), field=field) from None
    return _resolve_paths(config, Path(path).resolve().parent)


def _resolve_paths(config: PipelineConfig, base: Path) -> PipelineConfig:
    def resolve(p: Path) -> Path:
        return p if p.is_absolute() else (base / p).resolve()

    history = config.history.model_copy(
        update={"observations": resolve(config.history.observations),
                "sources": resolve(config.history.sources)}
    )
    national = config.national_total.model_copy(
        update={"file": resolve(config.national_total.file)})
    scenarios_dir = resolve(config.scenarios_dir) if config.scenarios_dir else SCENARIOS_DIR
    track = config.track_record
    if track is not None and track.published_forecasts is not None:
        track = track.model_copy(
            update={"published_forecasts": resolve(track.published_forecasts)})
    return config.model_copy(update={"history": history, "national_total": national,
                                     "scenarios_dir": scenarios_dir, "track_record": track})
