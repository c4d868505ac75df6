"""pipeline.csv's `full_ramp_by` is the month a stage's expected MW is all in as the sampled
paths connect and ramp it (the connection limit spreading a large pipeline over years), not
the stage's earliest contract's in-service month plus the ramp: the fuzzed zone's 5,800 MW
of letters of intent had said "full ramp by 2029-11" at 900-2,000 MW a year, which the
forecast reached around 2035. Synthetic contracts; `pipeline_by_stage` and
`sample_new_load` called directly, no zone run."""

import numpy as np
import pandas as pd
import pytest

from forecasting.zones.large_loads import Assumptions, Contract, Triangular
from forecasting.zones.pipeline_sampling import PipelineRules, sample_new_load
from forecasting.zones.pipeline_table import pipeline_by_stage
from forecasting.zones.scenarios import PIPELINE_RULES

LIMIT = Triangular(900, 1200, 2000)


def assumptions(limit: Triangular = LIMIT, fixed: bool = False) -> Assumptions:
    """The fuzzed zone's assumptions (Dominion's ranges); ``fixed``: every one at its mean
    (low = mode = high), so a sampled path is the table's mean path."""
    ranges = {"ESA": (0.7, 0.85, 1.0), "CLOA": (0.35, 0.55, 0.8), "SELOA": (0.05, 0.1, 0.2)}

    def t(low, mode, high):
        return Triangular(*[(low + mode + high) / 3.0] * 3) if fixed else \
            Triangular(low, mode, high)
    return Assumptions(realization={s: t(*r) for s, r in ranges.items()},
                       delay_months=t(0, 6, 12), ramp_months=t(24, 36, 60),
                       utilization=t(0.5, 0.7, 0.86),
                       connection_limit_mw_per_year=t(limit.low, limit.mode, limit.high),
                       diurnal_amplitude=t(0, 0.03, 0.06), summer_uplift=t(0, 0.03, 0.06))


def month(text: str) -> pd.Period:
    return pd.Period(text, "M")


CONTRACTS = [Contract("w-esa-old", "ESA", 800.0, month("2023-06")),
             Contract("w-esa-new", "ESA", 1500.0, month("2025-03")),
             Contract("w-loi-huge", "SELOA", 50000.0, month("2026-01")),
             Contract("w-zero", "CLOA", 0.0, month("2025-06"))]
RULES = {s: PIPELINE_RULES[s] for s in ("vetted", "all-requests", "pjm2025-dom")}


def test_full_ramp_counts_the_latest_contract_and_the_connection_limit():
    table = pipeline_by_stage(CONTRACTS, assumptions(), RULES).set_index(["scenario", "stage"])
    vetted = table.loc["vetted"]
    # ESA: the 1,500 MW contract in service 2025-09 and connected by 2026-08 at 1,367
    # MW/yr, then its 40-month ramp (weight 1 in its 40th month)
    assert vetted.loc["ESA", "full_ramp_by"] == "2029-11"
    # SELOA's 5,833 MW realized wait behind ESA's and take over four years to connect
    assert vetted.loc["SELOA", "full_ramp_by"] == "2034-02"
    assert vetted.loc["ESA", "connection_limit_mw_per_year"] == pytest.approx(4100 / 3)
    assert vetted.loc["CLOA", "full_ramp_by"] == "" and vetted.loc["CLOA", "note"] == \
        "no load expected"
    assert vetted.loc["ESA", "in_service"] == "2023-12"  # the earliest contract, as before
    # no limit: each stage's latest contract's in-service month plus the ramp
    every = table.loc["all-requests"]
    assert every.loc["ESA", "full_ramp_by"] == "2028-12"
    assert every.loc["SELOA", "full_ramp_by"] == "2029-10"
    assert np.isnan(every.loc["ESA", "connection_limit_mw_per_year"])
    # PJM's non-firm rule: SELOA's share from 2030, then its 36-month ramp
    pjm = table.loc["pjm2025-dom"]
    assert pjm.loc["SELOA", "full_ramp_by"] == "2032-12"
    assert pjm.loc["SELOA", "note"] == "0 before 2030, 0.5 from 2030"


@pytest.mark.parametrize("scenario", ["vetted", "all-requests"])
def test_the_sampled_mean_path_reaches_the_expected_load_in_the_full_ramp_month(scenario):
    """With every assumption fixed at its mean, the sampled new load reaches the stages'
    expected MW in the last stage's full_ramp_by, not a month before; the ESA stage alone
    (first in the queue) in its own."""
    fixed = assumptions(fixed=True)
    table = pipeline_by_stage(CONTRACTS, fixed, {scenario: RULES[scenario]})
    months = pd.period_range("2023-01", "2045-12", freq="M")
    for contracts, stages in ((CONTRACTS, ["ESA", "SELOA"]), (CONTRACTS[:2], ["ESA"])):
        rows = table[table["stage"].isin(stages)]
        load = sample_new_load(contracts, fixed, months, 2, np.random.default_rng(0),
                               RULES[scenario])[0]
        at = months.get_loc(month(max(rows["full_ramp_by"])))
        expected = rows["expected_mw"].sum()
        assert load[at] == pytest.approx(expected, rel=1e-9)
        assert load[at - 1] < expected * (1 - 1e-6)


def test_a_limit_that_cannot_connect_the_pipeline_says_so():
    for limit in (Triangular(0, 0, 0), Triangular(0.001, 0.001, 0.001)):
        table = pipeline_by_stage(CONTRACTS[:3], assumptions(limit), {"vetted": PipelineRules()})
        assert (table["full_ramp_by"] == "").all()
        assert table["note"].str.startswith("not at full ramp by 2200-12 at a connection "
                                            "limit of 0 MW/yr").all()
