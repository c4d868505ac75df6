"""A zone's large-load queue names its own stages. They had been fixed to Dominion's ESA, CLOA
and SELOA, so an ERCOT or any other utility's queue (its study and agreement stages) was
refused as 'unknown stage'. The stages are now the ones the assumptions file gives a
realization for, in its order (most committed first); a contract's stage must be one of
them; ``all-requests`` realizes every stage whatever its name; ``pjm2025-dom``, written for
Dominion's stages, is refused for a zone with others rather than drawing them under a PJM
label."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from forecasting.errors import InputError
from forecasting.zones.pipeline_sampling import sample_new_load
from forecasting.zones.pipeline_table import pipeline_by_stage
from forecasting.zones.read import read_large_loads, read_zone_inputs
from forecasting.zones.scenarios import PIPELINE_RULES

START = pd.Period("2021-01", "M")
STAGES = ("Approved to energize", "Planning studies approved", "Under review")
SHARED = """delay_months,,0,3,6,test,U
ramp_months,,12,12,12,test,U
utilization,,0.7,0.7,0.7,test,U
connection_limit_mw_per_year,,5000,5000,5000,test,U
diurnal_amplitude,,0,0,0,test,U
summer_uplift,,0,0,0,test,U
"""


def _queue(folder, *, realization=None, contract_stages=STAGES):
    folder.mkdir(parents=True, exist_ok=True)
    realization = realization or {STAGES[0]: (0.9, 0.95, 1.0), STAGES[1]: (0.4, 0.5, 0.6),
                                  STAGES[2]: (0.05, 0.1, 0.2)}
    rows = "".join(f"realization,{stage},{lo},{mode},{hi},test,U\n"
                   for stage, (lo, mode, hi) in realization.items())
    (folder / "assumptions.csv").write_text(
        "parameter,stage,low,mode,high,source,confidence\n" + rows + SHARED)
    (folder / "contracts.csv").write_text(
        "project,stage,contracted_mw,as_of,earliest_in_service,source,confidence\n"
        + "".join(f"site-{i},{stage},{1000 * (i + 1)},2024-12,2025-0{i + 1},test,U\n"
                  for i, stage in enumerate(contract_stages)))
    return folder


def test_a_queue_with_its_own_stage_names_is_read_in_its_order(tmp_path):
    contracts, assumptions = read_large_loads(_queue(tmp_path / "q"), START)
    assert assumptions.stages == STAGES
    assert [c.stage for c in contracts] == list(STAGES)
    table = pipeline_by_stage(contracts, assumptions,
                              {s: PIPELINE_RULES[s] for s in ("vetted", "all-requests")})
    vetted = table[table["scenario"] == "vetted"].set_index("stage")
    assert list(vetted.index) == list(STAGES)
    # expected MW at full ramp = contracted x the stage's mean realization x utilization
    assert vetted.loc[STAGES[1], "expected_mw"] == pytest.approx(2000 * 0.5 * 0.7)
    every = table[table["scenario"] == "all-requests"].set_index("stage")
    assert every["expected_mw"].to_numpy() == pytest.approx([700.0, 1400.0, 2100.0])


def test_all_requests_realizes_every_stage_of_any_name(tmp_path):
    contracts, assumptions = read_large_loads(_queue(tmp_path / "q"), START)
    months = pd.period_range("2025-01", "2030-12", freq="M")
    new = sample_new_load(contracts, assumptions, months, 50, np.random.default_rng(3),
                          PIPELINE_RULES["all-requests"])
    # every contract realized, no limit, utilization 0.7: 6,000 x 0.7 once ramped
    assert new[:, -1] == pytest.approx(np.full(50, 6000 * 0.7))


def test_a_contract_stage_without_a_realization_row_is_refused_naming_the_stages(tmp_path):
    folder = _queue(tmp_path / "q", contract_stages=(STAGES[0], "Signed LOA", STAGES[2]))
    with pytest.raises(InputError) as caught:
        read_large_loads(folder, START)
    err = caught.value
    assert err.file.endswith("contracts.csv") and (err.row, err.field) == (2, "stage")
    assert "'Signed LOA' has no realization row" in err.message
    assert STAGES[1] in err.message


def test_a_stage_spelt_in_another_case_is_named(tmp_path):
    folder = _queue(tmp_path / "q", contract_stages=(STAGES[0], STAGES[1].upper(), STAGES[2]))
    with pytest.raises(InputError) as caught:
        read_large_loads(folder, START)
    assert f"is spelt '{STAGES[1]}'" in caught.value.message
    twice = {"ESA": (0.7, 0.8, 0.9), "esa": (0.1, 0.2, 0.3)}
    folder = _queue(tmp_path / "r", realization=twice, contract_stages=("ESA",))
    with pytest.raises(InputError) as caught:
        read_large_loads(folder, START)
    err = caught.value
    assert err.file.endswith("assumptions.csv") and (err.row, err.field) == (2, "stage")


def test_the_pjm_dominion_scenario_is_refused_for_other_stages(tmp_path):
    hours = pd.date_range("2021-01-01", "2024-12-31 23:00", freq="h")
    pd.DataFrame({"when": hours.strftime("%Y-%m-%d %H:%M:%S"),
                  "mw": np.full(len(hours), 900.0)}).to_csv(tmp_path / "z.csv", index=False)
    _queue(tmp_path / "q")
    config = SimpleNamespace(series=["z.csv"], area=None, series_timezone="UTC", column=None,
                             large_loads="q", scenarios=["vetted", "pjm2025-dom"])
    with pytest.raises(InputError) as caught:
        read_zone_inputs(config, tmp_path)
    err = caught.value
    assert err.file.endswith("assumptions.csv") and err.field == "stage"
    assert "pjm2025-dom" in err.message and "leave pjm2025-dom out" in err.message
    config.scenarios = ["vetted", "all-requests"]
    _, (contracts, assumptions) = read_zone_inputs(config, tmp_path)
    assert assumptions.stages == STAGES
