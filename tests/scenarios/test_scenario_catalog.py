"""The shipped scenario files: all valid, every parameter cited, the required set present."""

from __future__ import annotations

import pytest

from forecasting.scenarios.catalog import (
    describe_scenario,
    list_scenarios,
    load_all,
    load_scenario,
    scenario_files,
    show_text,
)

PROJECT = {"momentum", "efficiency-offset", "moderate-ai", "high-ai", "grid-constrained",
           "efficiency-breakthrough", "rebound"}
PRESETS = {"lbnl2024-low", "lbnl2024-high", "epri2024-low", "epri2024-moderate",
           "epri2024-high", "epri2024-higher", "iea2025-us-base"}


def test_the_project_set_and_the_presets_are_shipped():
    table = list_scenarios()
    assert set(table["name"]) == PROJECT | PRESETS
    assert set(table.loc[table["kind"] == "preset", "name"]) == PRESETS
    assert len(scenario_files()) == len(PROJECT | PRESETS)


@pytest.mark.parametrize("spec", load_all(), ids=lambda s: s.name)
def test_every_parameter_has_a_source_note(spec):
    for path, dist in spec.parameter_paths().items():
        assert dist.note.strip(), f"{spec.name}: {path} has no note"


def test_bottom_up_outlooks_are_rebuilt_bottom_up_not_pinned():
    for name in ("lbnl2024-low", "lbnl2024-high", "iea2025-us-base"):
        spec = load_scenario(name)
        assert spec.driver == "fleet"
        params = spec.parameter_paths()
        for key in ("shipments_growth", "utilization", "pue_target", "board_power_kw"):
            assert not params[f"fleet.{key}"].is_fixed
    for name in ("epri2024-low", "epri2024-moderate", "epri2024-high", "epri2024-higher"):
        spec = load_scenario(name)
        assert spec.driver == "growth_rate"
        assert not spec.parameter_paths()["growth_rate.growth_rate"].is_fixed


def test_show_lists_every_parameter_with_its_quantiles():
    spec = load_scenario("high-ai")
    table = describe_scenario(spec)
    assert list(table.columns) == ["parameter", "distribution", "p10", "p50", "p90", "note"]
    assert "fleet.utilization" in set(table["parameter"])
    numbers = table.dropna(subset=["p50"])  # a switch (baseline.kind) has no quantiles
    assert (numbers["p10"] <= numbers["p50"]).all() and (numbers["p50"] <= numbers["p90"]).all()
    text = show_text(spec)
    assert "high-ai" in text and "fleet.shipments_growth" in text
