"""Check a downloaded CSV before it may replace the last good copy: UTF-8 text, a header with
the expected columns, at least one data row, every row with the header's number of fields, and
a number (or a declared missing-value marker) in every numeric cell. Thousands separators
(`12,345`) are accepted, since EIA writes them. A half-year file's timestamps
(`Dataset.time_column`) must fall in the half-year it is filed under, give or take
`PERIOD_SLACK` (a six-month file is cut on local dates, so its UTC hours spill over the edges
by some hours): a wrong `--url` or `--period` had stored a 2020-2024 file as the 2026H1 copy,
which later fetches of 2026H1 took for the last good one."""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pandas as pd

from forecasting.errors import InputError
from forecasting.fetch.datasets import Dataset, Period

#: how far a half-year file's UTC hours may lie outside its half-year
PERIOD_SLACK = timedelta(days=1)


@dataclass(frozen=True)
class CsvSummary:
    rows: int
    columns: list[str]


def validate_csv(path: Path, dataset: Dataset, *, source: str,
                 period: Period | None = None) -> CsvSummary:
    """Raise InputError(source, ..., row=, field=) on the first problem; ``period``: the
    half-year the file is filed under (its timestamps are checked against it)."""
    times: list[str] = []
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            summary = _validate(csv.reader(handle, strict=True), dataset, source, times)
    except UnicodeDecodeError as exc:
        raise InputError(source, f"not UTF-8 text, so not the expected CSV ({exc.reason} at "
                         f"byte {exc.start})") from None
    if period is not None and dataset.time_column is not None:
        _in_period(times, period, dataset.time_column, source)
    return summary


def _in_period(times: list[str], period: Period, column: str, source: str) -> None:
    """The first timestamp outside ``period`` (give or take `PERIOD_SLACK`), or one that is
    no date, as an InputError naming its data row."""
    stamps = pd.to_datetime(pd.Series(times, dtype=str), format="mixed", errors="coerce")
    first, last = period.bounds()
    low = pd.Timestamp(first) - PERIOD_SLACK
    high = pd.Timestamp(last) + timedelta(days=1) + PERIOD_SLACK
    bad = stamps.isna() | (stamps < low) | (stamps > high)
    if not bad.any():
        return
    row = int(bad.to_numpy().argmax())
    if pd.isna(stamps.iloc[row]):
        raise InputError(source, f"not a date (got {times[row]!r})", row=row + 1, field=column)
    raise InputError(source, f"{times[row]} is not in {period} ({first}..{last}), the "
                     "half-year this file is filed under: a wrong --url or --period? (its "
                     f"rows run {stamps.min():%Y-%m-%d}..{stamps.max():%Y-%m-%d})",
                     row=row + 1, field=column)


def _validate(reader, dataset: Dataset, source: str, times: list[str]) -> CsvSummary:
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
        when = header.index(dataset.time_column) if dataset.time_column in header else None
        seen = dict.fromkeys(dataset.numeric_columns, 0)
        rows = 0
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # blank line
            rows += 1
            if len(row) != len(header):
                raise InputError(source, f"expected {len(header)} fields, got {len(row)} "
                                 "(truncated or malformed file)", row=rows)
            if when is not None:
                times.append(row[when].strip())
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
