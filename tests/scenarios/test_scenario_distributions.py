"""Parameter distributions: exact quantiles, the interpolated PERT, the copula, legacy draws."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from forecasting.scenarios.catalog import parse_scenario
from forecasting.scenarios.distributions import Dist, transform
from forecasting.scenarios.sampling import draw_parameters, standard_normals

Q = np.array([0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99])


@pytest.mark.parametrize(("dist", "reference"), [
    (Dist(dist="uniform", low=2, high=5), stats.uniform(2, 3)),
    (Dist(dist="triangular", low=1, mode=2, high=5), stats.triang(0.25, loc=1, scale=4)),
    (Dist(dist="normal", mean=3, sd=0.5), stats.norm(3, 0.5)),
    (Dist(dist="lognormal", median=2, sigma=0.4), stats.lognorm(0.4, scale=2)),
    (Dist(dist="pert", low=1, mode=2, high=5), stats.beta(2.0, 4.0, loc=1, scale=4)),
])
def test_quantiles_match_scipy(dist, reference):
    assert np.allclose(dist.quantile(Q), reference.ppf(Q), rtol=1e-9, atol=1e-9)
    # the fast path used for draws (PERT interpolates its inverse CDF) is within 1e-6
    fast = transform(dist, stats.norm.ppf(Q))
    assert np.allclose(fast, reference.ppf(Q), rtol=0, atol=1e-6 * (reference.ppf(0.999)
                                                                   - reference.ppf(0.001)))


def test_fixed_and_degenerate_distributions_have_one_value():
    for dist in (Dist(dist="fixed", value=3), Dist(dist="pert", low=3, mode=3, high=3),
                 Dist(dist="normal", mean=3, sd=0), Dist(dist="uniform", low=3, high=3)):
        assert dist.is_fixed
        assert np.all(transform(dist, np.linspace(-3, 3, 7)) == 3)


def test_block_streams_give_the_same_draws_however_they_are_chunked():
    whole = standard_normals(7, ("US", "s", "parameters"), 0, 2500, 3)
    parts = [standard_normals(7, ("US", "s", "parameters"), a, b - a, 3)
             for a, b in ((0, 1), (1, 1000), (1000, 2047), (2047, 2500))]
    assert np.array_equal(whole, np.concatenate(parts))


def test_rank_correlation_is_what_the_file_states():
    spec = parse_scenario({
        "name": "c", "description": "x", "driver": "fleet",
        "parameters": {
            "shipments_growth": {"dist": "pert", "low": 0.1, "mode": 0.2, "high": 0.5},
            "region_share": {"dist": "uniform", "low": 0.4, "high": 0.6},
            "board_power_kw": {"dist": "lognormal", "median": 0.7, "sigma": 0.1},
            "host_overhead": 1.8, "utilization": {"dist": "triangular", "low": 0.5,
                                                  "mode": 0.6, "high": 0.8},
            "lifetime": 5, "pue_target": 1.3, "pue_target_year": 2030},
        "correlations": [
            {"params": ["fleet.shipments_growth", "fleet.utilization"], "rho": 0.6},
            {"params": ["fleet.region_share", "fleet.board_power_kw"], "rho": -0.4}],
    })
    draws = draw_parameters(spec, seed=1, n=20000)
    rho = stats.spearmanr(draws["fleet.shipments_growth"], draws["fleet.utilization"])[0]
    assert abs(rho - 0.6) < 0.02
    rho = stats.spearmanr(draws["fleet.region_share"], draws["fleet.board_power_kw"])[0]
    assert abs(rho + 0.4) < 0.02
    rho = stats.spearmanr(draws["fleet.shipments_growth"], draws["fleet.region_share"])[0]
    assert abs(rho) < 0.03
