"""Contracts in service inside the history are in the measured load only as far as the
existing data-center level the pipeline scenarios carry holds them: a share f = level / reach
of each (at most 1, the level taken in queue order) stays on its own ramp, the rest is added
from the forecast's first month (`pipeline_sampling.measured_shares`).

Fuzz 10b D1: judged all or nothing against the top of the level's interval, ERCO-WEST (level
32 MW, top 139) published 463 MW of 2030 data-center load for a 950 MW contract reaching
138 MW by the history's end and 627 MW for a 1,000 MW one; the 106 MW between the level and
the top were dropped. Synthetic contracts, `sample_new_load` and `pipeline_by_stage` called
directly (every assumption fixed, no connection limit)."""

import numpy as np
import pandas as pd
import pytest

from forecasting.zones.large_loads import Assumptions, Contract, Triangular
from forecasting.zones.pipeline_sampling import (
    PipelineRules,
    measured_data_center_mw,
    measured_shares,
    sample_new_load,
)
from forecasting.zones.pipeline_table import pipeline_by_stage

MONTHS = pd.period_range("2025-01", "2027-12", freq="M")  # the history ends 2024-12
RAMP = 12.0
RULES = PipelineRules(realization={"ESA": 1.0}, utilization=1.0, delay_months=0, limit=False)
ONE = Triangular(1.0, 1.0, 1.0)
ASSUMPTIONS = Assumptions(
    realization={"ESA": ONE}, delay_months=Triangular(0, 0, 0),
    ramp_months=Triangular(RAMP, RAMP, RAMP), utilization=ONE,
    connection_limit_mw_per_year=Triangular(1e5, 1e5, 1e5),
    diurnal_amplitude=Triangular(0, 0, 0), summer_uplift=Triangular(0, 0, 0))
LEVEL_MW = 300.0


def new_mw(contracts, level: float = LEVEL_MW) -> np.ndarray:
    """Mean-path new load by forecast month (every path alike: all fixed)."""
    return sample_new_load(contracts, ASSUMPTIONS, MONTHS, 3, np.random.default_rng(0), RULES,
                           measured_mw=level)[0]


def campus(mw: float, month: str = "2024-07", name: str = "campus") -> Contract:
    """A contract 6 of its 12 ramp months into service when the history ends: reach mw/2."""
    return Contract(name, "ESA", mw, pd.Period(month, "M"))


def test_a_contract_reaching_just_below_or_above_the_level_adds_about_the_same_load():
    """Reach 299 or 301 MW against a 300 MW level: the forecasts differ by about the 4 MW of
    contract, not by the contract's whole reach (the all-or-nothing switch added 301 MW more
    in the first month and 300 MW more for good)."""
    below, above = new_mw([campus(598.0)]), new_mw([campus(602.0)])
    assert np.abs(above - below).max() < 5.0


def test_the_reach_above_the_level_is_added_and_the_level_is_not_counted_twice():
    """Reach 450 MW, level 300: the contract is 900 MW at full ramp, of which the level
    holds 300, so 600 MW are added by its end (a switch either way added 450 or 900)."""
    new = new_mw([campus(900.0)])
    assert new[-1] == pytest.approx(900.0 - LEVEL_MW)
    assert (np.diff(new) >= -1e-9).all() and new[0] > 0.0


def test_the_level_the_history_ends_on_not_its_interval_top_is_what_contracts_may_be_in():
    """A decomposition whose last 12 months sit at 100 MW +/- 107: a contract that reached
    138 MW (the ERCO-WEST case) is held only to the 100 MW level: its other MW are added."""
    months = pd.period_range("2024-01", "2024-12", freq="M")
    table = pd.DataFrame({"period": [str(m) for m in months], "data_center_mw": 100.0,
                          "data_center_high_mw": 207.0})
    level = measured_data_center_mw(table, first_month=MONTHS[0])
    new = new_mw([campus(276.0)], level=level)  # reaches 138 MW by 2024-12
    assert new[-1] == pytest.approx(276.0 - 100.0)  # the top (207) had dropped 138 - 100


def test_contracts_in_the_history_share_the_level_first_in_service_first():
    """Two contracts reaching 200 MW each by the history's end against a 300 MW level: the
    earlier (listed second) is held in full, the later for the 100 MW left (half its MW
    stays on its ramp), and 300 of their 600 MW at full ramp are added in all, not 600
    (none held, the group judged all or nothing) nor 200 (each holding the whole level)."""
    early = Contract("early", "ESA", 200.0, pd.Period("2023-06", "M"))  # full by 2024-05
    late = campus(400.0, name="late")  # reaches 200 MW by 2024-12
    assert measured_shares([late, early], ASSUMPTIONS, RULES, first_month=MONTHS[0],
                           measured_mw=LEVEL_MW) == pytest.approx([0.5, 1.0])
    assert new_mw([late, early])[-1] == pytest.approx(600.0 - LEVEL_MW)


def test_the_pipeline_note_names_the_level_carried_and_the_share_taken_as_measured():
    """The note had said "more than the 139 MW of data-center load the history shows",
    naming the interval's top, which no scenario carries (fuzz 10b D3)."""
    table = pipeline_by_stage([campus(900.0)], ASSUMPTIONS, {"vetted": RULES},
                              first_month=MONTHS[0], measured_mw=LEVEL_MW)
    note = table.loc[0, "note"]
    assert "reach 450 MW by 2024-12" in note
    assert "300 MW existing data-center level the scenarios carry" in note
    assert "holds 300 MW of it (67%)" in note and "other 33%" in note
    assert "history shows" not in note
    assert table.loc[0, "in_service"] == "2024-07"  # the measured part's own month
