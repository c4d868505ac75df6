"""Read a pipeline YAML file into a validated `PipelineConfig`.

Errors name the file, the line of the offending key (as `row`) and the key's dotted path
(as `field`), e.g. `pipelines/x.yaml, row 7, field 'history.splice': ...`.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from forecasting.config import PipelineConfig
from forecasting.errors import InputError
from forecasting.io.yaml_config import validated_yaml
from forecasting.io.yaml_lines import line_of
from forecasting.paths import SCENARIOS_DIR, display_path


def load_config(path: Path) -> PipelineConfig:
    config = validated_yaml(Path(path), PipelineConfig)
    resolved = _resolve_paths(config, Path(path).resolve().parent)
    _check_scenarios_dir(resolved, path)
    _check_fallback(resolved, path)
    return resolved


def _check_fallback(config: PipelineConfig, path: Path) -> None:
    """A `baseline.fallback` the config names must be one of its candidates (by name or
    alias): another name would silently become equal weights over all candidates. The
    default (`regime_trend`) is left to the backtest when the candidates do not hold it."""
    baseline = config.baseline
    if "fallback" not in baseline.model_fields_set or baseline.fallback is None:
        return
    known = [c if isinstance(c, str) else c.alias for c in baseline.candidates]
    if baseline.fallback not in known:
        raise config_key_error(path, ["baseline", "fallback"],
                               f"'{baseline.fallback}' is not one of the candidates (known: "
                               f"{', '.join(known)})")


def _check_scenarios_dir(config: PipelineConfig, path: Path) -> None:
    """The scenarios folder must be a folder (a missing one would only show up later as
    every scenario being unknown)."""
    folder = config.scenarios_dir
    if folder.is_dir():
        return
    state = "is a file, not a folder" if folder.exists() else "does not exist"
    raise config_key_error(path, ["scenarios_dir"],
                           f"the scenarios folder {display_path(folder)} {state} (it holds the "
                           "scenario files, backcast/ and envelope/)")


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


def config_key_error(path: Path, loc: list, message: str) -> InputError:
    """An `InputError` for a value of the config at `path` that is refused once the data are
    read (not by the schema): names the file, the line of the key `loc` and its dotted path."""
    name = display_path(path)
    try:
        node = yaml.compose(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        node = None
    return InputError(name, message, row=line_of(node, list(loc)),
                      field=".".join(str(p) for p in loc))
