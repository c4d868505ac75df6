"""Read a pipeline YAML file into a validated `PipelineConfig`.

Errors name the file, the line of the offending key (as `row`) and the key's dotted path
(as `field`), e.g. `pipelines/x.yaml, row 7, field 'history.splice': ...`.
"""

from __future__ import annotations

from pathlib import Path

from forecasting.config import PipelineConfig
from forecasting.io.yaml_config import validated_yaml
from forecasting.paths import SCENARIOS_DIR


def load_config(path: Path) -> PipelineConfig:
    config = validated_yaml(Path(path), PipelineConfig)
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
