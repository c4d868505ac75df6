"""A contract dated inside the history whose load the existing level the scenarios carry
cannot hold is added, beyond that level, from the forecast's first month, and pipeline.csv
says so on its row; one whose load the level can hold keeps the rest of its ramp, the row
saying how much is taken as measured.

Fuzz round 5 (D2): PJM-AP, whose decomposition shows at most 525 MW of data-center load, with
a 3,000 MW ESA contract in service in the history's last month (ramp 1): the forecast added
nothing (all of it "already in the measured load") while pipeline.csv said 3,000 MW expected,
at full ramp by 2024-12, no note. Synthetic contracts; `sample_new_load` and
`pipeline_by_stage` called directly, no zone run."""

import io

import numpy as np
import pandas as pd
import pytest

from forecasting.zones.history import hours_in
from forecasting.zones.large_loads import Assumptions, Contract, Triangular
from forecasting.zones.pipeline_sampling import (
    PipelineRules,
    measured_data_center_mw,
    sample_new_load,
)
from forecasting.zones.pipeline_table import pipeline_by_stage

MONTHS = pd.period_range("2025-01", "2026-12", freq="M")  # the history ends 2024-12
RULES = PipelineRules(realization={"ESA": 1.0, "CLOA": 1.0, "SELOA": 1.0}, utilization=1.0,
                      delay_months=0, limit=False)


def assumptions(ramp: float) -> Assumptions:
    one = Triangular(1.0, 1.0, 1.0)
    return Assumptions(realization={"ESA": one, "CLOA": one, "SELOA": one},
                       delay_months=Triangular(0, 0, 0), ramp_months=Triangular(ramp, ramp, ramp),
                       utilization=one, connection_limit_mw_per_year=Triangular(1e5, 1e5, 1e5),
                       diurnal_amplitude=Triangular(0, 0, 0), summer_uplift=Triangular(0, 0, 0))


def new_load(contracts, ramp: float, measured_mw: float) -> np.ndarray:
    return sample_new_load(contracts, assumptions(ramp), MONTHS, 4, np.random.default_rng(0),
                           RULES, measured_mw=measured_mw)


def row(contracts, ramp: float, measured_mw: float) -> pd.Series:
    table = pipeline_by_stage(contracts, assumptions(ramp), {"vetted": RULES},
                              first_month=MONTHS[0], measured_mw=measured_mw)
    return table.set_index("stage").loc["ESA"]


def test_a_contract_in_the_last_history_month_the_history_does_not_show_is_added_in_full():
    """The 525 MW level carried is at most 525 MW of it: the rest is added (the existing
    level + new load is the whole contract; it was 0 added in every month, then, judged all
    or nothing, 3,000 MW on top of the 525)."""
    esa = [Contract("esa-dec", "ESA", 3000.0, pd.Period("2024-12", "M"))]
    new = new_load(esa, ramp=1, measured_mw=525.0)
    np.testing.assert_allclose(new, 3000.0 - 525.0)
    r = row(esa, ramp=1, measured_mw=525.0)
    assert r["expected_mw"] == pytest.approx(3000.0)
    assert (r["earliest_in_service"], r["in_service"], r["full_ramp_by"]) == \
        ("2024-12", "2024-12", "2025-01")
    assert "3,000 MW" in r["note"] and "525 MW" in r["note"]
    assert "added in full on its ramp from 2025-01" in r["note"]
    r = row(esa, ramp=1, measured_mw=0.0)  # nothing carried: all of it from 2025-01
    assert r["in_service"] == "2025-01" and "added in full from 2025-01" in r["note"]


def test_a_delayed_contract_restarts_its_ramp_at_the_forecast_start():
    """The tester's q2: 5,000 MW from 2024-06 on a 12-month ramp had 7/12 dropped."""
    esa = [Contract("esa-delayed", "ESA", 5000.0, pd.Period("2024-06", "M"))]
    new = new_load(esa, ramp=12, measured_mw=0.0)
    np.testing.assert_allclose(new[0, :12], 5000.0 * np.arange(1, 13) / 12)
    assert new[0, -1] == pytest.approx(5000.0)  # was 5000 x 5/12 = 2,083
    assert row(esa, ramp=12, measured_mw=0.0)["full_ramp_by"] == "2025-12"


def test_a_zone_whose_history_shows_no_data_center_load_adds_every_contract_in_full():
    """``data_center: none`` (0 MW shown), or a caller that gives no measured load: nothing
    is in the measured load, however small."""
    esa = [Contract("small", "ESA", 10.0, pd.Period("2024-10", "M"))]
    assert new_load(esa, ramp=1, measured_mw=0.0)[0, 0] == pytest.approx(10.0)
    new = sample_new_load(esa, assumptions(1), MONTHS, 2, np.random.default_rng(0), RULES)
    assert new[0, 0] == pytest.approx(10.0)
    r = pipeline_by_stage(esa, assumptions(1), {"vetted": RULES}, first_month=MONTHS[0]).iloc[0]
    assert r["in_service"] == "2025-01" and "added in full from 2025-01" in r["note"]
    future = [Contract("later", "ESA", 10.0, pd.Period("2025-03", "M"))]
    r = pipeline_by_stage(future, assumptions(1), {"vetted": RULES}, first_month=MONTHS[0])
    assert (r.loc[0, "in_service"], r.loc[0, "note"]) == ("2025-03", "")


def test_a_contract_the_history_can_hold_adds_only_the_rest_of_its_ramp_and_says_so():
    esa = [Contract("campus", "ESA", 1200.0, pd.Period("2024-07", "M"))]
    new = new_load(esa, ramp=24, measured_mw=525.0)  # 6/24 of 1,200 = 300 MW reached
    assert new[0, -1] == pytest.approx(900.0)
    r = row(esa, ramp=24, measured_mw=525.0)
    assert (r["in_service"], r["full_ramp_by"]) == ("2024-07", "2026-06")
    assert "300 MW" in r["note"] and "taken as in the measured load" in r["note"]


def test_paths_whose_delay_alone_puts_a_contract_in_the_history_take_it_as_not_connected():
    """On the mean path (delay 6 months) the 2024-10 contract starts 2025-04, after the
    history: nothing of it is taken as measured, so a path drawing a shorter delay adds all of
    it too (it had subtracted the months of ramp that delay put inside the history)."""
    esa = [Contract("late", "ESA", 1200.0, pd.Period("2024-10", "M"))]
    a = assumptions(24)
    a = Assumptions(**{**a.__dict__, "delay_months": Triangular(0, 6, 12)})
    rules = PipelineRules(realization=RULES.realization, utilization=1.0, limit=False)
    months = pd.period_range("2025-01", "2028-12", freq="M")
    new = sample_new_load(esa, a, months, 200, np.random.default_rng(1), rules,
                          measured_mw=10_000.0)
    np.testing.assert_allclose(new[:, -1], 1200.0)  # was down to 1,050 on short delays
    r = pipeline_by_stage(esa, a, {"vetted": rules}, first_month=months[0],
                          measured_mw=10_000.0).iloc[0]
    assert (r["in_service"], r["note"]) == ("2025-04", "")


def test_the_measured_load_is_the_level_the_history_ends_on():
    """A load ramping 100 MW a month through the last year, its interval +/- 50 MW: the
    scenarios carry its December level, 1,100 MW, not the interval's top (1,150, fuzz 10b
    D1; the mean of the interval's top over the 12 months had been 600 MW, below what the
    history ends on); the months before the last 12 and the annual rows are not read."""
    months = pd.period_range("2023-07", "2024-12", freq="M")
    point = [9e9] * 6 + [100.0 * k for k in range(12)]
    table = pd.DataFrame({"period": ["2023", "2024"] + [str(m) for m in months],
                          "data_center_mw": [9e9, 9e9] + point,
                          "data_center_high_mw": [9e9, 9e9] + [p + 50.0 for p in point]})
    assert measured_data_center_mw(table, first_month=MONTHS[0]) == pytest.approx(1100.0)


ASSUMPTIONS_CSV = """parameter,stage,low,mode,high,source,confidence
realization,ESA,1,1,1,test,U
realization,CLOA,1,1,1,test,U
realization,SELOA,1,1,1,test,U
delay_months,,0,0,0,test,U
ramp_months,,1,1,1,test,U
utilization,,1,1,1,test,U
connection_limit_mw_per_year,,100000,100000,100000,test,U
diurnal_amplitude,,0,0,0,test,U
summer_uplift,,0,0,0,test,U
"""


def test_a_zone_run_adds_what_its_pipeline_table_says(tmp_path):
    """Through a zone run (synthetic 5,000 MW zone without data-center growth, history to
    2024-12): the 3,000 MW contract in service 2024-12 is in the forecast's new data-center
    load from 2025-01, as pipeline.csv and its note say (the tester's q3: 0 MW added)."""
    from forecasting.zones.compute import compute_zone_run
    from forecasting.zones.tables import zone_tables
    from tests.zones.synthetic import hourly_load, write_load

    write_load(tmp_path / "zone.csv", hourly_load(5000.0, start="2022-01-01"))
    (tmp_path / "ll").mkdir()
    (tmp_path / "ll" / "contracts.csv").write_text(
        "project,stage,contracted_mw,as_of,earliest_in_service,source,confidence\n"
        "esa-dec,ESA,3000,2024-12,2024-12,test,U\n")
    (tmp_path / "ll" / "assumptions.csv").write_text(ASSUMPTIONS_CSV)
    config = tmp_path / "zone.yaml"
    config.write_text(
        f"region: SYN\nseries: [{tmp_path / 'zone.csv'}]\nlarge_loads: {tmp_path / 'll'}\n"
        "scenarios: [vetted]\nend_year: 2025\nprofile_year: 2025\nn_paths: 20\n"
        "backtest: {candidates: [seasonal_naive], peers: [seasonal_naive], n_paths: 10}\n")
    computed = compute_zone_run(config)
    table = pd.read_csv(io.StringIO(zone_tables(computed)["pipeline.csv"]),
                        dtype=str, keep_default_na=False).iloc[0]
    level = measured_data_center_mw(computed.run.decomposition, first_month=MONTHS[0])
    assert level < 300.0  # a zone without data-center growth carries little
    # the level the report states (fuzz 10b D7) is the one the contract is measured against
    assert float(table["existing_level_mw"]) == pytest.approx(level)
    assert table["existing_level_month"] == "2024-12"
    assert table["full_ramp_by"] == "2025-01"
    assert float(table["expected_mw"]) == pytest.approx(3000.0)
    assert "added in full" in table["note"] and f"{level:,.0f} MW" in table["note"]
    months = pd.period_range("2025-01", "2025-12", freq="M")
    # the zone's months are on its clock (America/New_York by default): 743 hours in March
    hours = hours_in(months, computed.config.timezone)
    new_mw = computed.run.paths["vetted"]["new_data_center_gwh"] * 1000.0 / hours
    # was 0: "already in the measured load"; only the level carried is taken out of it
    np.testing.assert_allclose(new_mw, 3000.0 - level)
