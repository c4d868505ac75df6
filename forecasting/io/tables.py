"""Read a CSV table and validate every row against a pydantic row model.

Row numbers in errors count data rows from 1 (the header is not counted), so "row 3" is the
third line under the header. Empty cells are read as missing values. Checks done here, each
reported as one `InputError` naming file, row and field:

- missing or extra columns (reported against the header);
- each cell against the row model (types, ranges, allowed values);
- duplicate keys;
- a value about 1000x (or 1/1000x) the values of nearby years in the same group, which is
  what GWh typed as TWh looks like.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from pydantic import BaseModel, ValidationError

from forecasting.errors import InputError
from forecasting.paths import display_path

#: a value this many times the median of its neighbours (or this fraction of it) is rejected:
#: a digit typed too many or too few (10x), or GWh entered as TWh (1000x). The shipped
#: observations sit within 0.6-2.4x of their neighbours' median (2023's 176 TWh against
#: 2018-2024), US totals within a few percent; a real 5x jump within five years is beyond
#: every published outlook's pace
MAGNITUDE_RATIO = 5.0
#: neighbours are the rows of the same group within this many years
NEIGHBOUR_YEARS = 5


def read_table(
    path: Path,
    row_model: type[BaseModel],
    *,
    key: Sequence[str],
) -> pd.DataFrame:
    """Rows of `path` validated by `row_model`, as a DataFrame with the model's columns."""
    name = display_path(path)
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:  # a BOM is not data
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None:
                raise InputError(name, "the file is empty; expected a header row")
            rows = list(reader)
    except FileNotFoundError:
        raise InputError(name, "file not found") from None
    except UnicodeDecodeError as exc:
        raise InputError(name, f"not UTF-8 text ({exc.reason})") from None
    except csv.Error as exc:
        raise InputError(name, f"not a readable CSV file ({exc})") from None

    expected = list(row_model.model_fields)
    header = [h.strip() for h in header]
    for column in expected:
        if column not in header:
            raise InputError(name, "missing column", row="header", field=column)
    for column in header:
        if column not in expected:
            raise InputError(
                name, f"unexpected column (expected {', '.join(expected)})",
                row="header", field=column,
            )

    records = []
    for number, cells in enumerate(rows, start=1):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise InputError(
                name, f"has {len(cells)} cells, the header has {len(header)}", row=number
            )
        raw = {h: (c.strip() or None) for h, c in zip(header, cells, strict=True)}
        try:
            record = row_model.model_validate(raw)
        except ValidationError as exc:
            error = exc.errors()[0]
            field = str(error["loc"][0]) if error["loc"] else None
            cause = (error.get("ctx") or {}).get("error")
            if field is None and hasattr(cause, "field"):
                field = cause.field
            got = raw.get(field) if field else None
            message = error["msg"].removeprefix("Value error, ")
            if got is not None:
                message += f" (got {got!r})"
            raise InputError(name, message, row=number, field=field) from None
        records.append((number, record.model_dump()))

    frame = pd.DataFrame([r for _, r in records], columns=expected)
    frame.insert(0, "row", [n for n, _ in records])
    duplicated = frame.duplicated(list(key), keep="first")
    if duplicated.any():
        first = frame[duplicated].iloc[0]
        values = ", ".join(f"{k}={first[k]}" for k in key)
        raise InputError(name, f"duplicate entry for {values}", row=int(first["row"]),
                         field=key[-1])
    return frame


def check_magnitudes(
    frame: pd.DataFrame, file: str, *, value_columns: Sequence[str], group: str | None = None
) -> None:
    """Reject a value `MAGNITUDE_RATIO` times (or less than its inverse) the median `twh` of
    the same group in nearby years."""
    groups = frame.groupby(group) if group else [(None, frame)]
    for _, part in groups:
        reference = part.dropna(subset=["twh"])
        for _, row in part.iterrows():
            near = reference[
                (reference["row"] != row["row"])
                & ((reference["year"] - row["year"]).abs() <= NEIGHBOUR_YEARS)
            ]
            if near.empty:
                continue
            median = float(near["twh"].median())
            for column in value_columns:
                value = row[column]
                if pd.isna(value):
                    continue
                ratio = float(value) / median
                if ratio >= MAGNITUDE_RATIO or ratio <= 1 / MAGNITUDE_RATIO:
                    raise InputError(
                        file,
                        f"{value:g} is about {ratio:.3g}x the values of nearby years "
                        f"(median {median:g}); a digit too many or too few, or the wrong "
                        "unit (GWh as TWh)?",
                        row=int(row["row"]), field=column,
                    )
