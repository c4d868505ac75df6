"""Bad scenario files raise InputError naming the file, the line and the parameter path."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from forecasting.errors import InputError
from forecasting.scenarios.catalog import SCENARIOS_DIR, load_scenario, load_scenario_file
from forecasting.scenarios.registry import DRIVERS

GOOD = textwrap.dedent("""\
    name: high-ai
    description: a test scenario
    driver: fleet
    parameters:
      shipments_growth: {dist: pert, low: 0.2, mode: 0.3, high: 0.4, note: test}
      region_share: 0.5
      board_power_kw: {dist: uniform, low: 0.6, high: 0.8}
      host_overhead: 1.8
      utilization: {dist: pert, low: 0.5, mode: 0.6, high: 0.7}
      lifetime: 5
      pue_target: 1.3
      pue_target_year: 2030
    correlations:
      - params: [fleet.shipments_growth, fleet.utilization]
        rho: 0.3
    """)


def write(tmp_path: Path, text: str, name: str = "high-ai") -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path: Path, old: str, new: str) -> InputError:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(InputError) as info:
        load_scenario_file(path)
    return info.value


def test_the_good_file_loads(tmp_path):
    spec = load_scenario_file(write(tmp_path, GOOD))
    assert spec.name == "high-ai" and spec.level == "ai"


def test_low_above_high_names_the_high_key_and_its_line(tmp_path):
    err = error_for(tmp_path, "{dist: pert, low: 0.5, mode: 0.6, high: 0.7}",
                    "{dist: pert, low: 0.9, mode: 0.6, high: 0.7}")
    assert err.field == "scenarios.high-ai.fleet.utilization.high"
    assert err.row == 9
    assert "low 0.9 is above high 0.7" in err.message
    assert "high-ai.yaml" in err.file


def test_negative_power(tmp_path):
    err = error_for(tmp_path, "{dist: uniform, low: 0.6, high: 0.8}",
                    "{dist: uniform, low: -0.6, high: 0.8}")
    assert err.field == "scenarios.high-ai.fleet.board_power_kw.low"
    assert "must be > 0" in err.message and err.row == 7


def test_lifetime_zero(tmp_path):
    err = error_for(tmp_path, "lifetime: 5", "lifetime: 0")
    assert err.field == "scenarios.high-ai.fleet.lifetime"
    assert "lifetime must be > 0" in err.message and err.row == 10


def test_share_above_one(tmp_path):
    err = error_for(tmp_path, "region_share: 0.5", "region_share: 1.2")
    assert err.field == "scenarios.high-ai.fleet.region_share"
    assert "<= 1" in err.message and err.row == 6


def test_unknown_distribution(tmp_path):
    err = error_for(tmp_path, "{dist: uniform, low: 0.6, high: 0.8}",
                    "{dist: gamma, low: 0.6, high: 0.8}")
    assert err.field == "scenarios.high-ai.fleet.board_power_kw.dist"
    assert "unknown distribution 'gamma'" in err.message and "pert" in err.message


def test_unknown_key_in_parameters_and_at_the_top(tmp_path):
    err = error_for(tmp_path, "lifetime: 5", "lifetme: 5")
    assert err.field == "scenarios.high-ai.fleet.lifetme" and err.message == "unknown key"
    assert err.row == 10
    err = error_for(tmp_path, "driver: fleet", "driver: fleet\nscenaro: x")
    assert err.field == "scenarios.high-ai.scenaro" and err.message == "unknown key"


def test_unknown_key_inside_a_distribution(tmp_path):
    err = error_for(tmp_path, "{dist: uniform, low: 0.6, high: 0.8}",
                    "{dist: uniform, low: 0.6, hi: 0.8}")
    assert err.field.startswith("scenarios.high-ai.fleet.board_power_kw.")


def test_a_distribution_missing_its_parameters(tmp_path):
    err = error_for(tmp_path, "{dist: uniform, low: 0.6, high: 0.8}",
                    "{dist: pert, low: 0.6, high: 0.8}")
    assert err.field == "scenarios.high-ai.fleet.board_power_kw.mode"
    assert "needs mode" in err.message


def test_a_correlation_matrix_that_is_not_psd(tmp_path):
    pairs = ("  - {params: [fleet.shipments_growth, fleet.utilization], rho: 0.9}\n"
             "  - {params: [fleet.shipments_growth, fleet.board_power_kw], rho: 0.9}\n"
             "  - {params: [fleet.utilization, fleet.board_power_kw], rho: -0.9}\n")
    text = GOOD[: GOOD.index("correlations:")] + "correlations:\n" + pairs
    with pytest.raises(InputError) as info:
        load_scenario_file(write(tmp_path, text))
    err = info.value
    assert err.field == "scenarios.high-ai.correlations"
    assert "not positive semi-definite" in err.message and err.row == 13


def test_a_correlation_with_an_unknown_or_fixed_parameter(tmp_path):
    err = error_for(tmp_path, "[fleet.shipments_growth, fleet.utilization]",
                    "[fleet.shipments_growth, fleet.utilisation]")
    assert err.field == "scenarios.high-ai.correlations.0.params.1"
    assert "unknown parameter 'fleet.utilisation'" in err.message
    err = error_for(tmp_path, "[fleet.shipments_growth, fleet.utilization]",
                    "[fleet.shipments_growth, fleet.lifetime]")
    assert "is fixed" in err.message


def test_a_correlation_outside_minus_one_to_one(tmp_path):
    err = error_for(tmp_path, "rho: 0.3", "rho: 1.3")
    assert err.field == "scenarios.high-ai.correlations.0.rho"


def test_a_normal_that_reaches_outside_the_domain(tmp_path):
    err = error_for(tmp_path, "{dist: pert, low: 0.5, mode: 0.6, high: 0.7}",
                    "{dist: normal, mean: 0.6, sd: 0.2}")
    assert err.field == "scenarios.high-ai.fleet.utilization.sd"
    assert "bounded distribution" in err.message


def test_unknown_driver_and_wrong_type(tmp_path):
    err = error_for(tmp_path, "driver: fleet", "driver: fleets")
    assert err.field == "scenarios.high-ai.driver" and "unknown driver" in err.message
    assert all(f"'{name}'" in err.message for name in DRIVERS)  # the registry's, all of them
    err = error_for(tmp_path, "lifetime: 5", "lifetime: five")
    assert err.field == "scenarios.high-ai.fleet.lifetime" and "'five'" in err.message


def test_name_must_match_the_file(tmp_path):
    with pytest.raises(InputError) as info:
        load_scenario_file(write(tmp_path, GOOD, name="other"))
    assert info.value.field == "scenarios.other.name" and info.value.row == 1


def test_a_total_level_driver_takes_no_components_or_baseline(tmp_path):
    text = textwrap.dedent("""\
        name: t
        description: x
        driver: growth_rate
        parameters:
          growth_rate: 0.05
        baseline:
          kind: statistical
        """)
    with pytest.raises(InputError) as info:
        load_scenario_file(write(tmp_path, text, name="t"))
    assert info.value.field == "scenarios.t.baseline.kind"


def test_invalid_yaml_and_missing_file(tmp_path):
    with pytest.raises(InputError) as info:
        load_scenario_file(write(tmp_path, "name: [unclosed\n", name="x"))
    assert "not valid YAML" in info.value.message
    with pytest.raises(InputError):
        load_scenario_file(tmp_path / "nope.yaml")


def test_unknown_scenario_name_lists_the_known_ones():
    with pytest.raises(InputError) as info:
        load_scenario("no-such-scenario")
    assert "moderate-ai" in info.value.message
    assert SCENARIOS_DIR.is_dir()
