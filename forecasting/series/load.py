"""One call from CSV file(s) to a modelling series: read -> combine -> clean -> resample.

``load_series(path_or_paths, ...)`` returns ``(series, report)``: the series follows the
project convention (float values on a sorted, gap-free ``PeriodIndex`` of ``freq``); the
`LoadReport` gathers what each step found and did, so nothing is changed silently. The rules
live with each step: `formats` and `dates` (format detection; UTC hour starts; the PJM DST
rules), `read` (rows, missing values), `combine` (later file wins, overlaps reported),
`clean` (duplicates, gaps, outliers) and `resample` (period time zone, coverage, edges).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from forecasting.errors import InputError
from forecasting.series.clean import CleaningReport, CleaningRules, clean
from forecasting.series.combine import OverlapReport, combine
from forecasting.series.local_clock import local_clock_warnings
from forecasting.series.read import ReadReport, read_series, series_files
from forecasting.series.resample import (
    DEFAULT_PERIOD_TZ,
    ORDER,
    ResampleReport,
    resample_with_report,
)
from forecasting.series.sampling import NAMES
from forecasting.series.zeros import ZeroReport, set_aside_zeros


@dataclass
class LoadReport:
    """Everything `load_series` found and did, step by step."""

    files: list[str]
    reads: list[ReadReport]
    cleaning: CleaningReport
    resampling: ResampleReport
    overlaps: list[OverlapReport] = field(default_factory=list)
    zeros: ZeroReport = field(default_factory=ZeroReport)
    #: files read on UTC by default that look like local time (`local_clock`), one warning
    #: line each; not in `to_dict`, since which clock was stated is the caller's to know
    local_clock: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "files": list(self.files),
            "reads": [r.to_dict() for r in self.reads],
            "overlaps": [o.to_dict() for o in self.overlaps],
            "zeros": self.zeros.to_dict(),
            "cleaning": self.cleaning.to_dict(),
            "resampling": self.resampling.to_dict(),
        }

    def summary(self) -> list[str]:
        """Short lines for a person (e.g. the CLI) to read."""
        lines = []
        for r in self.reads:
            extra = []
            if r.repeated_local_hours:
                extra.append(
                    f"{len(r.repeated_local_hours)} repeated fall-back hours "
                    "placed as daylight then standard time"
                )
            if r.nonexistent_rows:
                extra.append(
                    f"{len(r.nonexistent_rows)} rows at nonexistent local times "
                    f"dropped (rows {r.nonexistent_rows[:5]})"
                )
            if r.missing_values:
                extra.append(f"{r.missing_values} missing values")
            if r.source_flags:
                extra.append(f"source flags {r.source_flags}")
            if r.unflagged_rows:
                extra.append(f"{r.unflagged_rows} rows with an empty category (no flag: "
                             "not imputed)")
            tail = f"; {'; '.join(extra)}" if extra else ""
            cols = f", columns '{r.date_col}' and '{r.value_col}' detected" \
                if r.columns_detected else ""
            lines.append(f"{r.file}: {r.format}{cols}, {r.rows} rows ({r.time_convention}){tail}")
            if r.sampling:
                lines.append(f"{r.file}: sampling inferred: {r.sampling}")
        lines += [o.summary() for o in self.overlaps]
        lines += self.zeros.summary()
        lines += self.cleaning.summary()
        lines += self.resampling.summary()
        return lines


def default_freq(native: str) -> str:
    """The modelling frequency when none is asked: M for hourly and daily data, else the
    data's own (monthly or annual)."""
    return "M" if native in ("H", "D") else native


def load_series(
    path: str | Path | Sequence[str | Path],
    *,
    format: str | None = None,
    date_col: str | None = None,
    value_col: str | None = None,
    freq: str | None = "M",
    agg: str = "mean",
    unit: str | None = None,
    source_tz: str = "UTC",
    period_tz: str = DEFAULT_PERIOD_TZ,
    rules: CleaningRules | None = None,
    edge_coverage: float = 0.99,
    min_coverage: float | Mapping[str, float] = 0.5,
    area: str | None = None,
) -> tuple[pd.Series, LoadReport]:
    """Read one file, or several of one region in order (later files win overlaps), then
    clean and resample to ``freq`` ('Y', 'M', 'D', 'H'; None: `default_freq` of the data)
    with ``agg`` ('mean', 'sum', 'max'). A directory stands for its files (`series_files`).
    A ``freq`` finer than the data's sampling is an `InputError` (field 'freq').

    The reading options apply to every file (the format is detected per file when not
    given; ``area`` keeps one balancing authority's rows of a file holding several);
    ``rules`` are the cleaning thresholds; ``period_tz``, ``edge_coverage`` and
    ``min_coverage`` (one share, or one per frequency 'H', 'D', 'M', 'Y') are the
    resampling rules. Zeros are no data or values as `forecasting.series.zeros` decides.
    """
    given = [path] if isinstance(path, str | Path) else list(path)
    paths = [f for p in given for f in series_files(p)]
    if not paths:
        raise InputError("(no file)", "no input file given")
    raws = [
        read_series(
            p, format=format, date_col=date_col, value_col=value_col, unit=unit,
            source_tz=source_tz, area=area,
        )
        for p in paths
    ]
    clock_lines = local_clock_warnings(raws)
    raw, overlaps = combine(raws)
    stamps = raw.values.dropna().index.unique()
    if len(stamps) < 2:
        rows = sum(r.rows for r in raw.reads)
        raise InputError(
            raw.source,
            f"{len(stamps)} dated value(s) in {rows} data row(s); a series needs at least 2",
            row=f"rows 1-{rows}" if rows > 1 else "row 1",
            field=raw.reads[0].date_col if raw.reads else None,
        )
    raw, zeros = set_aside_zeros(raw)
    cleaned, cleaning = clean(raw, rules)
    freq = default_freq(raw.freq) if freq is None else str(freq).upper()
    if freq in ORDER and ORDER.index(freq) < ORDER.index(raw.freq):
        raise InputError(
            raw.source,
            f"--freq {freq} is finer than the data, which are {NAMES[raw.freq]} (inferred from "
            f"the dates); use --freq {' or '.join(ORDER[ORDER.index(raw.freq):])}",
            field="freq",
        )
    series, resampling = resample_with_report(
        cleaned,
        freq,
        agg,
        period_tz=period_tz,
        edge_coverage=edge_coverage,
        min_coverage=min_coverage if isinstance(min_coverage, float | int)
        else min_coverage.get(freq, 1.0),  # an unknown frequency is refused by resample
    )
    report = LoadReport(
        files=[r.file for r in raw.reads],
        reads=list(raw.reads),
        cleaning=cleaning,
        resampling=resampling,
        overlaps=overlaps,
        zeros=zeros,
        local_clock=clock_lines,
    )
    return series, report
