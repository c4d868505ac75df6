"""Each driver's arithmetic on simple, fixed parameters."""

from __future__ import annotations

import numpy as np
import pytest

from forecasting.scenarios.catalog import parse_scenario
from forecasting.scenarios.engine import simulate_scenario


def run(spec, history, decomposition, years, n=50):
    return simulate_scenario(parse_scenario(spec), history=history, years=years, n=n, seed=1,
                             decomposition=decomposition)


def test_growth_rate_compounds_from_a_stated_start(history, decomposition, years):
    spec = {"name": "g", "description": "x", "driver": "growth_rate",
            "parameters": {"start": {"year": 2023, "twh": 152.71}, "growth_rate": 0.05}}
    paths = run(spec, history, decomposition, years)
    assert np.allclose(paths.total[:, 2030 - 2024], 152.71 * 1.05**7)


def test_growth_rate_from_a_start_after_the_base_year(history, decomposition, years):
    spec = {"name": "g", "description": "x", "driver": "growth_rate",
            "parameters": {"start": {"year": 2024, "twh": 183}, "growth_rate": 0.15,
                           "until_year": 2027, "then_growth_rate": 0.0}}
    total = run(spec, history, decomposition, years).total[0]
    assert total[0] == pytest.approx(183)
    assert total[2027 - 2024] == pytest.approx(183 * 1.15**3)
    assert total[-1] == pytest.approx(183 * 1.15**3)


def test_endpoint_reaches_its_value_then_grows_on(history, decomposition, years):
    spec = {"name": "e", "description": "x", "driver": "endpoint",
            "parameters": {"endpoint_year": 2030, "endpoint_twh": 400, "then_growth_rate": 0.02}}
    total = run(spec, history, decomposition, years).total[0]
    assert total[2030 - 2024] == pytest.approx(400)
    assert total[2031 - 2024] == pytest.approx(408)
    assert total[0] == pytest.approx(176 * (400 / 176) ** (1 / 7))


def test_compute_efficiency_formula(history, decomposition, years):
    spec = {"name": "c", "description": "x", "driver": "compute_efficiency",
            "parameters": {"compute_growth": 0.3, "efficiency_gain": 0.2, "rebound": 0.5,
                           "pue_start": 1.5, "pue_target": 1.2, "pue_target_year": 2026},
            "baseline": {"kind": "growth", "growth_rate": 0.0}}
    paths = run(spec, history, decomposition, years)
    k = np.arange(1, len(years) + 1)
    pue = np.where(k >= 3, 1.2, 1.5 - 0.3 * k / 3)
    expected = decomposition.ai_at_base * (1.3 / 1.2) ** k * pue / 1.5 * 1.2 ** (0.5 * k)
    assert np.allclose(paths.ai[0], expected)
    assert np.allclose(paths.baseline[0], decomposition.conventional_at_base)


def test_fleet_with_no_new_shipments_retires_the_old_cohorts(history, decomposition, years):
    spec = {"name": "f", "description": "x", "driver": "fleet",
            "parameters": {"shipments_growth": 0.0, "region_share": 0.0,
                           "board_power_kw": 1.0, "host_overhead": 1.0, "utilization": 1.0,
                           "lifetime": 5, "pue_target": 1.58, "pue_target_year": 2024},
            "baseline": {"kind": "growth", "growth_rate": 0.0}}
    ai = run(spec, history, decomposition, years).ai[0]
    assert 0 < ai[0] < decomposition.ai_at_base * 1.6   # the 2023 cohort's full first year
    assert (np.diff(ai) <= 1e-12).all()
    assert ai[2029 - 2024] == 0                          # the 2023 cohort retired mid-2028


def test_training_and_inference_arithmetic(history, decomposition, years):
    spec = {"name": "t", "description": "x", "driver": "compute_efficiency",
            "parameters": {"compute_growth": 0.0, "efficiency_gain": 0.0},
            "baseline": {"kind": "growth", "growth_rate": 0.0},
            "components": {
                "training": {"runs_per_year": 10, "power_mw": 50, "duration_days": 100,
                             "region_share": 1.0},
                "inference": {"queries_per_day_bn": 1.0, "wh_per_query": 0.3,
                              "region_share": 1.0}}}
    paths = run(spec, history, decomposition, years)
    assert paths.ai_parts["training"][0, 0] == pytest.approx(10 * 50 * 100 * 24 / 1e6)
    assert paths.ai_parts["inference"][0, 0] == pytest.approx(366 * 0.3 / 1000)  # 2024: leap
    assert paths.ai_parts["inference"][0, 1] == pytest.approx(365 * 0.3 / 1000)
