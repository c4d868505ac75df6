"""A year's peak is at least its seasons' 50/50: the annual peak paths raised to it.

Rule. For each forecast year with season peaks (`weather_years.seasonal_peaks`), let L be the
larger of its summer and winter 50/50. Where the median of the year's annual peak paths
(`weather_years.annual_peaks`, total) is below L, every path of that year is raised by the
same MW, L - median, so the median is L and the spread, the order of the paths and every
difference between them stay as they were. Elsewhere nothing moves.

Why. The two are medians of different draws. The 50/50 is the median over the weather years
at the median growth path; the annual peak's paths each draw one whole weather year and
their own growth. With few weather years whose peaks are lopsided (PSEI's winters
2021-2023: 5,007, 5,154 and 4,675 MW) the mixture's median falls between the low year and
the other two, below the middle year: PSEI's 2024-2026 annual peak P50 was published 1.3-1.8%
under the same year's winter 50/50 (4,977 against 5,066 MW, side by side in the headline;
also CHPD, BPAT and FPL; fuzz 11a, D1), which no year can do: its largest hour is at least
its winter's. Raising the whole year keeps the annual band's width (growth and weather
together), and the many-zone run, which takes each node's annual peak paths, inherits it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def at_least_season_50_50(annual: np.ndarray, years: np.ndarray,
                          season_peaks: pd.DataFrame) -> np.ndarray:
    """(n, len(years)) annual total peak paths, each year's raised (module docstring);
    ``years`` the calendar year of each column, ``season_peaks`` one scenario's
    `seasonal_peaks` rows (``year``, ``peak_50_50_mw``)."""
    out = np.array(annual, dtype=float, copy=True)
    if season_peaks.empty:
        return out
    largest = season_peaks.groupby("year")["peak_50_50_mw"].max()
    for j, year in enumerate(years):
        if int(year) not in largest.index:
            continue
        gap = float(largest[int(year)]) - float(np.median(out[:, j]))
        if gap > 0:
            out[:, j] += gap
    return out
