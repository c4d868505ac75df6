"""One call from CSV file(s) to a modelling series: read -> combine -> clean -> resample.

``load_series(path_or_paths, ...)`` returns ``(series, report)``: the series follows the
project convention (float values on a sorted, gap-free ``PeriodIndex`` of ``freq``); the
`LoadReport` gathers what each step found and did, so nothing is changed silently. The rules
live with each step: `formats` and `dates` (format detection; UTC hour starts; the PJM DST
rules), `read` (rows, missing values), `combine` (later file wins, overlaps reported),
`clean` (duplicates, gaps, outliers) and `resample` (period time zone, coverage, edges).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from forecasting.errors import InputError
from forecasting.series.clean import CleaningReport, CleaningRules, clean
from forecasting.series.combine import OverlapReport, combine
from forecasting.series.read import ReadReport, read_series
from forecasting.series.resample import DEFAULT_PERIOD_TZ, ResampleReport, resample_with_report


@dataclass
class LoadReport:
    """Everything `load_series` found and did, step by step."""

    files: list[str]
    reads: list[ReadReport]
    cleaning: CleaningReport
    resampling: ResampleReport
    overlaps: list[OverlapReport] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "files": list(self.files),
            "reads": [r.to_dict() for r in self.reads],
            "overlaps": [o.to_dict() for o in self.overlaps],
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
            tail = f"; {'; '.join(extra)}" if extra else ""
            lines.append(f"{r.file}: {r.format}, {r.rows} rows ({r.time_convention}){tail}")
        lines += [o.summary() for o in self.overlaps]
        lines += self.cleaning.summary()
        lines += self.resampling.summary()
        return lines


def load_series(
    path: str | Path | Sequence[str | Path],
    *,
    format: str | None = None,
    date_col: str | None = None,
    value_col: str | None = None,
    freq: str = "M",
    agg: str = "mean",
    unit: str | None = None,
    source_tz: str = "UTC",
    period_tz: str = DEFAULT_PERIOD_TZ,
    rules: CleaningRules | None = None,
    edge_coverage: float = 0.99,
    min_coverage: float = 0.5,
) -> tuple[pd.Series, LoadReport]:
    """Read one file, or several of one region in order (later files win overlaps), then
    clean and resample to ``freq`` ('Y', 'M', 'D', 'H') with ``agg`` ('mean', 'sum', 'max').

    The reading options apply to every file (the format is detected per file when not
    given); ``rules`` are the cleaning thresholds; ``period_tz``, ``edge_coverage`` and
    ``min_coverage`` are the resampling rules.
    """
    paths = [path] if isinstance(path, str | Path) else list(path)
    if not paths:
        raise InputError("(no file)", "no input file given")
    raws = [
        read_series(
            p, format=format, date_col=date_col, value_col=value_col, unit=unit, source_tz=source_tz
        )
        for p in paths
    ]
    raw, overlaps = combine(raws)
    cleaned, cleaning = clean(raw, rules)
    series, resampling = resample_with_report(
        cleaned,
        freq,
        agg,
        period_tz=period_tz,
        edge_coverage=edge_coverage,
        min_coverage=min_coverage,
    )
    report = LoadReport(
        files=[r.file for r in raw.reads],
        reads=list(raw.reads),
        cleaning=cleaning,
        resampling=resampling,
        overlaps=overlaps,
    )
    return series, report
