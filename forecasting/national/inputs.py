"""The national run's inputs: the validated config, the curated tables, the built history and
the list of files a run depends on (for its manifest and fingerprint)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from forecasting.config import MAX_DRAWS, MIN_DRAWS, PipelineConfig
from forecasting.errors import InputError
from forecasting.history.builder import BuiltHistory, build_history
from forecasting.history.rules import HistoryRules
from forecasting.io.config_file import config_key_error, load_config
from forecasting.io.curated import CuratedData, load_curated
from forecasting.paths import display_path
from forecasting.runs.fingerprint import Fingerprint, fingerprint
from forecasting.scenarios.catalog import scenario_files


def load_inputs(config_path: Path) -> tuple[PipelineConfig, CuratedData]:
    """The validated config and the curated tables it names (InputError on a mistake)."""
    config = load_config(config_path)
    data = load_curated(config.history.observations, config.history.sources,
                        config.national_total.file)
    return config, data


def with_overrides(config: PipelineConfig, *, draws: int | None = None,
                   seed: int | None = None, scenario: str | None = None) -> PipelineConfig:
    """The config with the command line's --draws, --seed and --scenario applied; --draws
    is held to the config's own bounds (`MIN_DRAWS` to `MAX_DRAWS`)."""
    if draws is not None and draws > MAX_DRAWS:
        raise InputError("--draws", f"at most {MAX_DRAWS:,} draws (got {draws:,})")
    if draws is not None and draws < MIN_DRAWS:
        raise InputError("--draws", f"at least {MIN_DRAWS:,} draws (got {draws:,})")
    overrides = {k: v for k, v in (("draws", draws), ("seed", seed)) if v is not None}
    if overrides:
        config = config.model_copy(
            update={"forecast": config.forecast.model_copy(update=overrides)})
    if scenario is not None:
        config = config.model_copy(update={"scenarios": [scenario]})
    return config


def build_history_of(config: PipelineConfig, data: CuratedData,
                     config_path: Path) -> BuiltHistory:
    """The built annual history under the config's rules. A rule that leaves nothing or finds
    no splice anchor is refused naming its key's line; with `first_year`/`last_year` set, the
    window is named (it is what cut every observation, not the source list)."""
    try:
        return build_history(data.observations, data.sources,
                             HistoryRules.from_config(config.history),
                             file=display_path(config_path))
    except InputError as exc:
        if exc.row is not None or exc.field is None or not exc.field.startswith("history."):
            raise
        key, message = exc.field.split("."), exc.message
        window = config.history.first_year, config.history.last_year
        if "no observation is eligible" in message and window != (None, None):
            key = ["history", "first_year" if window[0] is not None else "last_year"]
            message += (f" between first_year {window[0] or 'any'} and last_year "
                        f"{window[1] or 'any'}")
        raise config_key_error(config_path, key, message) from None


def check_scenario_names(config: PipelineConfig, file: str, *,
                         option: str | None = None) -> None:
    """Every scenario the config names has a file in its scenarios_dir (InputError if not).
    `option`: the config's scenarios are the command line's `--scenario NAME` (with_overrides),
    so a mistake is blamed on the option, not on the config file."""
    known = {p.stem for p in scenario_files(config.scenarios_dir)}
    for i, name in enumerate(config.scenarios):
        if name not in known:
            said = f"unknown scenario '{name}' (known: {', '.join(sorted(known))})"
            if option is not None:
                raise InputError(option, said)
            raise InputError(file, said, field=f"scenarios.{i}")


def input_files(config_path: Path, config: PipelineConfig) -> list[Path]:
    """Every file a run reads: the config, the curated tables, every scenario file of the
    scenarios folder (the ones the config runs, and the presets whose published outlooks the
    run's `outlooks.csv` and report markers are built from), the history backcast and the
    supply envelope of the region, and the track record's published forecasts when the file
    exists."""
    named = [config.scenarios_dir / f"{name}.yaml" for name in config.scenarios]
    in_folder = [p for p in scenario_files(config.scenarios_dir) if p not in named]
    files = [Path(config_path), config.history.observations, config.history.sources,
             config.national_total.file, *named, *in_folder,
             config.scenarios_dir / "backcast" / f"{config.region.lower()}.yaml"]
    envelope = config.scenarios_dir / "envelope" / f"{config.region.lower()}.yaml"
    if envelope.is_file():
        files.append(envelope)
    track = config.track_record
    if track is not None and track.published_forecasts is not None \
            and Path(track.published_forecasts).is_file():
        files.append(Path(track.published_forecasts))
    # absolute and normalised: the same file spelt another way (cfg/x.yaml from one folder,
    # /tmp/cfg/x.yaml or cfg/../cfg/x.yaml) is the same input of the same fingerprint
    return [Path(os.path.abspath(path)) for path in files]


def resolved_config(config: PipelineConfig) -> dict:
    """The validated config as JSON, with its paths as a user reads them (manifest and
    fingerprint)."""
    resolved = json.loads(config.model_dump_json())
    resolved["history"]["observations"] = display_path(config.history.observations)
    resolved["history"]["sources"] = display_path(config.history.sources)
    resolved["national_total"]["file"] = display_path(config.national_total.file)
    resolved["scenarios_dir"] = display_path(config.scenarios_dir)
    track = resolved.get("track_record")
    if track is not None and track.get("published_forecasts") is not None:
        track["published_forecasts"] = display_path(config.track_record.published_forecasts)
    return resolved


def run_fingerprint(config_path: Path, *, draws: int | None = None, seed: int | None = None,
                    scenario: str | None = None) -> Fingerprint:
    """What a national run of `config_path` with these overrides is computed from."""
    config = with_overrides(load_config(config_path), draws=draws, seed=seed, scenario=scenario)
    check_scenario_names(config, display_path(config_path),
                         option=None if scenario is None else "--scenario")
    return fingerprint(input_files(config_path, config), resolved_config(config))
