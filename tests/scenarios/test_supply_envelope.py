"""The supply envelope bounds every project scenario: each limit caps the total, the energy
removed is reported, the binding limit is recorded, and a scenario replaces a limit only with
a cited note."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.errors import InputError
from forecasting.scenarios.catalog import load_scenario
from forecasting.scenarios.constraints import LIMITS, ConstraintParameters, apply_cap, with_envelope

HOURS = np.full(5, 8760.0)


@settings(max_examples=50, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_capped_paths_respect_every_limit_and_never_exceed_the_demand(seed):
    rng = np.random.default_rng(seed)
    n = 40
    demand = 200 * np.cumprod(1 + rng.uniform(0, 0.8, (n, 5)), axis=1)
    national = np.full((n, 5), 4200.0)
    growth, share, added = rng.uniform(0.1, 0.5, n), rng.uniform(5, 20, n), rng.uniform(2, 20, n)
    lf = np.full(n, 0.5)
    capped, binding = apply_cap(demand, base_twh=200.0, base_hours=8760.0, hours=HOURS,
                                load_factor=lf, max_added_gw=added, max_total_gw=None,
                                max_growth=growth, max_share_pct=share, national=national)
    assert (capped <= demand + 1e-9).all()
    previous = np.full(n, 200.0)
    connected = previous * 1000 / (8760 * 0.5)
    for j in range(5):
        assert (capped[:, j] <= previous * (1 + growth) + 1e-6).all()
        assert (capped[:, j] <= share / 100 * national[:, j] + 1e-6).all()
        assert (capped[:, j] * 1000 / (8760 * 0.5) <= connected + added + 1e-6).all()
        previous = capped[:, j]
        connected = np.maximum(connected, previous * 1000 / (8760 * 0.5))
    bit = capped < demand - 1e-9
    assert ((binding >= 0) == bit).all()


def test_a_binding_share_limit_is_named():
    demand = np.full((3, 5), 1500.0)
    capped, binding = apply_cap(demand, base_twh=1000.0, base_hours=8760.0, hours=HOURS,
                                load_factor=np.full(3, 0.5), max_added_gw=None,
                                max_total_gw=None, max_share_pct=np.full(3, 20.0),
                                national=np.full((3, 5), 4000.0))
    assert np.allclose(capped, 800.0)
    assert (binding == LIMITS.index("max_share_pct")).all()


@pytest.mark.parametrize("added_gw", [0.0, 10.0])
def test_a_dip_does_not_lower_the_connected_capacity(added_gw):
    """A path whose load dips one year comes back to its earlier peak without new connections:
    the connection limit adds to the capacity connected so far, not to the dip (fuzz 8a D2)."""
    hours = np.array([8784.0, 8760.0, 8760.0])
    demand = np.array([[176.0, 100.0, 250.0]])
    capped, binding = apply_cap(demand, base_twh=176.0, base_hours=8760.0, hours=hours,
                                load_factor=np.array([0.5]), max_added_gw=np.array([added_gw]),
                                max_total_gw=None)
    peak_gw = 176.0 * 1000 / (8760 * 0.5)                      # connected in the base year
    grows_to = (peak_gw + added_gw) * 8760 * 0.5 / 1000         # one year's connections on it
    assert capped[0, 1] == pytest.approx(100.0)                 # the dip is the demand
    assert capped[0, 2] == pytest.approx(grows_to)              # back to the peak and beyond
    if added_gw == 0:
        assert binding[0, 2] == LIMITS.index("max_added_gw_per_year")


def test_every_project_scenario_is_bounded_and_presets_are_as_published():
    for name in ("momentum", "moderate-ai", "high-ai", "rebound"):
        limits = load_scenario(name).constraints
        assert limits is not None and limits.max_share_pct is not None, name
        assert limits.max_growth_per_year is not None and limits.max_added_gw_per_year is not None
    assert load_scenario("lbnl2024-high").constraints is None
    # grid-constrained keeps its own, cited connection limit
    own = load_scenario("grid-constrained").constraints.max_added_gw_per_year
    assert own.mode == 7 and "GW/yr" in own.note


def test_replacing_an_envelope_limit_needs_a_note():
    envelope = ConstraintParameters(max_share_pct={"dist": "fixed", "value": 15, "note": "x"})
    bare = ConstraintParameters(max_share_pct={"dist": "fixed", "value": 40})
    with pytest.raises(InputError, match="must say why"):
        with_envelope(bare, envelope, "data/scenarios/x.yaml")
    cited = ConstraintParameters(max_share_pct={"dist": "fixed", "value": 40,
                                                "note": "a cited reason"})
    assert with_envelope(cited, envelope, "x").max_share_pct.value == 40


def test_a_total_limit_below_the_base_years_capacity_never_disconnects_load():
    """A `max_total_gw` draw under the capacity the base year already uses stops new
    connections but holds the load at that capacity: it does not cut the first forecast
    year below the history (30 GW against 176 TWh at a 0.5 load factor, about 40 GW)."""
    hours = np.full(3, 8760.0)
    demand = np.array([[190.0, 210.0, 230.0], [150.0, 160.0, 170.0]])
    capped, binding = apply_cap(demand, base_twh=176.0, base_hours=8760.0, hours=hours,
                                load_factor=np.full(2, 0.5), max_added_gw=None,
                                max_total_gw=np.array([30.0, 30.0]))
    assert capped[0] == pytest.approx([176.0, 176.0, 176.0])    # held where it stands
    assert (binding[0] == LIMITS.index("max_total_gw")).all()
    assert capped[1] == pytest.approx(demand[1])                 # a dip below it is the demand
