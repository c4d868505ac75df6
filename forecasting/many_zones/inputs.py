"""A many-zone run's inputs: the config with the command line's overrides, every file the run
reads and its fingerprint."""

from __future__ import annotations

import json
from pathlib import Path

from forecasting.errors import InputError
from forecasting.io.zone_config_file import load_many_zones_config
from forecasting.many_zones.plan import ba_clocks, large_load_dir, zone_files
from forecasting.paths import display_path
from forecasting.runs.fingerprint import Fingerprint, fingerprint
from forecasting.zones.config import ManyZonesConfig
from forecasting.zones.inputs import LARGE_LOAD_FILES, check_draws


def load_many_zones_inputs(config_path: Path, *, draws: int | None = None,
                           seed: int | None = None,
                           scenario: str | None = None) -> ManyZonesConfig:
    """The validated config with --draws (sample paths per zone) and --seed applied. A
    regions table giving a BA two time zones is refused here (`ba_clocks`), before the run
    starts any worker."""
    config = load_many_zones_config(config_path)
    if scenario is not None:
        raise InputError(display_path(config_path), "a many-zone run has one scenario, "
                         "'reference' (--scenario does not apply)", field="scenario")
    ba_clocks(config)
    check_draws(draws)
    if draws is not None:
        config = config.model_copy(update={"zone": config.zone.model_copy(
            update={"n_paths": draws})})
    if seed is not None:
        config = config.model_copy(update={"seed": seed})
    return config


def input_files(config_path: Path, config: ManyZonesConfig) -> list[Path]:
    files = [Path(config_path), *zone_files(config).values()]
    if config.regions:
        files.append(Path(config.regions))
    for zone in zone_files(config):
        folder = large_load_dir(config, zone)
        if folder is not None:
            files += [folder / name for name in LARGE_LOAD_FILES if (folder / name).is_file()]
    return files


def resolved_config(config: ManyZonesConfig) -> dict:
    resolved = json.loads(config.model_dump_json())
    for key in ("series_dir", "regions", "large_loads_dir"):
        if resolved.get(key):
            resolved[key] = display_path(resolved[key])
    resolved["kind"] = "zones"
    return resolved


def many_zones_fingerprint(config_path: Path, *, draws: int | None = None,
                           seed: int | None = None,
                           scenario: str | None = None) -> Fingerprint:
    config = load_many_zones_inputs(config_path, draws=draws, seed=seed, scenario=scenario)
    return fingerprint(input_files(config_path, config), resolved_config(config))
