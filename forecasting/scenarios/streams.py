"""Random numbers in blocks of `BLOCK` draws, one stream per (names..., block).

Block `b` of the stream named `names` (e.g. region, scenario, stage) is its own SeedSequence
stream (`forecasting.seeds.rng_for(seed, *names, "block-b")`), so draw `i` gets the same
numbers however the draws are split into chunks (or spread over workers): computing draws
0-2,999 and 3,000-4,999 separately gives exactly the numbers of one run of 5,000.

`Streams` binds the seed, the scenario's names and the chunk (`first`, `n`): what a driver is
handed in its context to draw noise or paths of its own (`DriverContext.streams`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from forecasting.seeds import rng_for

BLOCK = 1024

#: draws `size` rows from a generator, e.g. a model's `sample_paths(horizon, size, rng)`
Sampler = Callable[[np.random.Generator, int], np.ndarray]


def blockwise(sample: Sampler, seed: int, names: tuple[str, ...], first: int,
              n: int) -> np.ndarray:
    """Rows first .. first + n - 1 of `sample` run block by block on the streams `names`."""
    b0, b1 = first // BLOCK, (first + n - 1) // BLOCK
    parts = [sample(rng_for(seed, *names, f"block-{b}"), BLOCK) for b in range(b0, b1 + 1)]
    stacked = np.concatenate(parts, axis=0)
    offset = first - b0 * BLOCK
    return stacked[offset: offset + n]


def standard_normals(seed: int, names: tuple[str, ...], first: int, n: int,
                     width: int) -> np.ndarray:
    """Standard normals for draws first .. first + n - 1, shape (n, width), from the block
    streams named `names` (e.g. region, scenario, stage)."""
    if n <= 0 or width <= 0:
        return np.zeros((max(n, 0), max(width, 0)))
    return blockwise(lambda rng, size: rng.standard_normal((size, width)), seed, names,
                     first, n)


@dataclass(frozen=True)
class Streams:
    """The block streams of one scenario's chunk of draws: `names` + a stage name each."""

    seed: int
    names: tuple[str, ...]   # (region, scenario)
    first: int               # the chunk's first draw
    n: int                   # its number of draws

    def normals(self, stage: str, width: int) -> np.ndarray:
        """(n, width) standard normals of the stage's stream."""
        return standard_normals(self.seed, (*self.names, stage), self.first, self.n, width)

    def sample(self, stage: str, sample: Sampler) -> np.ndarray:
        """The chunk's rows of `sample`, run block by block on the stage's stream."""
        return blockwise(sample, self.seed, (*self.names, stage), self.first, self.n)
