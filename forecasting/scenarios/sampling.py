"""Draws of a scenario's parameters: one seed, streams per (region, scenario, stage, block).

Random numbers come in blocks of `BLOCK` draws; block `b` of stage `s` of scenario `x` in region
`r` has its own SeedSequence stream (`forecasting.seeds.rng_for(seed, r, x, s, "block-b")`).
Draw `i` therefore gets the same numbers however the draws are split into chunks (or spread
over workers): computing draws 0-2,999 and 3,000-4,999 separately gives exactly the numbers of
one run of 5,000. Within a block the numbers are vectorized (a BLOCK x width array).

Rank correlation uses a Gaussian copula: the scores `z` of the correlated parameters are mixed
by a square root of the Pearson matrix 2 sin(pi rho_s / 6) that gives Spearman correlation
rho_s between the parameters (exactly, for continuous marginals); each parameter is then its
inverse CDF at Phi(z) (`distributions.transform`).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from forecasting.scenarios.distributions import transform
from forecasting.scenarios.spec import ScenarioSpec
from forecasting.seeds import rng_for

BLOCK = 1024


def standard_normals(seed: int, names: tuple[str, ...], first: int, n: int,
                     width: int) -> np.ndarray:
    """Standard normals for draws first .. first + n - 1, shape (n, width), from the block
    streams named `names` (e.g. region, scenario, stage)."""
    if n <= 0 or width <= 0:
        return np.zeros((max(n, 0), max(width, 0)))
    b0, b1 = first // BLOCK, (first + n - 1) // BLOCK
    parts = [rng_for(seed, *names, f"block-{b}").standard_normal((BLOCK, width))
             for b in range(b0, b1 + 1)]
    stacked = np.concatenate(parts, axis=0)
    offset = first - b0 * BLOCK
    return stacked[offset: offset + n]


def copula_factor(spearman: np.ndarray) -> np.ndarray:
    """A matrix A with A A^T = the Pearson matrix of normal scores that yields `spearman`."""
    pearson = 2.0 * np.sin(np.pi * np.asarray(spearman, dtype=float) / 6.0)
    np.fill_diagonal(pearson, 1.0)
    values, vectors = np.linalg.eigh(pearson)
    return vectors * np.sqrt(np.clip(values, 0.0, None))


def draw_parameters(
    spec: ScenarioSpec,
    *,
    seed: int,
    n: int,
    first: int = 0,
    overrides: Mapping[str, float] | None = None,
) -> dict[str, np.ndarray]:
    """`n` draws (arrays of shape (n,)) of every parameter of `spec`, by parameter path."""
    params = spec.parameter_paths()
    domains = spec.parameter_domains()
    random = [path for path, dist in params.items() if not dist.is_fixed]
    z = standard_normals(seed, (spec.region, spec.name, "parameters"), first, n, len(random))
    if spec.correlations and random:
        z = z @ copula_factor(spec.correlation_matrix(random)).T
    out: dict[str, np.ndarray] = {}
    column = {path: j for j, path in enumerate(random)}
    for path, dist in params.items():
        if path in column:
            values = transform(dist, z[:, column[path]])
            if dist.dist in ("normal", "lognormal"):
                values = domains[path].clip(values)
            out[path] = values
        else:
            out[path] = dist.quantile(0.5) * np.ones(n)
    for path, value in (overrides or {}).items():
        if path not in out:
            raise KeyError(f"unknown parameter '{path}'")
        out[path] = np.full(n, float(value))
    return out


def block_draws(draws: Mapping[str, np.ndarray], prefix: str) -> dict[str, np.ndarray]:
    """The draws of one parameter block, keyed by the name below `prefix`."""
    cut = len(prefix) + 1
    return {path[cut:]: values for path, values in draws.items()
            if path.startswith(prefix + ".")}
