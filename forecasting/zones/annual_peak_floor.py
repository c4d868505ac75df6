"""A year's peak is at least its summer's 50/50 and its own winter months' 50/50: the annual
peak paths raised to it.

Rule. For each forecast year Y with season peaks (`weather_years.seasonal_peaks`), let L be the
larger of the summer Y 50/50 and the 50/50 of Y's own winter months, January, February and
December of Y (`weather_years.calendar_winter_50_50`, made as a season's 50/50: the median
over the weather years at the median growth path, never below an hour those months already
measured). Where the median of the year's annual peak paths (`weather_years.annual_peaks`,
total) is below L, every path of that year is raised by the same MW, L - median, so the median
is L and the spread, the order of the paths and every difference between them stay as they
were. Elsewhere nothing moves.

Why the calendar year's winter months and not a published winter. A winter is December of Y
with January and February of Y + 1 ("winter 2030/31", as planners count it), so no calendar
year holds a whole one: year Y holds the end of winter Y-1/Y and the start of winter Y/Y+1.
The year's largest hour is at least the largest hour of any of its months, so its P50 is held
at least at the 50/50 of the months it does hold (the summer's, and January, February and
December together); the invariant "annual peak P50 >= the 50/50 of its months" keeps a meaning.
Winter Y/Y+1's 50/50 is not a floor of year Y: its January and February are Y + 1's, at Y +
1's level.

Why a floor at all. The two are medians of different draws. The 50/50 is the median over the
weather years at the median growth path; the annual peak's paths each draw one whole weather
year and their own growth. With few weather years whose peaks are lopsided (PSEI's winters
2021-2023: 5,007, 5,154 and 4,675 MW) the mixture's median falls between the low year and
the other two, below the middle year: PSEI's 2024-2026 annual peak P50 was published 1.3-1.8%
under the same year's winter 50/50 (4,977 against 5,066 MW, side by side in the headline;
also CHPD, BPAT and FPL; fuzz 11a, D1), which no year can do: its largest hour is at least
that of its winter months. Raising the whole year keeps the annual band's width (growth and
weather together), and the many-zone run, which takes each node's annual peak paths,
inherits it.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd


def at_least_season_50_50(annual: np.ndarray, years: np.ndarray,
                          season_peaks: pd.DataFrame,
                          calendar_winter: Mapping[int, float] | None = None) -> np.ndarray:
    """(n, len(years)) annual total peak paths, each year's raised (module docstring);
    ``years`` the calendar year of each column, ``season_peaks`` one scenario's
    `seasonal_peaks` rows (``year``, ``season``, ``peak_50_50_mw``: its summer rows are
    read; a winter row, which spans two calendar years, is not), ``calendar_winter`` the
    year -> 50/50 of its January, February and December (`calendar_winter_50_50`)."""
    out = np.array(annual, dtype=float, copy=True)
    summer = season_peaks[season_peaks["season"] == "summer"]
    largest = {int(y): float(v) for y, v in zip(summer["year"], summer["peak_50_50_mw"],
                                                strict=True)}
    for year, value in (calendar_winter or {}).items():
        largest[int(year)] = max(largest.get(int(year), -np.inf), float(value))
    for j, year in enumerate(years):
        if int(year) not in largest:
            continue
        gap = largest[int(year)] - float(np.median(out[:, j]))
        if gap > 0:
            out[:, j] += gap
    return out
