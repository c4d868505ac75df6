"""The decomposition beside the published figures it is checked against.

A zone may name a `published_figures` CSV file in its config (Dominion's:
`data/zones/pjm_dom/published_figures.csv`) with the columns ``figure, year, published, unit,
source, confidence``. A figure is one of

- ``data_center_mw``: the year's average data-center MW (the decomposition's annual row),
- ``data_center_share``: data-center energy over the zone's energy in the year (fraction),
- ``data_center_added_mw``: the year's data-center average MW minus the year before's,

and ``published`` may be empty when the source gives no directly comparable number (its
``source`` text then says how to read it). `parse_published_figures` refuses, with an
`InputError` naming file, row and field, an unknown figure, a year or value that is not a
number, a negative value, a share above 1, a duplicate (figure, year), a row without its
source or with a confidence mark other than T, F or U, and a ``unit`` other than the
figure's (`UNITS`: ``MW`` for the two MW figures, ``fraction`` for the share, in the
spellings of `UNIT_SPELLINGS`, case-insensitive): ``GW``, ``MWh``, ``%`` or an empty unit
is refused, never converted. `published_check` puts each figure
beside the estimate and its 90% interval. A figure of a year the history does not cover (a
forecast year's published MW, a year before the files begin) keeps its row, with no estimate
and its label saying so, "data-center average MW 2030 (not checked: no year 2030 in the
history, 2005-2024)": such rows were dropped without a trace (fuzz round 8b D4), and a
planner who set an IRP's 2030 figure beside the forecast could not tell it was never
compared.

The interval of MW added in a year (`added_interval`) is the difference's own, not the
difference of the two years' interval ends (those offsets cancel: 673 MW read "668-673"
beside a level of 2,228 [1,615-2,846]). Each year's level has its half-width h_y = z s (the
reference years' year-to-year scatter of the minimum load, `decomposition`); the reference
mean both levels are measured from cancels in their difference, and what is left, each
year's own deviation, is taken as independent from year to year (weather of different
years), so the variances add: added +/- sqrt(h_y^2 + h_{y-1}^2). Were consecutive years'
lows to move together the difference would be known better: this is the wider interval,
which a check against a published figure should use. It is not clipped at 0 (a measured
data-center load can fall from one year to the next). Where no data-center component was
estimated (``data_center: none``: every data-center column zero) there is no interval to
give: the difference's ends are its estimate, 0, as the levels' are.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from forecasting.errors import InputError
from forecasting.zones.data_center_part import NOT_ESTIMATED_WHY

FIGURES = {"data_center_mw": "data-center average MW",
           "data_center_share": "data-center share of energy",
           "data_center_added_mw": "data-center MW added in"}
COLUMNS = ("figure", "year", "published", "unit", "source", "confidence")
CONFIDENCE = ("T", "F", "U")
CHECK_COLUMNS = ["figure", "estimate", "low", "high", "published", "source"]
#: the unit of each figure's ``published`` value
UNITS = {"data_center_mw": "MW", "data_center_share": "fraction",
         "data_center_added_mw": "MW"}
#: the spellings taken for each unit (compared lower-case, spaces collapsed)
UNIT_SPELLINGS = {"MW": ("mw", "megawatt", "megawatts", "average mw", "mw average"),
                  "fraction": ("fraction", "share", "ratio")}


@dataclass(frozen=True)
class PublishedFigure:
    figure: str
    year: int
    published: float  # NaN: no directly comparable number
    source: str


def parse_published_figures(file: str, cells: pd.DataFrame) -> list[PublishedFigure]:
    """The figures of a published-figures table (text cells), checked (module docstring)."""
    for col in COLUMNS:
        if col not in cells.columns:
            raise InputError(file, f"missing column (needs {', '.join(COLUMNS)})", field=col)
    out, seen = [], {}
    for i, rec in enumerate(cells.to_dict("records"), start=1):
        if rec["figure"] not in FIGURES:
            raise InputError(file, f"unknown figure '{rec['figure']}' (known: "
                             f"{', '.join(FIGURES)})", row=i, field="figure")
        if not rec["source"]:
            raise InputError(file, "every row needs its source", row=i, field="source")
        if rec["confidence"] not in CONFIDENCE:
            raise InputError(file, f"confidence must be one of {', '.join(CONFIDENCE)}, not "
                             f"'{rec['confidence']}'", row=i, field="confidence")
        expected = UNITS[rec["figure"]]
        if " ".join(rec["unit"].lower().split()) not in UNIT_SPELLINGS[expected]:
            found = f"'{rec['unit']}'" if rec["unit"] else "no unit"
            raise InputError(file, f"{rec['figure']} is in {expected}, not {found} (give the "
                             f"value in {expected}; no unit is converted)", row=i,
                             field="unit")
        if not (rec["year"].isascii() and rec["year"].isdigit()) or len(rec["year"]) != 4:
            raise InputError(file, f"not a year: '{rec['year']}'", row=i, field="year")
        value = np.nan
        if rec["published"]:
            try:
                value = float(rec["published"])
            except ValueError:
                raise InputError(file, f"not a number: '{rec['published']}'", row=i,
                                 field="published") from None
            if not np.isfinite(value) or value < 0:
                raise InputError(file, f"not a number at least 0: '{rec['published']}'",
                                 row=i, field="published")
            if rec["figure"] == "data_center_share" and value > 1:
                raise InputError(file, f"a share above 1: {value:g}", row=i, field="published")
        key = (rec["figure"], int(rec["year"]))
        if key in seen:
            raise InputError(file, f"duplicate figure {key[0]} {key[1]} (first at row "
                             f"{seen[key]})", row=i, field="figure")
        seen[key] = i
        out.append(PublishedFigure(rec["figure"], int(rec["year"]), value, rec["source"]))
    return out


def published_check(annual: pd.DataFrame | None, energy_gwh: pd.Series,
                    figures: list[PublishedFigure]) -> pd.DataFrame:
    """`CHECK_COLUMNS`: each figure beside the decomposition's estimate and 90% interval
    (``annual``: the decomposition's annual frame; ``energy_gwh``: the history's annual
    energy, both indexed by annual Period). ``annual`` None (``data_center: none``: no
    decomposition was run): each figure with empty estimate cells and the reason in its
    name, as a figure outside the history has, not beside an estimate of 0
    (`forecasting.zones.data_center_part`)."""
    if annual is None:
        return pd.DataFrame([{"figure": f"{FIGURES[f.figure]} {f.year} ({NOT_ESTIMATED_WHY})",
                              "estimate": np.nan, "low": np.nan, "high": np.nan,
                              "published": f.published, "source": f.source} for f in figures],
                            columns=CHECK_COLUMNS)
    rows = []

    def dc(year):
        r = annual.loc[pd.Period(str(year), "Y")]
        return np.array([r["data_center_mw"], r["data_center_low_mw"],
                         r["data_center_high_mw"]])

    covered = {p.year for p in annual.index}
    for f in figures:
        needs = {f.year, f.year - 1} if f.figure == "data_center_added_mw" else {f.year}
        if not needs <= covered:
            rows.append({"figure": f"{FIGURES[f.figure]} {f.year} "
                                   f"({not_checked(needs - covered, covered)})",
                         "estimate": np.nan, "low": np.nan, "high": np.nan,
                         "published": f.published, "source": f.source})
            continue
        if f.figure == "data_center_mw":
            values = dc(f.year)
        elif f.figure == "data_center_share":
            period = pd.Period(str(f.year), "Y")
            values = dc(f.year) * annual.loc[period, "hours"] / 1000 / energy_gwh.loc[period]
        else:
            values = added_interval(annual, f.year)
        rows.append({"figure": f"{FIGURES[f.figure]} {f.year}", "estimate": values[0],
                     "low": values[1], "high": values[2], "published": f.published,
                     "source": f.source})
    return pd.DataFrame(rows, columns=CHECK_COLUMNS)


def not_checked(missing: set[int], covered: set[int]) -> str:
    """Why a figure has no estimate: "not checked: no year 2030 in the history, 2005-2024"
    (the `missing` years it needs, the span of the `covered` ones)."""
    years = " or ".join(str(y) for y in sorted(missing))
    span = f", {min(covered)}-{max(covered)}" if covered else ""
    return f"not checked: no year {years} in the history{span}"


def added_interval(annual: pd.DataFrame, year: int) -> np.ndarray:
    """(estimate, low, high) of the data-center MW added in `year` (module docstring): the
    difference of the two years' estimates, its 90% interval from their half-widths
    (``data_center_half_width_mw``) added in quadrature."""
    rows = annual.loc[[pd.Period(str(year), "Y"), pd.Period(str(year - 1), "Y")]]
    estimate = float(rows["data_center_mw"].iloc[0] - rows["data_center_mw"].iloc[1])
    measured = annual[["data_center_mw", "data_center_low_mw", "data_center_high_mw"]]
    if "data_center_half_width_mw" not in rows or not measured.to_numpy().any():
        half = 0.0  # no data-center component estimated: nothing to give an interval of
    else:
        half = float(np.sqrt((rows["data_center_half_width_mw"] ** 2).sum()))
    return np.array([estimate, estimate - half, estimate + half])
