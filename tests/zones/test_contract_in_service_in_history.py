"""A large-load contract whose in-service month is inside the history, in a zone whose history
shows its load (`MEASURED_MW`), is on its own ramp: the forecast adds only what its ramp still
has to add after the history ends, reaching it when the pipeline table says it is fully
ramped; a contract in service at the forecast's first month is sampled as before
(`pipeline_sampling.sample_new_load`). One the history does not show:
test_contract_in_history_not_measured.py."""

import numpy as np
import pandas as pd
import pytest

from forecasting.zones.large_loads import Contract
from forecasting.zones.pipeline_sampling import PipelineRules, sample_new_load
from forecasting.zones.pipeline_table import pipeline_by_stage
from forecasting.zones.read import read_large_loads
from tests.zones.test_large_loads import SHIPPED, START

MONTHS = pd.period_range("2025-01", "2027-12", freq="M")  # the history ends 2024-12
RAMP = 24
MW = 1200.0
#: the data-center load the zone's history shows, enough to hold the contracts' ramp so far
MEASURED_MW = MW
#: every assumption fixed: all realized, used in full, no delay, no connection limit
RULES = PipelineRules(realization={"ESA": 1.0, "CLOA": 1.0, "SELOA": 1.0}, utilization=1.0,
                      ramp_months=RAMP, delay_months=0, limit=False)


@pytest.fixture(scope="module")
def assumptions():
    return read_large_loads(SHIPPED, START)[1]


def sampled(assumptions, *contracts: Contract, rules: PipelineRules = RULES) -> np.ndarray:
    return sample_new_load(list(contracts), assumptions, MONTHS, 8,
                           np.random.default_rng(3), rules, measured_mw=MEASURED_MW)


def test_a_contract_in_service_six_months_before_the_history_ends_adds_the_rest_of_its_ramp(
        assumptions):
    past = Contract("campus-a", "ESA", MW, pd.Period("2024-07", "M"))  # 6 months in history
    new = sampled(assumptions, past)
    reached = 6 / RAMP  # of its ramp by 2024-12: in the measured load already
    expected = MW * (np.minimum(np.arange(1, len(MONTHS) + 1) + 6, RAMP) / RAMP - reached)
    np.testing.assert_allclose(new, np.broadcast_to(expected, new.shape), atol=1e-9)
    # what is added in all is what remained of the ramp (18/24), not the whole contract
    # (before the fix: 1200 MW, 24 ramp steps counted from 2025-01)
    assert new[0, -1] == pytest.approx(MW * (1 - reached))
    # full when the pipeline table says, counted from the contract's own in-service month
    table = pipeline_by_stage([past], assumptions, {"s": RULES})
    full_by = pd.Period(table.loc[0, "full_ramp_by"], "M")
    # in service 2024-07, 24 monthly steps: the 24th, the full contract, is 2026-06 (the
    # table said 2026-07, one month after the paths, before e3ff07b)
    assert full_by == pd.Period("2026-06", "M")
    at = {str(p): t for t, p in enumerate(MONTHS)}
    assert new[0, at[str(full_by)]] == pytest.approx(MW * (1 - reached))
    assert new[0, at[str(full_by - 1)]] < MW * (1 - reached) - 1.0
    assert (np.diff(new, axis=1) >= -1e-9).all()  # new load never falls


def test_a_contract_in_service_at_the_forecast_start_is_unchanged(assumptions):
    """Alone, it ramps from the first forecast month to the whole contract; beside one in
    the history (no connection limit) its part is the same, month by month."""
    at_start = Contract("campus-b", "ESA", MW, MONTHS[0])
    alone = sampled(assumptions, at_start)
    steps = MW * np.minimum(np.arange(1, len(MONTHS) + 1) / RAMP, 1.0)
    np.testing.assert_allclose(alone, np.broadcast_to(steps, alone.shape), atol=1e-9)
    past = Contract("campus-a", "ESA", MW, pd.Period("2024-07", "M"))
    both = sampled(assumptions, past, at_start)
    np.testing.assert_allclose(both - sampled(assumptions, past), alone, atol=1e-9)

