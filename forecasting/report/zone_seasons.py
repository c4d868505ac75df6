"""The seasons of a zone run's peaks.csv and peak_check.csv as the report names them.

The seasons are `forecasting.seasons`'s, the rule the zone run computes with: a winter is
December of its ``year`` with January and February of the next, labelled "2030/31". Both
files carry the ``label``. A run published before winters crossed the year has no ``label``
column: its winter of a year was that calendar year's January, February and December
(`forecasting.seasons.calendar_year_months`), and the report names it by the year alone
("winter 2030") and says so, rather than relabel a season it did not compute.
"""

from __future__ import annotations

import pandas as pd

from forecasting.seasons import calendar_year_months, season_label, season_months


def crosses_year(table: pd.DataFrame | None) -> bool:
    """Whether ``table`` (peaks.csv or peak_check.csv) is of a run whose winter is December
    with the next January-February (it carries ``label``)."""
    return table is not None and "label" in table.columns


def label_of(season: str, year: int, crossing: bool = True) -> str:
    """The season's label (`forecasting.seasons.season_label`: "2030/31" for the winter
    whose December is in 2030) for a run whose winters cross the year (``crossing``), else
    the year alone ("2030")."""
    return season_label(season, year) if crossing else str(int(year))


def labels(table: pd.DataFrame) -> pd.Series:
    """Each row's season label: the file's ``label`` where it has one, else the year."""
    if crosses_year(table):
        return table["label"].astype(str)
    return table["year"].astype(int).astype(str)


def season_span(season: str, year: int, crossing: bool = True) -> pd.PeriodIndex:
    """The months of ``season`` of ``year``: `forecasting.seasons.season_months` for a run
    whose winters cross the year (``crossing``), else those within the calendar year
    (`calendar_year_months`: a winter's January, February and December of ``year``)."""
    return season_months(season, year) if crossing else calendar_year_months(season, year)


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


def column_winters(peaks: pd.DataFrame | None, years: list[int]) -> list[int | None]:
    """The winter (December's year) each column ``years`` of a table shows beside its
    summer: `paired_winter`, except that a winter shown under the column of its own year (the
    year it is filed under) is not shown again under the next column. A run ending in 2031
    has no winter 2031/32, and its 2031 column had repeated winter 2030/31 beside the 2030
    column's (end_year directly after a column year): each published winter is in the table
    once, and a column without one of its own shows "-"."""
    winters = [paired_winter(peaks, y) for y in years]
    own = {w for y, w in zip(years, winters, strict=True) if w == int(y)}
    return [None if w is not None and w != int(y) and w in own else w
            for y, w in zip(years, winters, strict=True)]
