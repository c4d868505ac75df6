"""The seasons of a zone run's peaks.csv and peak_check.csv as the report names them.

A winter is December of its ``year`` with January and February of the next, labelled
"2030/31" (`forecasting.zones.weather_years.season_months`; the report reads files, not the
zone modules, so the months are repeated here). Both files carry the ``label``. A run
published before winters crossed the year has no ``label`` column: its winter of a year was
that calendar year's January, February and December, and the report names it by the year
alone ("winter 2030") and says so, rather than relabel a season it did not compute.
"""

from __future__ import annotations

import pandas as pd

#: summer June-September of its year; winter December of its year, January-February of the
#: next (a run without ``label``: January, February and December of its year)
SEASON_MONTHS = {"summer": (6, 7, 8, 9), "winter": (12, 1, 2)}


def crosses_year(table: pd.DataFrame | None) -> bool:
    """Whether ``table`` (peaks.csv or peak_check.csv) is of a run whose winter is December
    with the next January-February (it carries ``label``)."""
    return table is not None and "label" in table.columns


def label_of(season: str, year: int, crossing: bool = True) -> str:
    """"2030/31" for the winter whose December is in 2030 (``crossing``), else "2030"."""
    year = int(year)
    return f"{year}/{(year + 1) % 100:02d}" if crossing and season == "winter" else str(year)


def labels(table: pd.DataFrame) -> pd.Series:
    """Each row's season label: the file's ``label`` where it has one, else the year."""
    if crosses_year(table):
        return table["label"].astype(str)
    return table["year"].astype(int).astype(str)


def season_span(season: str, year: int, crossing: bool = True) -> pd.PeriodIndex:
    """The months of ``season`` of ``year``: a winter's December of ``year`` and January and
    February of the next (``crossing``), or January, February and December of ``year``."""
    year = int(year)
    return pd.PeriodIndex([pd.Period(f"{year + (crossing and m < SEASON_MONTHS[season][0])}"
                                     f"-{m:02d}", "M") for m in SEASON_MONTHS[season]])


def paired_winter(peaks: pd.DataFrame | None, year: int) -> int | None:
    """The year (December's) of the winter a table or sentence pairs with summer ``year``:
    winter ``year``/``year+1`` as PJM's tables list it (summer 2030 with winter 2030/31), or,
    where peaks.csv does not publish it (its January-February are beyond the run: a run
    ending in ``year``), winter ``year-1``/``year``, whose January-February are ``year``'s;
    None when neither is published. A run without ``label`` (winters of one calendar year)
    pairs the year's own winter. The zone report's headline and peaks table and the many-zone
    report's node table all pair by this rule, so a winter-peaking zone's headline is not
    its summer alone when the run ends in the key year (fuzz 12a D2)."""
    if peaks is None or peaks.empty:
        return None
    year = int(year)
    filed = set(peaks.loc[peaks["season"] == "winter", "year"].astype(int))
    if year in filed:
        return year
    if crosses_year(peaks) and year - 1 in filed:
        return year - 1
    return None
