"""Why a load file whose columns cannot be found is laid out as it is, named with its fix:
the common export layouts a reader of one header line and comma-separated rows cannot take.

Rules, tried in this order when the date and value columns cannot be found from the cells
(`forecasting.series.columns.detect_columns`), each one line naming the file, the line or
row and the fix; a file showing none of them keeps the columns' own error:

- *another separator*: the header line holds no ',' but holds ';', a tab or '|' (European
  spreadsheets save ';'-separated "CSV", databases tab-separated): "the file seems separated
  by ';', and needs commas", as `forecasting.zones.read.read_ba_table` says of tables;
- *Excel's separator line*: line 1 is ``sep=,`` (Excel writes it above the header): delete it;
- *a decimal comma*: a column whose every value is digits, one ',' and digits (``"6221,25"``,
  quoted so that it stays one cell): named at its first row, with the value written with a
  point;
- *lines above the header*: the columns are found when the header is read from a later line
  of names (none a number or a date: `_names`) within the first `HEADER_SEARCH` lines, and a
  line above it is blank or has another number of fields (a title, a date of export): that
  line is named as the header, the lines above it to delete;
- *a units row*: the columns are found once the first one to `UNITS_ROWS` data rows, rows
  of names, are left out (``(local),(MW)`` under ``Timestamp,Load (MW)``, as many fields as
  the header): row 1 is named, to delete (the unit goes in the header: ``Load (MW)``). A
  header found further down with nothing above it telling a title from a header is named as
  a units row too.

These are refused, not read around: the config lists the file, and a file read only after
dropping lines the user did not see dropped could hide a changed export; one edit (or a
re-export as plain CSV) makes it read as written.
"""

from __future__ import annotations

import gzip
import io
import re
from pathlib import Path

import pandas as pd

from forecasting.errors import InputError
from forecasting.series.columns import detect_columns

#: lines searched for a header below line 1, and data rows tried as a units row
HEADER_SEARCH = 10
UNITS_ROWS = 3
SAMPLE_LINES = 210
_SEPARATORS = ((";", "';'"), ("\t", "tabs"), ("|", "'|'"))
_EXCEL_SEP = re.compile(r"^\s*sep=.?\s*$", re.IGNORECASE)
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
_DATA_CELL = re.compile(r"^[\d\s.,:/+-]+$")


def separator_name(text: str) -> str | None:
    """The other separator a header line read as one column holds (`_SEPARATORS`: "';'",
    "tabs", "'|'"), as the messages name it; None for none."""
    return next((name for sep, name in _SEPARATORS if sep in text), None)


def _head_lines(path: Path, kind: str) -> list[str]:
    """The file's first lines as text (none for Parquet, which has no layout)."""
    if kind == "parquet":
        return []
    opener = gzip.open if kind == "gzip" else open
    lines = []
    with opener(path, "rt", encoding="utf-8-sig", errors="replace", newline="") as handle:
        for line in handle:
            lines.append(line.rstrip("\r\n"))
            if len(lines) >= SAMPLE_LINES + HEADER_SEARCH:
                break
    return lines


def _cells(lines: list[str]) -> pd.DataFrame | None:
    try:
        frame = pd.read_csv(io.StringIO("\n".join(lines)), dtype=str, keep_default_na=False,
                            skip_blank_lines=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError):
        return None
    frame.columns = [str(c) for c in frame.columns]
    return frame.fillna("")


def _found(file: str, sample: pd.DataFrame | None, missing: frozenset[str]) -> bool:
    if sample is None or sample.empty or len(sample.columns) < 2:
        return False
    try:
        detect_columns(file, sample, missing=missing)
    except InputError:
        return False
    return True


def _listing(cells) -> str:
    return ", ".join(f"'{c}'" for c in cells)


def layout_error(file: str, path: Path, kind: str, sample: pd.DataFrame | None,
                 missing: frozenset[str]) -> InputError | None:
    """The layout mistake (module docstring) of a file whose columns were not found (or
    whose lines are not one table: ``sample`` None), None when it shows none of them."""
    lines = _head_lines(path, kind)
    if not lines:
        return None
    header = lines[0]
    name = separator_name(header) if "," not in header else None
    if name is not None:
        shown = header.strip().replace("\t", "\\t")
        return InputError(file, f"the header is one column '{shown}': the file seems "
                          f"separated by {name}, and needs commas (save it as "
                          "comma-separated CSV)", row="header")
    if _EXCEL_SEP.match(header):
        return InputError(file, f"'{header.strip()}' is Excel's separator line, not "
                          f"the header: delete it, so that the header "
                          f"({_listing(lines[1].split(','))}) is line 1", row="line 1")
    if sample is None:  # the file's lines could not be read as one table
        sample = pd.DataFrame()
    for column in sample.columns:
        cells = sample[column].astype(str).str.strip()
        given = cells[~cells.str.lower().isin(missing)]
        if len(given) and given.str.match(_DECIMAL_COMMA).all():
            at = int(given.index[0])
            text = given.iloc[0]
            return InputError(file, f"'{text}' has a decimal comma, which is not read: write "
                              f"the decimals with a point ({text.replace(',', '.')})",
                              row=at + 1, field=column)
    units = next((n for n in range(1, UNITS_ROWS + 1)
                  if all(_names(sample.iloc[r]) for r in range(min(n, len(sample))))
                  and _found(file, sample.iloc[n:].reset_index(drop=True), missing)), None)
    at = next((k for k in range(1, min(HEADER_SEARCH, len(lines)))
               if _names(lines[k].split(","))
               and _found(file, _cells(lines[k:]), missing)), None)
    if at is not None and (units is None or _not_table_lines(lines[:at], lines[at])):
        above = f"line 1 '{lines[0].strip()}'" if at == 1 else f"lines 1-{at}"
        return InputError(file, f"({_listing(lines[at].split(','))}) looks "
                          f"like the header, and {above} above it "
                          f"{'is' if at == 1 else 'are'} not: delete "
                          f"{'it' if at == 1 else 'them'}, so that the header is line 1",
                          row=f"line {at + 1}")
    if units is not None:
        row = sample.iloc[0]
        return InputError(file, f"({_listing(v.strip() for v in row)}) is not data "
                          "(a units row under the header?): delete "
                          + ("it" if units == 1 else f"rows 1-{units}")
                          + "; a unit goes in the header, e.g. 'Load (MW)'", row=1)
    return None


def _names(cells) -> bool:
    """Whether a line's cells are words (a header's or a units row's names), not data: one
    at least is not empty, and none is only digits and punctuation (a number or a date)."""
    cells = [str(c).strip() for c in cells]
    return any(cells) and not any(_DATA_CELL.match(c) for c in cells if c)


def _not_table_lines(above: list[str], header: str) -> bool:
    """Whether lines above a header are a title rather than a header and units rows: a blank
    line, or a line of another number of fields than the header's."""
    width = header.count(",")
    return any(not line.strip() or line.count(",") != width for line in above)
