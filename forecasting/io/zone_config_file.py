"""Read a zone pipeline YAML file (e.g. `pipelines/pjm_dom.yaml`) into a validated
`forecasting.zones.config.ZoneConfig` (or a many-zone one, `pipelines/us_zones.yaml`, into a
`ManyZonesConfig`), paths resolved relative to the file (as for the
national config). Errors name the file, the line of the offending key (`row`) and its dotted
path (`field`), as `forecasting.io.config_file.load_config` does.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from forecasting.io.yaml_config import validated_yaml
from forecasting.zones.config import ManyZonesConfig, ZoneConfig


def _resolver(path: Path):
    base = path.resolve().parent

    def resolve(p: str | None) -> str | None:
        if p is None:
            return None
        return p if Path(p).is_absolute() else str((base / p).resolve())

    return resolve


def load_zone_config(path: str | Path) -> ZoneConfig:
    path = Path(path)
    config = validated_yaml(path, ZoneConfig)
    resolve = _resolver(path)
    return config.model_copy(update={"series": [resolve(p) for p in config.series],
                                     "neighbours": [
                                         p.model_copy(update={"file": resolve(p.file)})
                                         for p in config.neighbours],
                                     "large_loads": resolve(config.large_loads),
                                     "published_figures": resolve(config.published_figures)})


def load_many_zones_config(path: str | Path) -> ManyZonesConfig:
    """A many-zone pipeline file (e.g. `pipelines/us_zones.yaml`), paths resolved."""
    path = Path(path)
    config = validated_yaml(path, ManyZonesConfig)
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
