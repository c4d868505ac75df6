"""A winter-peaking node's summer 90/10 is never raised to its winter-driven annual peak P50.
Found by fuzzing (12a D1) a many-zone run of PSEI, AVA, SWPP-LES and SWPP-KACY to 2030: since
winters are filed under December's year, the last forecast year had only its summer row under
it, and the floor "a year's larger 90/10 is at least its annual P50" put PSEI's summer 2030
90/10 at 5,106 MW (2029: 4,540; its own zone run 4,553). The floor now compares the annual P50
with summer Y and winter Y-1/Y, whose January and February are the year's."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.hierarchy.tree import build_hierarchy
from forecasting.many_zones.coherent_peaks import coherent_season_peaks
from forecasting.zones.weather_years import PEAKS_COLUMNS

MONTHS = pd.period_range("2025-01", "2026-12", freq="M")
P50 = {2025: 1000.0, 2026: 1010.0}   # each year's annual peak P50, own and published


def seasons(summer: float, winter: float, winters=(2024, 2025)) -> pd.DataFrame:
    """A zone's own peaks.csv rows: summers 2025-2026, ``winters`` (December's year), each a
    ``summer``/``winter`` share of its level's annual P50 (a winter at its January's year)."""
    rows = []
    for year in (2025, 2026):
        rows.append(("summer", year, str(year), summer * P50[year]))
    for year in winters:
        rows.append(("winter", year, f"{year}/{(year + 1) % 100:02d}", winter * P50[year + 1]))
    return pd.DataFrame([{"scenario": "reference", "year": y, "season": s, "label": lab,
                          "peak_50_50_mw": mw * 0.95, "peak_90_10_mw": mw,
                          "weather_p05_mw": mw * 0.9, "weather_p95_mw": mw * 1.02,
                          "growth_p10_mw": mw * 0.93, "growth_p90_mw": mw * 1.05,
                          "weather_year_50_50": 2022} for s, y, lab, mw in rows],
                        columns=PEAKS_COLUMNS).assign(region="AAA-N")


def published(table: pd.DataFrame) -> pd.DataFrame:
    """The zone's published season rows when its own energy is the coherent energy."""
    h = build_hierarchy(["AAA-N"], "TOP")
    flat = np.full((4, len(MONTHS)), 800.0)
    zero = np.zeros_like(flat)
    out = coherent_season_peaks(
        h, {"AAA-N": table}, MONTHS, {"AAA-N": flat}, {"AAA-N": zero}, {"AAA-N": flat},
        {"AAA-N": zero}, annual_own={"AAA-N": P50}, annual={"AAA-N": P50})
    return out["AAA-N"].set_index(["season", "year"])


def test_winter_peaking_last_years_summer_90_10_is_its_own():
    own = seasons(summer=0.88, winter=1.02)
    out = published(own).loc[("summer", 2026)]
    mine = own.set_index(["season", "year"]).loc[("summer", 2026)]
    assert out["peak_90_10_mw"] == mine["peak_90_10_mw"] < P50[2026]
    assert out["weather_p95_mw"] == mine["weather_p95_mw"]
    # as in the year before: the summer's 90/10 keeps its distance from its 50/50
    before = published(own).loc[("summer", 2025)]
    assert (out["peak_90_10_mw"] / out["peak_50_50_mw"]
            == pytest.approx(before["peak_90_10_mw"] / before["peak_50_50_mw"]))


def test_summer_peaking_last_years_90_10_still_at_least_the_annual_p50():
    out = published(seasons(summer=0.99, winter=0.9))
    for year in (2025, 2026):
        assert out.loc[("summer", year), "peak_90_10_mw"] == P50[year]
        assert out.loc[("summer", year), "weather_p95_mw"] >= P50[year]


def test_no_floor_on_a_summer_whose_winter_is_not_published():
    # the run's first winter (2024/25) missing: 2025's annual P50 has no winter beside it
    out = published(seasons(summer=0.88, winter=1.02, winters=(2025,)))
    assert out.loc[("summer", 2025), "peak_90_10_mw"] == pytest.approx(0.88 * P50[2025])
