"""What a refresh would compute from: sha256 of every input file, the resolved config and the
package version. Same fingerprint as the last succeeded run -> nothing to do."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import forecasting
from forecasting.config import PipelineConfig
from forecasting.io.config_file import load_config
from forecasting.io.hashing import sha256_file
from forecasting.paths import display_path


@dataclass(frozen=True)
class Fingerprint:
    value: str
    inputs: dict[str, str]  # display path -> sha256
    config: dict            # resolved config (paths as display paths)
    version: str

    @property
    def short(self) -> str:
        return self.value[:8]


def resolve_config(config_path: Path, *, draws: int | None = None,
                   seed: int | None = None) -> PipelineConfig:
    """Load and validate the config (InputError on a mistake) with the CLI's overrides."""
    from pipelines.compute import with_overrides

    return with_overrides(load_config(config_path), draws=draws, seed=seed)


def fingerprint(config_path: Path, *, draws: int | None = None,
                seed: int | None = None) -> Fingerprint:
    from forecasting.errors import InputError

    config = resolve_config(config_path, draws=draws, seed=seed)
    inputs = {}
    from pipelines.runner import input_files, resolved_config

    for path in input_files(config_path, config):
        try:
            inputs[display_path(path)] = sha256_file(path)
        except FileNotFoundError:
            raise InputError(display_path(path), "input file not found") from None
        except OSError as exc:
            raise InputError(display_path(path), f"cannot read the input file ({exc})") from None
    resolved = resolved_config(config)
    version = forecasting.__version__
    payload = json.dumps({"inputs": inputs, "config": resolved, "version": version},
                         sort_keys=True).encode()
    return Fingerprint(hashlib.sha256(payload).hexdigest(), inputs, resolved, version)
