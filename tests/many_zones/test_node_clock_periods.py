"""A many-zone node's years and months are on its clock (its BA's time zone, or the shared
clock of a total's zones: `forecasting.many_zones.plan.node_settings`), not UTC's (fuzz 11b
D1): for a Pacific zone the evening of Dec 31 local is January in UTC, so its year's
peak and energy were the next year's; and a node's average MW is its energy over its own
months' hours (743 in a Pacific March)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.many_zones.assemble import _energy_rows
from forecasting.many_zones.node_task import NodeTask, run_node
from forecasting.zones.config import BacktestConfig, ZoneSettings

CLOCK = "America/Los_Angeles"
SPIKE = pd.Timestamp("2022-01-01 02:00", tz="UTC")  # 18:00 PST on Dec 31, 2021
PEAK = 1100.0  # above every other hour of A (at most 800 x 1.3)


def _load(level: float) -> pd.Series:
    hours = pd.date_range("2021-01-01 08:00", "2024-01-01 07:00", freq="h", tz="UTC")
    t = np.arange(len(hours))
    load = level * (1 + 0.2 * np.sin(2 * np.pi * t / 24)
                    + 0.1 * np.cos(2 * np.pi * hours.dayofyear.to_numpy() / 365.25))
    return pd.Series(load, index=hours).round(1)


def _write(path, load: pd.Series):
    pd.DataFrame({"when": load.index.strftime("%Y-%m-%d %H:%M"), "mw": load.to_numpy()}
                 ).to_csv(path, index=False)
    return str(path)


SETTINGS = ZoneSettings(timezone=CLOCK, n_paths=20, end_year=2025, profile_year=2025,
                        backtest=BacktestConfig(candidates=["seasonal_naive"],
                                                peers=["seasonal_naive"], n_paths=20))


@pytest.mark.slow
def test_a_zone_and_a_total_take_their_years_on_the_nodes_clock(tmp_path):
    a, b = _load(800.0), _load(300.0)
    a[SPIKE], b[SPIKE] = PEAK, 420.0  # and of A + B (at most 1,100 x 1.3)
    files = (_write(tmp_path / "A.csv", a), _write(tmp_path / "B.csv", b))
    zone = run_node(NodeTask("A", "zone", ("A",), files[:1], settings=SETTINGS))
    assert zone.ok, zone.reason
    history = zone.history.set_index("period")
    local = a.index.tz_convert(CLOCK)
    assert history.loc["2021", "peak_mw"] == PEAK and history.loc["2022", "peak_mw"] < PEAK
    assert history.loc["2022", "energy_gwh"] == pytest.approx(
        a[local.year == 2022].sum() / 1000.0, rel=1e-12)
    assert history.loc["2022", "hours"] == 8760
    assert zone.clock == CLOCK

    total = run_node(NodeTask("T", "ba", ("A", "B"), files, children=(("A", ("A",)),
                                                                      ("B", ("B",))),
                              settings=SETTINGS))
    assert total.ok, total.reason
    years = total.year_peaks
    assert years.loc[pd.Period("2021", "Y"), "peak_mw"] == pytest.approx(PEAK + 420.0)
    coincidence = total.coincidence.set_index("year")
    assert coincidence.loc[2021, "peak_mw"] == pytest.approx(PEAK + 420.0)
    both = (a + b)[local.year == 2022]
    assert total.history.set_index("period").loc["2022", "energy_gwh"] == pytest.approx(
        both.sum() / 1000.0, rel=1e-12)


def test_a_nodes_average_mw_is_its_energy_over_its_own_months_hours():
    months = pd.period_range("2030-01", "2030-12", freq="M")
    energy = {"total": np.full((4, 12), 743.0)}
    rows = _energy_rows("T", months, energy, CLOCK).set_index(["period", "metric"])
    assert rows.loc[("2030-03", "avg_mw"), "p50"] == pytest.approx(1000.0)  # 743 hours
    assert rows.loc[("2030-01", "avg_mw"), "p50"] == pytest.approx(743.0 / 744 * 1000)
    assert rows.loc[("2030", "avg_mw"), "p50"] == pytest.approx(743.0 * 12 / 8760 * 1000)
    utc = _energy_rows("T", months, energy).set_index(["period", "metric"])
    assert utc.loc[("2030-03", "avg_mw"), "p50"] == pytest.approx(743.0 / 744 * 1000)
