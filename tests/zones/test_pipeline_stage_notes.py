"""pipeline.csv's note on contracts dated inside the history is each stage row's own: what
of that stage's reach by the history's end the existing level holds (it had been the whole
queue's, copied onto every stage row: fuzz 11c D8)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from forecasting.zones.large_loads import DOMINION_STAGES, parse_contracts
from forecasting.zones.pipeline_sampling import PipelineRules, history_reach_mw
from forecasting.zones.pipeline_table import pipeline_by_stage
from forecasting.zones.read import read_large_loads, read_table

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "zones" / "pjm_dom"
START, FIRST = pd.Period("2005-05", "M"), pd.Period("2025-01", "M")
HEAD = "project,stage,contracted_mw,as_of,earliest_in_service,source,confidence"


def test_each_stage_row_says_what_of_its_own_reach_the_level_holds(tmp_path):
    assumptions = read_large_loads(SHIPPED, START)[1]
    rules = {"vetted": PipelineRules(delay_months=0)}
    (tmp_path / "contracts.csv").write_text("\n".join([
        HEAD, "a,ESA,500,2024-01,2024-03,list,U", "b,CLOA,800,2024-01,2024-09,list,U",
        "c,SELOA,1500,2024-01,2031-01,list,U", ""]), encoding="utf-8")
    contracts = parse_contracts(*read_table(tmp_path / "contracts.csv"), START,
                                stages=DOMINION_STAGES)
    esa_reach = history_reach_mw(contracts[:1], assumptions, rules["vetted"],
                                 first_month=FIRST)
    table = pipeline_by_stage(contracts, assumptions, rules, first_month=FIRST,
                              measured_mw=esa_reach).set_index("stage")
    assert "holds all of it" in table.loc["ESA", "note"]
    assert f"reach {esa_reach:,.0f} MW by 2024-12" in table.loc["ESA", "note"]
    assert "none of it is taken as in the measured load" in table.loc["CLOA", "note"]
    assert "this stage's contracts so dated" in table.loc["CLOA", "note"]
    assert "inside the history" not in table.loc["SELOA", "note"]  # in service in 2031


def test_a_campus_the_level_holds_is_not_said_to_be_built_or_not_alone(tmp_path):
    """A campus dated inside the history keeps the stage's mean share for the part the level
    holds (a stated limitation); its stage's note says so instead of 'built in full or not
    at all' alone (fuzz 11c D3)."""
    assumptions = read_large_loads(SHIPPED, START)[1]
    rules = {"vetted": PipelineRules(delay_months=0)}
    (tmp_path / "contracts.csv").write_text("\n".join([
        HEAD + ",kind", "a,ESA,500,2024-01,2024-03,list,U,campus",
        "b,CLOA,800,2024-01,2027-09,list,U,campus", ""]), encoding="utf-8")
    contracts = parse_contracts(*read_table(tmp_path / "contracts.csv"), START,
                                stages=DOMINION_STAGES)
    table = pipeline_by_stage(contracts, assumptions, rules, first_month=FIRST,
                              measured_mw=5000.0).set_index("stage")
    assert "the existing level holds keeps the stage's mean share" in table.loc["ESA", "note"]
    assert "mean share" not in table.loc["CLOA", "note"]
    assert "built in full or not at all" in table.loc["CLOA", "note"]
