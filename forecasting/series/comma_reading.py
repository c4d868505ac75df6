"""Whether a column written with ',' separators says which reading it means: ',' grouping
thousands (``1,234`` = 1234) or a decimal comma (``1,234`` = 1.234).

Rule: a column whose every value is written with ',' between groups of three digits
(`forecasting.series.columns.thousands_separated`) is *ambiguous* when every value with a
comma has exactly one, one to three digits before it, three after it and no decimal point
(``11,768``, ``291,137``): each is under 1,000 with three decimals as much as it is 1,000
or more grouped, and a European or meter export of a small zone (a feeder, a data center:
values under 1,000 written to the kW) looks exactly so. Read as thousands it is published
1,000 times too large; so it is refused, naming both readings and the fix, unless other
cells settle it for thousands:

- a value with two or more commas (``1,234,567``) or with a comma and a point
  (``1,234.5``): only grouping writes those;
- values without a comma reaching ten times the largest value a decimal comma would give
  (``950`` beside ``1,020``, which as a decimal would be 1.02): a column crossing 1,000
  writes its values under 1,000 plainly, while a decimal-comma column's plain values (a
  ``12`` that lost its zeros) sit among its comma values.
"""

from __future__ import annotations

import pandas as pd

from forecasting.errors import InputError

#: one comma, one to three digits before it and three after, no point: thousands or decimals
_EITHER = r"[+-]?\d{1,3},\d{3}"
#: how far above the decimal reading plain values must reach to settle it for thousands
PLAIN_MARGIN = 10.0


def ambiguous_position(cells: pd.Series, missing: frozenset[str]) -> int | None:
    """The position (in ``cells``) of the first value of an ambiguous column (module
    docstring), None when the column's cells settle it (or hold no comma)."""
    cells = cells.str.strip()
    cells = cells[~cells.str.lower().isin(missing)]
    commas = cells.str.contains(",", regex=False)
    if not commas.any() or not cells[commas].str.fullmatch(_EITHER).all():
        return None
    plain = pd.to_numeric(cells[~commas], errors="coerce")
    as_decimals = pd.to_numeric(cells[commas].str.replace(",", ".", regex=False))
    if plain.notna().any() and plain.abs().max() >= PLAIN_MARGIN * as_decimals.abs().max():
        return None
    return int(cells.index.get_loc(cells[commas].index[0]))


def ambiguity_error(file: str, text: str, row: int, column: str) -> InputError:
    """The one line refusing an ambiguous column at its first value ``text``."""
    grouped = text.replace(",", "")
    decimal = text.replace(",", ".")
    return InputError(
        file,
        f"'{text}' reads as {grouped} (',' grouping thousands) or as {decimal} (a decimal "
        "comma), as does every value with a comma in the column, and no value says which: "
        f"write decimals with a point ({decimal}), or thousands without grouping "
        f"({grouped})",
        row=row, field=column)
