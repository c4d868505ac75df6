"""A zone run's inputs: the config with the command line's overrides, the files the run reads
and its fingerprint (what the manifest records and a scheduled refresh compares)."""

from __future__ import annotations

import json
from pathlib import Path

from forecasting.errors import InputError
from forecasting.io.zone_config_file import load_zone_config
from forecasting.paths import display_path
from forecasting.runs.fingerprint import Fingerprint, fingerprint
from forecasting.zones.config import MAX_PATHS, MIN_PATHS, SCENARIOS, ZoneConfig

LARGE_LOAD_FILES = ("contracts.csv", "assumptions.csv")


def check_draws(draws: int | None) -> None:
    """--draws is held to `n_paths`'s bounds, `MIN_PATHS` to `MAX_PATHS` (over it was a
    MemoryError; under 100 had been refused by the option itself, which every kind of config
    shared, though a zone config takes 10)."""
    if draws is not None and draws > MAX_PATHS:
        raise InputError("--draws", f"at most {MAX_PATHS:,} paths per zone (got {draws:,})")
    if draws is not None and draws < MIN_PATHS:
        raise InputError("--draws", f"at least {MIN_PATHS:,} paths per zone (got {draws:,})")


def with_overrides(config: ZoneConfig, *, file: str, draws: int | None = None,
                   seed: int | None = None, scenario: str | None = None) -> ZoneConfig:
    """The config with --draws (sample paths), --seed and --scenario applied; a scenario the
    zone cannot run is an `InputError` naming the config file; --draws is held to the
    config's own bound (`check_draws`)."""
    check_draws(draws)
    update: dict = {k: v for k, v in (("n_paths", draws), ("seed", seed)) if v is not None}
    if scenario is not None:
        if scenario not in SCENARIOS:
            raise InputError(file, f"unknown zone scenario '{scenario}' (known: "
                             f"{', '.join(SCENARIOS)})", field="scenarios")
        if scenario != "statistical-trend" and config.large_loads is None:
            raise InputError(file, f"scenario '{scenario}' needs large_loads (contracts and "
                             "assumptions); this zone has none", field="large_loads")
        update["scenarios"] = [scenario]
    return config.model_copy(update=update) if update else config


def load_zone_inputs(config_path: Path, *, draws: int | None = None, seed: int | None = None,
                     scenario: str | None = None) -> ZoneConfig:
    """The validated zone config of `config_path` with the overrides applied."""
    config = load_zone_config(config_path)
    return with_overrides(config, file=display_path(config_path), draws=draws, seed=seed,
                          scenario=scenario)


def input_files(config_path: Path, config: ZoneConfig) -> list[Path]:
    """Every file a zone run reads: the config, the load files, the neighbours' files and the
    large-load tables and the published figures."""
    files = [Path(config_path), *map(Path, config.series),
             *(Path(n.file) for n in config.neighbour_files())]
    if config.large_loads is not None:
        files += [Path(config.large_loads) / name for name in LARGE_LOAD_FILES]
    if config.published_figures is not None:
        files.append(Path(config.published_figures))
    return files


def resolved_config(config: ZoneConfig) -> dict:
    """The validated config as JSON, paths as a user reads them."""
    resolved = json.loads(config.model_dump_json())
    resolved["series"] = [display_path(p) for p in config.series]
    resolved["neighbours"] = [  # a path as a path; a mapping with its path shown
        display_path(p.file) if p.is_path_only() else {**cells, "file": display_path(p.file)}
        for p, cells in zip(config.neighbours, resolved["neighbours"], strict=True)]
    if config.large_loads is not None:
        resolved["large_loads"] = display_path(config.large_loads)
    if config.published_figures is not None:
        resolved["published_figures"] = display_path(config.published_figures)
    resolved["kind"] = "zone"
    return resolved


def zone_fingerprint(config_path: Path, *, draws: int | None = None, seed: int | None = None,
                     scenario: str | None = None) -> Fingerprint:
    """What a zone run of `config_path` with these overrides is computed from."""
    config = load_zone_inputs(config_path, draws=draws, seed=seed, scenario=scenario)
    return fingerprint(input_files(config_path, config), resolved_config(config))
