"""One seed, split per (region, scenario, stage) so results do not depend on run order."""

from __future__ import annotations

import zlib

import numpy as np


def rng_for(seed: int, *names: str) -> np.random.Generator:
    """A generator for the stream named by `names` (e.g. region, scenario, stage)."""
    key = tuple(zlib.crc32(name.encode("utf-8")) for name in names)
    return np.random.default_rng(np.random.SeedSequence(entropy=seed, spawn_key=key))
