"""The accelerator-fleet backcast and the split of the history into conventional and AI."""

from __future__ import annotations

import numpy as np
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.decompose import BackcastAssumptions, decompose_history
from forecasting.decompose.stock import in_service_power, operating_fraction
from forecasting.scenarios.catalog import BACKCAST_DIR, load_backcast


def test_parts_add_up_to_the_built_history_every_year(history, decomposition):
    table = decomposition.table
    assert list(table["year"]) == list(history["year"])
    total = history["twh"].to_numpy()
    parts = table["conventional_twh"].to_numpy() + table["ai_twh"].to_numpy()
    assert np.abs(parts - total).max() < 0.1          # the acceptance bound
    assert np.abs(parts - total).max() < 1e-9         # in fact exact to rounding
    assert (table["conventional_twh"] > 0).all() and (table["ai_twh"] >= 0).all()


def test_ai_part_starts_with_the_first_cohort_and_grows(decomposition):
    table = decomposition.table.set_index("year")
    first = min(decomposition.assumptions.shipments_world_m)
    assert (table.loc[: first - 1, "ai_twh"] == 0).all()
    recent = table.loc[2018:2023, "ai_twh"].to_numpy()
    assert (np.diff(recent) > 0).all()
    # a plausible size: some percent of 2023's 176 TWh, not most of it
    assert 10 < table.loc[2023, "ai_twh"] < 80


def test_fleet_history_matches_the_backcast_in_the_base_year(decomposition):
    fleet = decomposition.fleet
    gw = in_service_power(fleet.units_m * fleet.full_load_kw * fleet.utilization,
                          fleet.cohort_years, np.array([fleet.base_year]),
                          np.array([fleet.lifetime_years]))[0, 0]
    twh = gw * fleet.pue_base * 8760 / 1000
    assert abs(twh - decomposition.ai_at_base) < 1e-9


def test_clipping_keeps_both_parts_positive_and_the_sum_exact(history):
    data = yaml.safe_load((BACKCAST_DIR / "us.yaml").read_text())
    data["shipments_world_m"] = {y: {"value": 50.0, "note": "test"}
                                 for y in data["shipments_world_m"]}
    decomposition = decompose_history(history, BackcastAssumptions.model_validate(data))
    table = decomposition.table
    assert table["clipped"].any()
    assert (table["ai_twh"] <= 0.9 * table["total_twh"] + 1e-12).all()
    assert np.allclose(table["conventional_twh"] + table["ai_twh"], table["total_twh"],
                       rtol=0, atol=1e-9)


def test_every_backcast_value_cites_its_source():
    assumptions = load_backcast("US")
    for name, value in assumptions:
        items = value.values() if isinstance(value, dict) else [value]
        for item in items:
            if hasattr(item, "note"):
                assert item.note.strip(), name


def test_operating_fraction_mid_year_convention():
    ages = np.arange(0, 8)
    assert np.allclose(operating_fraction(ages, 5.0), [0.5, 1, 1, 1, 1, 0.5, 0, 0])
    assert np.allclose(operating_fraction(ages, 4.25), [0.5, 1, 1, 1, 0.75, 0, 0, 0])
    assert operating_fraction(np.array(-1.0), 5.0) == 0


@settings(max_examples=40, deadline=None)
@given(
    weights=st.lists(st.floats(0, 10), min_size=1, max_size=12),
    lifetime=st.floats(0.1, 9.0),
    start=st.integers(2000, 2010),
)
def test_in_service_power_equals_the_cohort_by_year_sum(weights, lifetime, start):
    cohorts = np.arange(start, start + len(weights))
    years = np.arange(start - 2, start + len(weights) + 12)
    fast = in_service_power(np.array(weights), cohorts, years, np.array([lifetime]))[0]
    slow = [sum(w * float(operating_fraction(np.float64(y - s), lifetime))
                for w, s in zip(weights, cohorts, strict=True)) for y in years]
    assert np.allclose(fast, slow)
