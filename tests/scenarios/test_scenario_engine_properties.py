"""Properties of the engine's paths: parts add up, caps hold, bands, seeds and chunking."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forecasting.combine.quantiles import QUANTILES
from forecasting.paths import SCENARIOS_DIR
from forecasting.scenarios.catalog import load_scenario, load_scenario_file, parse_scenario
from forecasting.scenarios.engine import simulate_scenario
from forecasting.scenarios.outputs import summarise_paths

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def unbounded(name: str):
    """The scenario file as written, without the supply envelope (driver properties)."""
    return load_scenario_file(SCENARIOS_DIR / f"{name}.yaml")


@st.composite
def ranges(draw, lo, hi):
    """A PERT, uniform or fixed parameter inside [lo, hi]."""
    a, b = sorted(draw(st.floats(lo, hi)) + 0.0 for _ in range(2))  # + 0.0 turns -0.0 into 0.0
    kind = draw(st.sampled_from(["pert", "uniform", "fixed"]))
    if kind == "fixed":
        return a
    if kind == "uniform":
        return {"dist": "uniform", "low": a, "high": b}
    return {"dist": "pert", "low": a, "mode": draw(st.floats(a, b)), "high": b}


@st.composite
def fleet_specs(draw, constrained=None, fixed=False):
    pick = (lambda lo, hi: draw(st.floats(lo, hi))) if fixed else (
        lambda lo, hi: draw(ranges(lo, hi)))
    spec = {
        "name": "prop", "description": "property test", "driver": "fleet",
        "parameters": {
            "shipments_growth": pick(-0.2, 0.6), "region_share": pick(0.0, 1.0),
            "board_power_kw": pick(0.2, 1.5), "board_power_growth": pick(-0.05, 0.1),
            "host_overhead": pick(1.0, 2.5), "utilization": pick(0.1, 1.0),
            "lifetime": pick(0.5, 8.0), "pue_target": pick(1.0, 2.0),
            "pue_target_year": draw(st.integers(2024, 2040)),
        },
        "baseline": {"kind": "growth", "growth_rate": pick(-0.05, 0.15)},
        "load_factor": pick(0.3, 0.9),
    }
    if constrained if constrained is not None else draw(st.booleans()):
        spec["constraints"] = {"max_added_gw_per_year": pick(0.0, 20.0),
                               "max_total_gw": pick(20.0, 200.0)}
    return parse_scenario(spec)


def run(spec, history, years, n=64, seed=3, **kwargs):
    return simulate_scenario(spec, history=history, years=years, n=n, seed=seed, **kwargs)


@SETTINGS
@given(spec=fleet_specs())
def test_components_add_up_to_the_total_on_every_path(spec, history, decomposition, years):
    paths = run(spec, history, years, decomposition=decomposition)
    scale = max(1.0, float(np.abs(paths.total).max()))
    assert np.allclose(paths.baseline + paths.ai, paths.total, rtol=0, atol=1e-9 * scale)
    unconstrained = paths.baseline + paths.ai + paths.removed_by_cap
    assert np.allclose(unconstrained, paths.unconstrained_total, rtol=0, atol=1e-9 * scale)
    assert (paths.removed_by_cap >= -1e-9 * scale).all()
    assert (paths.ai >= -1e-9 * scale).all() and (paths.baseline >= -1e-9 * scale).all()
    parts = sum(paths.ai_parts.values())
    assert np.allclose(parts, paths.ai + np.minimum(paths.removed_by_cap, parts), atol=1e-6)


@SETTINGS
@given(spec=fleet_specs(constrained=True))
def test_a_cap_is_never_exceeded(spec, history, decomposition, years):
    paths = run(spec, history, years, decomposition=decomposition)
    draws = paths.parameters
    capacity = paths.capacity_gw("total")
    base = history["twh"].iloc[-1] * 1000 / (8760 * paths.load_factor)
    # new capacity a year is measured against the capacity connected so far (a running max)
    reached = np.maximum.accumulate(np.column_stack([base, capacity]), axis=1)
    added = capacity - reached[:, :-1]
    tol = 1e-7 * max(1.0, float(capacity.max()))
    assert (added <= draws["constraints.max_added_gw_per_year"][:, None] + tol).all()
    # a total limit below the base year's capacity holds the load there (never disconnects)
    total_limit = np.maximum(draws["constraints.max_total_gw"], base)
    assert (capacity <= total_limit[:, None] + tol).all()
    # what the cap removes is reported, and nothing is removed where the cap does not bind
    assert np.allclose(paths.total + paths.removed_by_cap, paths.unconstrained_total)


@SETTINGS
@given(spec=fleet_specs())
def test_quantiles_are_ordered_for_every_component_and_metric(spec, history, decomposition,
                                                              years):
    paths = run(spec, history, years, decomposition=decomposition)
    national = np.full(paths.total.shape, 4000.0)
    table = summarise_paths(paths, national)
    q = table[list(QUANTILES)].to_numpy()
    assert (np.diff(q, axis=1) >= -1e-9 * np.maximum(1.0, np.abs(q[:, :-1]))).all()
    expected = {"total", "baseline", "ai"} | ({"removed_by_cap"} if paths.constrained else set())
    assert set(table["component"]) == expected
    assert set(table["metric"]) == {"twh", "avg_gw", "capacity_gw", "share_pct"}


@SETTINGS
@given(spec=fleet_specs(fixed=True))
def test_zero_variance_parameters_give_zero_width_bands(spec, history, decomposition, years):
    paths = run(spec, history, years, decomposition=decomposition)
    table = summarise_paths(paths, np.full(paths.total.shape, 4000.0))
    width = (table["p95"] - table["p05"]).abs().to_numpy()
    assert (width <= 1e-9 * np.maximum(1.0, table["p50"].abs().to_numpy())).all()


def test_same_seed_same_numbers_and_another_seed_others(history, decomposition, years):
    spec = load_scenario("moderate-ai")
    a = run(spec, history, years, n=500, seed=11, decomposition=decomposition)
    b = run(spec, history, years, n=500, seed=11, decomposition=decomposition)
    c = run(spec, history, years, n=500, seed=12, decomposition=decomposition)
    for name in ("total", "baseline", "ai"):
        assert np.array_equal(getattr(a, name), getattr(b, name))
    assert not np.array_equal(a.total, c.total)


@pytest.mark.parametrize("name", ["moderate-ai", "grid-constrained", "momentum", "rebound",
                                  "epri2024-high", "efficiency-offset"])
def test_chunks_give_exactly_the_numbers_of_one_run(name, history, decomposition, years):
    """Draws are vectorized; streams are spawned per (region, scenario, stage, block of draws),
    so splitting a run into chunks (or workers) does not change a single number."""
    spec = load_scenario(name)
    whole = run(spec, history, years, n=2600, seed=5, decomposition=decomposition)
    chunks = [run(spec, history, years, n=b - a, seed=5, decomposition=decomposition,
                  first_draw=a) for a, b in ((0, 700), (700, 2048), (2048, 2600))]
    for part in whole.components():
        joined = np.concatenate([c.components()[part] for c in chunks])
        assert np.array_equal(joined, whole.components()[part]), part
    for path, values in whole.parameters.items():
        assert np.array_equal(np.concatenate([c.parameters[path] for c in chunks]), values)


def test_statistical_baseline_is_shared_by_all_scenarios(history, decomposition, years):
    a = run(unbounded("moderate-ai"), history, years, n=300, decomposition=decomposition)
    b = run(unbounded("high-ai"), history, years, n=300, decomposition=decomposition)
    assert np.array_equal(a.baseline, b.baseline)


def test_given_baseline_paths_are_used_as_they_are(history, decomposition, years):
    spec = load_scenario("moderate-ai")
    baseline = np.full((100, len(years)), 150.0)
    paths = run(spec, history, years, n=100, decomposition=decomposition,
                baseline_paths=baseline)
    assert np.array_equal(paths.baseline, baseline)
    with pytest.raises(ValueError, match="shape"):
        run(spec, history, years, n=50, decomposition=decomposition, baseline_paths=baseline)


def test_given_momentum_paths_are_the_momentum_scenario(history, decomposition, years):
    """The pipeline's paths of the total reach the momentum driver as they are; the other
    drivers do not use them."""
    total = np.full((100, len(years)), 321.0)
    paths = run(unbounded("momentum"), history, years, n=100,
                decomposition=decomposition, momentum_paths=total)
    assert np.array_equal(paths.total, total)
    fleet = run(unbounded("moderate-ai"), history, years, n=100,
                decomposition=decomposition, momentum_paths=total)
    assert not np.array_equal(fleet.total, total)
    with pytest.raises(ValueError, match="momentum driver's paths must have shape"):
        run(unbounded("momentum"), history, years, n=50, decomposition=decomposition,
            momentum_paths=total)


def test_the_first_forecast_year_continues_the_history(history, decomposition, years):
    """With the backcast's own parameters the fleet's old cohorts give the history's AI load
    in the base year, and nothing is counted twice at the seam."""
    spec = load_scenario("moderate-ai")
    paths = run(spec, history, years, n=2000, decomposition=decomposition)
    first = np.median(paths.total[:, 0])
    assert 176 < first < 176 * 1.35
    assert np.median(paths.ai[:, 0]) > decomposition.ai_at_base


def test_total_level_scenarios_report_only_the_total(history, decomposition, years):
    paths = run(load_scenario("epri2024-low"), history, years, n=200,
                decomposition=decomposition)
    assert not paths.decomposed and set(paths.components()) == {"total"}
    # EPRI's own 2023 baseline, not the built history, is the start
    growth = paths.total[:, 0] / 152.71 - 1
    assert 0.0 < np.median(growth) < 0.08


def test_components_are_not_counted_twice(history, decomposition, years):
    """compute_efficiency starts from the history's AI part less the components' base-year
    energy, so driver + components equal the history's AI load in the base year."""
    spec = unbounded("efficiency-breakthrough")
    zero = {p: 0.0 for p in spec.parameter_paths() if p.startswith("compute_efficiency.")
            and p.split(".")[1] in ("compute_growth", "efficiency_gain", "rebound")}
    zero.update({p: 0.0 for p in spec.parameter_paths()
                 if p.endswith(("runs_growth", "power_growth", "query_growth",
                                "wh_per_query_change"))})
    zero["compute_efficiency.pue_target"] = decomposition.fleet.pue_base
    paths = run(spec, history, years, n=200, decomposition=decomposition, overrides=zero)
    ai = paths.ai[:, 0]
    days = 366 / 365  # 2024 is a leap year: the inference component counts 366 days
    assert np.all(ai <= decomposition.ai_at_base * days + 1e-9)
    assert np.allclose(ai, decomposition.ai_at_base, rtol=0.01)
