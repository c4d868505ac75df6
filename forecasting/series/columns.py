"""Which column of a file without a known header is the date and which the value, decided
from a sample of its cells (the first rows).

Rules (cells are stripped; empty and ``NA``-like cells are ignored):

- A column is *date-like* if every cell is a year (``2019``), a month (``2019-01``), a date
  or a timestamp (ISO, or one of the forms of `forecasting.series.dates.TIMESTAMP_FORMATS`;
  one form reading `DATE_SHARE` of the cells is enough, the reader names the others);
  *numeric* if every cell is a finite number, or if every cell is a number written with
  ``,`` thousands separators (`thousands_separated`: ``12,070``, ``1,234,567.5``, and
  ``987`` under a thousand; the reader then reads the whole column so, unless the column
  may as well hold decimal commas: `forecasting.series.comma_reading`). A decimal comma
  (``12,5``, ``0,987``) is never taken for one. A column of years is both.
- The date column is the given ``date_col``, else the left-most date-like column that is not
  numeric, else the left-most column of years. None: `InputError` listing the header.
- The value column is the given ``value_col``, else the only numeric column other than the
  date column; with several, an `InputError` lists them and asks for ``value_col``
  (``--value-col``). With none, the only column whose sampled cells are all empty is taken
  (the reader then refuses it as empty); otherwise an `InputError` lists the header.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from forecasting.errors import InputError
from forecasting.series.dates import excel_serials, timestamp_format
from forecasting.series.hour_columns import hour_column

#: share of a sampled column's cells one timestamp form must read for the column to hold
#: dates (the rest are bad rows, which the reader then names one by one)
DATE_SHARE = 0.9
#: a column name that is a date's or a time's and nothing else (`excel_serials` are read
#: only in such a column: ERCOT's load in MW is a five-digit number too)
_DATE_NAME = re.compile(r"^\s*(?:date|time|datetime|date[ _]?time|timestamp|time[ _]?stamp|"
                        r"day|period|hour[ _]?ending|hour[ _]?beginning|interval[ _]?"
                        r"(?:start|end|ending|beginning))\s*$", re.IGNORECASE)
_PERIOD = re.compile(r"^\d{4}(?:[-/]\d{1,2}(?:-\d{1,2})?)?$")
_YEAR = re.compile(r"^\d{4}$")
#: a number with ',' between groups of three digits after a first group of one to three
#: (not starting with 0: ``0,987`` is a decimal comma), or a number under a thousand
_GROUPED = re.compile(r"^[+-]?(?:[1-9]\d{0,2}(?:,\d{3})+|\d{1,3})(?:\.\d+)?$")


def thousands_separated(cells: pd.Series, missing: frozenset[str]) -> bool:
    """Whether every cell (but missing-value tokens) is a number written with ','
    thousands separators, and one has a ',' (``12,070``; never ``12,5``)."""
    cells = cells.str.strip()
    cells = cells[~cells.str.lower().isin(missing)]
    return bool(len(cells) and cells.str.match(_GROUPED).all()
                and cells.str.contains(",", regex=False).any())


def _listing(columns) -> str:
    return ", ".join(f"'{c}'" for c in columns)


def _kinds(cells: pd.Series, missing: frozenset[str]) -> tuple[bool, bool, bool, bool]:
    """(date-like, numeric, all years, all empty) for one column's sampled cells."""
    cells = cells.str.strip()
    cells = cells[~cells.str.lower().isin(missing)]
    if cells.empty:
        return False, False, False, True
    numbers = pd.to_numeric(cells, errors="coerce").to_numpy(dtype=float)
    numeric = bool(np.isfinite(numbers).all()) or thousands_separated(cells, missing)
    years = bool(cells.str.match(_YEAR).all())
    if years:  # years of this era, nearly in order; a load of 1500-2100 MW goes up and down
        steps = np.diff(numbers)
        ordered = not len(steps) or max((steps >= 0).mean(), (steps <= 0).mean()) >= 0.7
        years = bool(ordered and ((numbers >= 1900) & (numbers <= 2100)).all())
        if not years:
            return False, numeric, False, False
    periods = cells.str.match(_PERIOD)
    dates = periods.all() or (not numeric and timestamp_format(
        cells[~periods], share=DATE_SHARE) is not None)
    return bool(dates), numeric, years, False


def _serial_steps(cells: pd.Series) -> bool:
    """Whether cells are Excel serial dates a day or less apart (a load's numbers jump by
    more, or repeat)."""
    stamps = excel_serials(cells)
    if stamps is None or len(stamps) < 2:
        return False
    steps = np.diff(stamps.asi8) / 86_400e9
    return bool((steps >= 0).all() and 0 < np.median(steps) <= 1.0)


def detect_columns(
    file: str,
    sample: pd.DataFrame,
    *,
    missing: frozenset[str],
    date_col: str | None = None,
    value_col: str | None = None,
) -> tuple[str, str]:
    """The (date column, value column) of a file from a sample of its text cells."""
    kinds = {c: _kinds(sample[c].astype(str), missing) for c in sample.columns}
    for c in sample.columns:  # a date column exported as Excel serial numbers
        if _DATE_NAME.match(str(c)) and _serial_steps(sample[c].astype(str).str.strip()):
            kinds[c] = (True, False, False, False)
    columns = list(sample.columns)
    if date_col is None:
        real = [c for c, k in kinds.items() if k[0] and not k[1]]
        years = [c for c, k in kinds.items() if k[0] and k[2]]
        if not real and not years:
            raise InputError(
                file,
                f"unrecognised header ({_listing(columns)}): no column holds dates (like "
                "2024-01-31 13:00, 1/31/2024 1:00 PM or 31.01.2024 13:00); expected an "
                "EIA-930 or PJM header, or one date column and one numeric column (or give "
                "date_col and value_col)",
            )
        date_col = (real or years)[0]
    if value_col is None:
        hour = hour_column(sample, date_col)  # a date's hour beside it is not the load
        numeric = [c for c, k in kinds.items() if k[1] and c not in (date_col, hour)]
        if len(numeric) > 1:
            raise InputError(
                file,
                f"several numeric columns ({_listing(numeric)}); choose the load with "
                "value_col (--value-col)",
                field="value_col",
            )
        if not numeric:
            numeric = [c for c, k in kinds.items() if k[3] and c not in (date_col, hour)]
        if len(numeric) != 1:
            raise InputError(
                file,
                f"no numeric value column besides '{date_col}' (header: {_listing(columns)}); "
                "give value_col (--value-col)",
                field="value_col",
            )
        value_col = numeric[0]
    return date_col, value_col
