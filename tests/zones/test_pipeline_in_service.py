"""pipeline.csv's `in_service` is the month a stage's load first arrives in the forecast: a
stage the scenario holds back (pjm2025-dom's SELOA, "0 before 2030") is in service when its
share turns positive, not at its contracts' date (it said 2026-01 while the forecast had no
SELOA load before 2030-01). Synthetic contracts; `pipeline_by_stage` checked against
`sample_new_load`, no zone run."""

import numpy as np
import pandas as pd

from forecasting.zones.large_loads import Assumptions, Contract, Triangular
from forecasting.zones.pipeline_sampling import sample_new_load
from forecasting.zones.pipeline_table import pipeline_by_stage
from forecasting.zones.scenarios import PIPELINE_RULES

MONTHS = pd.period_range("2025-01", "2033-12", freq="M")


def _assumptions() -> Assumptions:
    t = Triangular
    return Assumptions(realization={"ESA": t(0.7, 0.85, 1.0), "CLOA": t(0.35, 0.55, 0.8),
                                    "SELOA": t(0.1, 0.25, 0.5)},
                       delay_months=t(0, 6, 12), ramp_months=t(24, 36, 60),
                       utilization=t(0.5, 0.7, 0.86),
                       connection_limit_mw_per_year=t(900, 1200, 2000),
                       diurnal_amplitude=t(0, 0, 0), summer_uplift=t(0, 0, 0))


def _first_load_month(contracts, rule) -> str:
    load = sample_new_load(contracts, _assumptions(), MONTHS, 5, np.random.default_rng(0),
                           rule)
    return str(MONTHS[int(np.argmax(load.max(axis=0) > 0))])


def test_a_stage_held_back_by_the_rule_is_in_service_when_its_load_arrives():
    seloa = [Contract("s1", "SELOA", 1000.0, pd.Period("2026-01", "M"))]
    rule = PIPELINE_RULES["pjm2025-dom"]
    table = pipeline_by_stage(seloa, _assumptions(), {"pjm2025-dom": rule})
    assert table.loc[0, "in_service"] == _first_load_month(seloa, rule) == "2030-01"
    assert table.loc[0, "earliest_in_service"] == "2026-01"  # the contract's own date kept


def test_a_firm_stage_is_still_in_service_at_its_contract_date():
    esa = [Contract("e1", "ESA", 100.0, pd.Period("2026-01", "M"))]
    rule = PIPELINE_RULES["pjm2025-dom"]
    table = pipeline_by_stage(esa, _assumptions(), {"pjm2025-dom": rule})
    assert table.loc[0, "in_service"] == _first_load_month(esa, rule) == "2026-01"
