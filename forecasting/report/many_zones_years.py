"""The years a many-zone report shows: the zone report's rule (`zone_headline_years`), so a
run's last year is always on a table of its page.

The headline and detail tables showed the fixed years 2025, 2028, 2030 and 2035, and the node
table zones.csv's 2025, 2028 and 2030 columns: a run to 2027 showed 2025 alone and its last
year, the one its planner asked for, was on no table (fuzz 11b D4). Now:

- the headline and each detail table show those of `HEADLINE_YEARS` the run forecasts and
  its last year (`table_years`);
- the node table's key year is `headline_year` (2030, or the run's last year when it ends
  before): its peak, summer and winter peaks and data-center share are of that year, and its
  energy columns are zones.csv's years (`ZONES_YEARS`) the run forecasts up to the key year,
  and the key year (a run to 2027: 2025 and 2027; to 2035: 2025, 2028, 2030).

zones.csv keeps its fixed columns (their names are a contract), empty for a year the run does
not forecast; the page takes a year zones.csv has no column for from forecast.csv, whose
annual rows those columns copy.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from forecasting.contracts import HEADLINE_YEARS, KEY_YEAR
from forecasting.report import number_format
from forecasting.report.zone_headline_years import headline_year, table_years

#: the years of zones.csv's energy and peak columns (forecasting/many_zones/assemble.py
#: TABLE_YEARS; the report reads files, not the run's modules)
ZONES_YEARS = (2025, 2028, 2030)


def run_years(annual: pd.DataFrame, top: str) -> list[int]:
    """The run's forecast years: those of the top's annual rows (every node has the run's
    months; a year they cover only in part has none), else any node's."""
    rows = annual[annual["region"] == top]
    return sorted({int(p) for p in (rows if not rows.empty else annual)["period"]})


def headline_years(years: Iterable[int]) -> list[int]:
    """The headline's and detail tables' years (module docstring)."""
    return table_years(years, HEADLINE_YEARS)


def node_table_years(years: Iterable[int]) -> tuple[list[int], int | None]:
    """(the node table's energy years, its key year) (module docstring)."""
    years = list(years)
    key = headline_year(years)
    if key is None:
        return [], None
    return table_years([y for y in years if y <= key], ZONES_YEARS), key


def node_cells(annual: pd.DataFrame, node: str, energy_years: Iterable[int],
               key: int | None, zones_share: float | None) -> dict:
    """A node's table cells from forecast.csv's annual rows: ``energy`` (one per year:
    ``value``, its P50 for sorting or "", and ``text``), ``peak`` of the key year, and
    ``share``: its data-center share of the key year's energy (zones.csv's
    ``zones_share`` for 2030; of another key year the same ratio of forecast.csv's means;
    NaN where not estimated)."""
    mine = annual[(annual["region"] == node) & (annual["component"] == "total")]

    def cell(metric: str, year: int | None, text) -> dict:
        row = mine[(mine["metric"] == metric) & (mine["period"] == str(year))]
        if row.empty:
            return {"value": "", "text": number_format.MISSING}
        row = row.iloc[0]
        return {"value": float(row["p50"]), "text": text(row)}

    def band(row) -> str:
        return number_format.band(row["p50"], row["p10"], row["p90"])

    return {"energy": [cell("energy_gwh", y, band) for y in energy_years],
            "peak": cell("peak_mw", key, lambda row: number_format.figure(row["p50"])),
            "share": zones_share if key == KEY_YEAR else _share(annual, node, key)}


def years_note(years: list[int], key: int | None, winter: str | None = None) -> str | None:
    """The sentence saying which year the node table's peak and share columns are of, for a
    run ending before `KEY_YEAR` (None otherwise); ``winter``, the label of the winter its
    winter column shows (the run's last, "2026/27": no winter is filed under its last year,
    whose January and February would be the next year's), when the run's winters cross the
    year."""
    if key is None or key == KEY_YEAR:
        return None
    peaks = ("summer and winter peaks" if winter is None else
             f"summer peak (its winter peak of winter {winter}, its last)")
    return (f"This run ends in {key}, before {KEY_YEAR}: the table's peak, {peaks} "
            f"and data-center share are of {key}, its last year "
            f"(zones.csv's columns of years it does not forecast are empty).")


def _share(annual: pd.DataFrame, node: str, year: int | None) -> float:
    energy = annual[(annual["region"] == node) & (annual["metric"] == "energy_gwh")
                    & (annual["period"] == str(year))].set_index("component")["mean"]
    if "data_center" not in energy.index or "total" not in energy.index:
        return float("nan")
    return float(energy["data_center"] / energy["total"])
