"""What a run is computed from, as one hash: sha256 of every input file, the resolved config
and the code's version (`code_version`: dcload's version, its sources and its libraries'
versions, so an upgrade reruns even when the version string stays). The manifest records it
and the scheduled refresh compares it with the last published run's: the same value means
nothing to do."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from forecasting.errors import InputError
from forecasting.io.hashing import sha256_file
from forecasting.paths import display_path
from forecasting.runs.code_version import code_version


@dataclass(frozen=True)
class Fingerprint:
    value: str
    inputs: dict[str, str]  # display path -> sha256
    config: dict            # resolved config (paths as display paths)
    version: str

    @property
    def short(self) -> str:
        return self.value[:8]


def fingerprint(files: Iterable[Path], resolved: dict, *,
                version: str | None = None) -> Fingerprint:
    """The fingerprint of a run reading `files` under the resolved config `resolved` and
    the code ``version`` (default `code_version()`); InputError when an input file is
    missing or unreadable."""
    version = code_version() if version is None else version
    inputs = {}
    for path in files:
        try:
            inputs[display_path(path)] = sha256_file(path)
        except FileNotFoundError:
            raise InputError(display_path(path), "input file not found") from None
        except OSError as exc:
            raise InputError(display_path(path), f"cannot read the input file ({exc})") from None
    payload = json.dumps({"inputs": inputs, "config": resolved, "version": version},
                         sort_keys=True).encode()
    return Fingerprint(hashlib.sha256(payload).hexdigest(), inputs, resolved, version)
