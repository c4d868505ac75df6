"""The pipeline scenarios carry the data-center load the history ENDS on (fuzz 9a D2, D7, D9).

A synthetic zone (`synthetic.hourly_load` with a seeded day-to-day scatter, history 2017-2024,
reference years 2017-2021) gets a known flat block growing linearly from 0 MW at 2023-01-01
to 1,000 MW at 2024-12-31. Held at its last-12-month mean the block was carried at about
750 MW (D2); listed as a contract that reaches 1,000 MW by 2024-12, it was compared with the
12-month mean of the interval's top and added a second time (D9). A zone without a block has
an interval clipped at 0, whose uniform draw had its median at the clipped interval's middle,
not at the estimate (D7)."""

import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.zones.existing_load import ExistingLoad
from tests.zones.synthetic import hourly_load, write_load

BLOCK_MW = 1000.0
#: sd of a day's level around the cycle: the weather-like scatter the interval measures
SCATTER_MW = 200.0
RAMP_START, RAMP_END = pd.Timestamp("2023-01-01"), pd.Timestamp("2024-12-31 23:00")
#: the block's average in the history's last month, 2024-12: the truth at the history's end
BLOCK_END_MW = BLOCK_MW * (1 - 0.5 * 31 * 24 / ((RAMP_END - RAMP_START) / pd.Timedelta("1h")))

ASSUMPTIONS_CSV = """parameter,stage,low,mode,high,source,confidence
realization,ESA,1,1,1,test,U
delay_months,,0,0,0,test,U
ramp_months,,24,24,24,test,U
utilization,,0.5,0.5,0.5,test,U
connection_limit_mw_per_year,,100000,100000,100000,test,U
diurnal_amplitude,,0,0,0,test,U
summer_uplift,,0,0,0,test,U
"""
HEADER = "project,stage,contracted_mw,as_of,earliest_in_service,source,confidence\n"
FAR = "far,ESA,100,2024-12,2099-01,test,U\n"  # nothing new before the forecast ends
LISTED = "block,ESA,2000,2024-12,2023-01,test,U\n"  # the block itself: 2,000 x 0.5, 24 months


def zone_run(folder, *, block: bool, contracts: str, n_paths: int = 200):
    """The zone's run in memory (`compute_zone_run`), vetted only, forecast 2025."""
    from forecasting.zones.compute import compute_zone_run

    load = hourly_load(3000.0, start="2017-01-01")
    days = load.index.normalize()
    scatter = np.random.default_rng(7).normal(0.0, SCATTER_MW, len(days.unique()))
    load = load + pd.Series(scatter, index=days.unique()).reindex(days).to_numpy()
    if block:
        ramp = ((load.index - RAMP_START) / (RAMP_END - RAMP_START)).to_numpy().clip(0, 1)
        load = load + BLOCK_MW * ramp
    write_load(folder / "zone.csv", load)
    (folder / "ll").mkdir()
    (folder / "ll" / "contracts.csv").write_text(HEADER + contracts)
    (folder / "ll" / "assumptions.csv").write_text(ASSUMPTIONS_CSV)
    config = folder / "zone.yaml"
    config.write_text(
        f"region: SYN\nseries: [{folder / 'zone.csv'}]\nlarge_loads: {folder / 'll'}\n"
        "scenarios: [vetted]\nreference_years: [2017, 2021]\nend_year: 2025\n"
        f"profile_year: 2025\nn_paths: {n_paths}\n"
        "backtest: {candidates: [seasonal_naive], peers: [seasonal_naive], n_paths: 10, "
        "first_origin: '2024-06'}\n")
    return compute_zone_run(config)


def vetted_data_center_2025(computed, column: str = "p50") -> float:
    f = computed.run.forecast
    row = f[(f.scenario == "vetted") & (f.component == "data_center") & (f.period == "2025")
            & (f.metric == "avg_mw")]
    return float(row[column].iloc[0])


def test_a_block_that_grew_during_the_last_year_is_carried_at_its_end_level(tmp_path):
    """The 1,000 MW block (979 MW in 2024-12) is carried at its end, within 10% (the
    decomposition's month-to-month scatter read through a line); at the 12-month mean it was
    about 750 MW (25% low)."""
    computed = zone_run(tmp_path, block=True, contracts=FAR)
    assert vetted_data_center_2025(computed) == pytest.approx(BLOCK_END_MW, rel=0.10)
    np.testing.assert_allclose(computed.run.paths["vetted"]["new_data_center_gwh"], 0.0)


def test_a_listed_block_the_history_holds_is_not_counted_twice(tmp_path):
    """The planner lists the block (2,000 MW at 50%, 24-month ramp from 2023-01: 1,000 MW by
    2024-12, the history's end): the level carried holds about all of it, only what the
    level falls short of the contract's 1,000 MW is added (`pipeline_sampling`: f = level /
    reach), and the vetted data-center load is the block's end level, not that plus the
    block again (it had been about 750 + 1,000 MW)."""
    computed = zone_run(tmp_path, block=True, contracts=LISTED)
    hours = 24.0 * np.asarray(pd.period_range("2025-01", "2025-12", freq="M").days_in_month)
    new_mw = computed.run.paths["vetted"]["new_data_center_gwh"] * 1000.0 / hours
    assert (new_mw >= -1e-9).all() and new_mw.max() < 0.1 * BLOCK_MW
    assert vetted_data_center_2025(computed) == pytest.approx(BLOCK_END_MW, rel=0.10)
    from forecasting.zones.tables import zone_tables

    table = pd.read_csv(io.StringIO(zone_tables(computed)["pipeline.csv"]), dtype=str,
                        keep_default_na=False).iloc[0]
    assert "taken as in the measured load" in table["note"]


def end_level(decomposition: pd.DataFrame) -> float:
    """The line through the last 12 monthly estimates, read at the last (at least 0)."""
    months = decomposition[decomposition["period"].str.len() == 7].tail(12)
    x = np.arange(12.0)
    slope, intercept = np.polyfit(x, months["data_center_mw"].to_numpy(), 1)
    return max(intercept + slope * 11.0, 0.0)


def test_a_clipped_interval_is_drawn_about_the_estimate_not_its_clipped_middle(tmp_path):
    """No block: the estimate is near 0 and its interval reaches well below 0. The vetted
    data-center P50 is the estimate (within the 200 draws' sampling error), where the draw
    over the clipped interval put it at the interval's middle (here about 50% higher)."""
    computed = zone_run(tmp_path, block=False, contracts=FAR)
    months = computed.run.decomposition
    months = months[months["period"].str.len() == 7].tail(12)
    half = float((months["data_center_high_mw"] - months["data_center_mw"]).mean())
    level = end_level(computed.run.decomposition)
    assert level - half < 0.0  # the interval reaches below 0: the case of the test
    assert vetted_data_center_2025(computed) == pytest.approx(level, abs=0.1 * half)


@settings(max_examples=60, deadline=None)
@given(level=st.floats(0.0, 5000.0), half=st.floats(0.0, 5000.0))
def test_the_existing_draws_median_is_the_level_for_any_interval(level, half):
    draws = ExistingLoad(level, half).draw(20_001, np.random.default_rng(0))
    assert draws.min() >= 0.0
    assert np.median(draws) == pytest.approx(level, abs=0.02 * half + 1e-9)
