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

#: every path of a run is drawn out to this year and cut at the run's end year, so that a
#: draw's numbers for a year do not depend on how many years follow it (`forecast.end_year`
#: can be at most this year)
PATHS_END_YEAR = 2100

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


def yearly_normals(seed: int, names: tuple[str, ...], first: int, n: int,
                   years: int) -> np.ndarray:
    """Standard normals (n, years) drawn year by year (every draw's first year, then every
    draw's second, ...): a year's column does not depend on how many years follow it."""
    if n <= 0 or years <= 0:
        return np.zeros((max(n, 0), max(years, 0)))
    return blockwise(lambda rng, size: rng.standard_normal((years, size)).T, seed, names,
                     first, n)


def horizon_to_end(base_year: int) -> int:
    """The horizon of paths drawn from the year after `base_year` out to `PATHS_END_YEAR`."""
    return PATHS_END_YEAR - int(base_year)


@dataclass(frozen=True)
class Streams:
    """The block streams of one scenario's chunk of draws: `names` + a stage name each."""

    seed: int
    names: tuple[str, ...]   # (region, scenario)
    first: int               # the chunk's first draw
    n: int                   # its number of draws

    def normals(self, stage: str, width: int) -> np.ndarray:
        """(n, width) standard normals of the stage's stream, drawn year by year
        (`yearly_normals`: width is a number of years)."""
        return yearly_normals(self.seed, (*self.names, stage), self.first, self.n, width)

    def sample(self, stage: str, sample: Sampler) -> np.ndarray:
        """The chunk's rows of `sample`, run block by block on the stage's stream."""
        return blockwise(sample, self.seed, (*self.names, stage), self.first, self.n)
