"""The many-zone floor "a year's largest 90/10 is at least its annual peak P50" takes the
seasons holding the year's months, as the zone run's own annual floor takes summer Y with
January, February and December of Y: summer Y, winter Y-1/Y and winter Y/Y+1 (whose December
is Y's). With summer Y and winter Y-1/Y alone, a December-driven annual P50 was laid on one of
them though winter Y/Y+1 was above it already (`coherent_peaks._at_least_annual_p50`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.hierarchy.tree import build_hierarchy
from forecasting.many_zones.coherent_peaks import coherent_season_peaks
from forecasting.zones.weather_years import PEAKS_COLUMNS

MONTHS = pd.period_range("2025-01", "2026-12", freq="M")
P50 = {2025: 1000.0, 2026: 1100.0}   # each year's annual peak P50, own and published
#: 90/10 MW by (season, December's year for a winter): 2025's annual P50 comes from its
#: December, in winter 2025/26, whose 90/10 is above it; summer 2025 and winter 2024/25 not
NINETY = {("summer", 2025): 900.0, ("winter", 2024): 950.0, ("winter", 2025): 1150.0,
          ("summer", 2026): 1120.0}


def published(p50: dict[int, float] = P50) -> pd.Series:
    """The node's published 90/10s when its own energy is the coherent energy and its
    annual peak P50s are ``p50``."""
    own = pd.DataFrame([{"scenario": "reference", "year": y, "season": s,
                         "label": f"{y}/{(y + 1) % 100:02d}" if s == "winter" else str(y),
                         "peak_50_50_mw": mw * 0.95, "peak_90_10_mw": mw,
                         "weather_p05_mw": mw * 0.9, "weather_p95_mw": mw * 1.02,
                         "growth_p10_mw": mw * 0.93, "growth_p90_mw": mw * 1.05,
                         "weather_year_50_50": 2022} for (s, y), mw in NINETY.items()],
                       columns=PEAKS_COLUMNS).assign(region="AAA-N")
    h = build_hierarchy(["AAA-N"], "TOP")
    flat = np.full((4, len(MONTHS)), 800.0)
    zero = np.zeros_like(flat)
    out = coherent_season_peaks(
        h, {"AAA-N": own}, MONTHS, {"AAA-N": flat}, {"AAA-N": zero}, {"AAA-N": flat},
        {"AAA-N": zero}, annual_own={"AAA-N": p50}, annual={"AAA-N": p50})
    return out["AAA-N"].set_index(["season", "year"])["peak_90_10_mw"]


def test_a_december_driven_annual_p50_is_not_laid_on_the_years_other_seasons():
    ninety = published()
    # winter 2025/26, whose December is 2025's, is above 2025's annual P50 already
    assert ninety[("winter", 2025)] >= P50[2025]
    assert ninety[("winter", 2024)] == NINETY[("winter", 2024)]  # not raised to 1,000
    assert ninety[("summer", 2025)] == NINETY[("summer", 2025)]


def test_a_year_whose_seasons_are_all_below_its_annual_p50_still_has_its_floor():
    # 2026, the last year (no winter 2026/27): summer 2026 (1,120) and winter 2025/26
    # (1,150) below a P50 of 1,200; the larger is raised to it, the other left
    ninety = published({2025: 1000.0, 2026: 1200.0})
    assert ninety[("winter", 2025)] == 1200.0
    assert ninety[("summer", 2026)] == NINETY[("summer", 2026)]
