"""Draws of a scenario's parameters: one seed, streams per (region, scenario, stage, block).

The normal scores come from the block streams of `streams.py` (stage `parameters`), so draw
`i` gets the same numbers however the draws are split into chunks. Within a block the numbers
are vectorized (a BLOCK x width array).

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
from forecasting.scenarios.streams import standard_normals


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
