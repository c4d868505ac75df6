"""Check a downloaded CSV before it may replace the last good copy: UTF-8 text, a header with
the expected columns, at least one data row, every row with the header's number of fields, and
a number (or a declared missing-value marker) in every numeric cell. Thousands separators
(`12,345`) are accepted, since EIA writes them."""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

from forecasting.errors import InputError
from forecasting.fetch.datasets import Dataset


@dataclass(frozen=True)
class CsvSummary:
    rows: int
    columns: list[str]


def validate_csv(path: Path, dataset: Dataset, *, source: str) -> CsvSummary:
    """Raise InputError(source, ..., row=, field=) on the first problem."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return _validate(csv.reader(handle, strict=True), dataset, source)
    except UnicodeDecodeError as exc:
        raise InputError(source, f"not UTF-8 text, so not the expected CSV ({exc.reason} at "
                         f"byte {exc.start})") from None


def _validate(reader, dataset: Dataset, source: str) -> CsvSummary:
    try:
        header = next(reader, None)
        if header is None or not any(h.strip() for h in header):
            raise InputError(source, "empty download (no header)")
        header = [h.strip() for h in header]
        missing = [c for c in dataset.required_columns if c not in header]
        if missing:
            shown = ", ".join(repr(h) for h in header[:4]) + (", ..." if len(header) > 4 else "")
            raise InputError(source, f"missing column(s) {', '.join(map(repr, missing))}; got "
                             f"{shown}", row="header", field=missing[0])
        numeric = [(header.index(c), c) for c in dataset.numeric_columns]
        seen = dict.fromkeys(dataset.numeric_columns, 0)
        rows = 0
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # blank line
            rows += 1
            if len(row) != len(header):
                raise InputError(source, f"expected {len(header)} fields, got {len(row)} "
                                 "(truncated or malformed file)", row=rows)
            for i, name in numeric:
                value = row[i].strip()
                if value in dataset.missing_values:
                    continue
                if not _is_number(value):
                    raise InputError(source, f"not a number (got {value!r})", row=rows,
                                     field=name)
                seen[name] += 1
    except csv.Error as exc:
        raise InputError(source, f"malformed CSV ({exc})", row=max(reader.line_num - 1, 1)
                         ) from None
    if rows == 0:
        raise InputError(source, "no data rows (header only)")
    for name, count in seen.items():
        if count == 0:
            raise InputError(source, "no numeric values in the column", field=name)
    return CsvSummary(rows, header)


def _is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text.replace(",", "")))
    except ValueError:
        return False
