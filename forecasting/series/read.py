"""Read one grid-load CSV file into a `RawSeries` (no cleaning, no resampling).

Rules:

- The format (eia930, pjm, generic) comes from the header (`formats`); the timestamps become
  UTC hour starts or periods (`dates`, which states the time-zone and DST rules).
- Rows are numbered as data rows: row 1 is the first line after the header (row N is line
  N+1). Blank lines keep their number but are skipped and counted.
- A value cell that is empty or ``NA``/``N/A``/``NaN``/``null``/``-`` is a *missing value*:
  kept as NaN (so cleaning reports it as a gap) and counted. Any other non-numeric or
  non-finite value is an `InputError` naming file, row and column, as are an empty date cell,
  an unparseable date, a missing file, an empty file and an unreadable one.
- The returned values are sorted by time (stable, so repeated timestamps keep file order);
  repeated timestamps are *not* merged here (that is `clean`'s job, which reports it).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd

from forecasting.errors import InputError
from forecasting.paths import display_path
from forecasting.series.dates import parse_dates
from forecasting.series.formats import FileFormat, detect_format

MISSING_TOKENS = frozenset({"", "na", "n/a", "nan", "null", "none", "-"})
OK_FLAG = "OKAY"
LIST_LIMIT = 10


@dataclass(frozen=True)
class ReadReport:
    """What reading one file found and did."""

    file: str
    format: str
    date_col: str
    value_col: str
    unit: str
    time_convention: str  # e.g. "America/New_York, hour ending"
    freq: str  # native frequency: 'H', 'D', 'M' or 'Y'
    rows: int  # data rows read (blank lines excluded)
    blank_lines: int = 0
    missing_values: int = 0  # empty/NA value cells, kept as NaN
    missing_value_rows: list[int] = field(default_factory=list)  # the first few
    repeated_local_hours: list[str] = field(default_factory=list)  # DST fall-back labels
    nonexistent_rows: list[int] = field(default_factory=list)  # spring-forward, dropped
    source_flags: dict[str, int] = field(default_factory=dict)  # EIA-930 non-OKAY categories

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, eq=False)
class RawSeries:
    """A load series as read: values, where each came from, and what reading did.

    ``values``: floats indexed by a tz-aware UTC ``DatetimeIndex`` of hour *starts* (hourly
    sources, ``freq == 'H'``) or by a ``PeriodIndex`` (generic Y/M/D files); sorted, possibly
    with repeated timestamps and NaN. ``origin`` has the same index and columns ``file``,
    ``row`` (data row number) and ``label`` (date text as in the file).
    """

    values: pd.Series
    source: str
    format: str
    unit: str
    freq: str
    origin: pd.DataFrame
    reads: tuple[ReadReport, ...] = ()

    @property
    def hourly(self) -> bool:
        return self.freq == "H"

    @classmethod
    def from_series(
        cls, values: pd.Series, *, source: str = "<memory>", unit: str = "MW"
    ) -> RawSeries:
        """Wrap in-memory values: a ``DatetimeIndex`` of hour starts (naive means UTC) or a
        ``PeriodIndex`` (Y, M or D). Origin rows are positions (1-based)."""
        index = values.index
        if isinstance(index, pd.PeriodIndex):
            freq = index.freqstr.upper()[0]
            if freq not in "DMY":
                raise ValueError(f"unsupported period frequency {index.freqstr}")
        elif isinstance(index, pd.DatetimeIndex):
            index = index.tz_localize("UTC") if index.tz is None else index.tz_convert("UTC")
            freq = "H"
        else:
            raise TypeError("values need a DatetimeIndex or a PeriodIndex")
        values = pd.Series(values.to_numpy(dtype=float), index=index, name=values.name)
        order = np.argsort(index.asi8, kind="stable")
        origin = pd.DataFrame(
            {"file": source, "row": np.arange(1, len(index) + 1), "label": index.astype(str)},
            index=index,
        )
        return cls(values.iloc[order], source, "generic", unit, freq, origin.iloc[order])


def _open_error(file: str, exc: Exception) -> InputError:
    if isinstance(exc, pd.errors.EmptyDataError):
        return InputError(file, "file is empty (no header line)")
    if isinstance(exc, UnicodeDecodeError):
        return InputError(file, "not a text CSV file (cannot decode as UTF-8)")
    return InputError(file, f"not a readable CSV file: {str(exc).strip()}")


def _read_header(path: Path, file: str) -> list[str]:
    if not path.exists():
        raise InputError(file, "file not found")
    if not path.is_file():
        raise InputError(file, "not a file")
    try:
        return [str(c) for c in pd.read_csv(path, nrows=0).columns]
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise _open_error(file, exc) from exc


def _read_columns(path: Path, file: str, spec: FileFormat) -> pd.DataFrame:
    cols = [spec.date_col, spec.value_col] + ([spec.flag_col] if spec.flag_col else [])
    try:
        frame = pd.read_csv(
            path, usecols=cols, dtype=str, keep_default_na=False, skip_blank_lines=False
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise _open_error(file, exc) from exc
    return frame.fillna("")


def _parse_values(texts: pd.Series, rows: np.ndarray, file: str, col: str) -> pd.Series:
    """Floats; NaN for missing-value tokens; `InputError` at the first bad cell."""
    values = pd.to_numeric(texts, errors="coerce").astype(float)
    missing = texts.str.lower().isin(MISSING_TOKENS).to_numpy()
    bad = np.flatnonzero((~np.isfinite(values.to_numpy())) & ~missing)
    if len(bad):
        pos = int(bad[0])
        raise InputError(file, f"not a number: '{texts.iloc[pos]}'", row=int(rows[pos]), field=col)
    values[missing] = np.nan
    return values


def read_series(
    path: str | Path,
    *,
    format: str | None = None,
    date_col: str | None = None,
    value_col: str | None = None,
    unit: str | None = None,
    source_tz: str = "UTC",
) -> RawSeries:
    """Read one CSV file (rules in the module docstring).

    ``format`` forces 'eia930', 'pjm' or 'generic'; ``date_col``/``value_col`` name the
    columns of a generic file (or override a known format's); ``unit`` overrides the unit;
    ``source_tz`` is the time zone of generic timestamps without a UTC offset.
    """
    path = Path(path)
    file = display_path(path)
    try:
        ZoneInfo(source_tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InputError(file, f"unknown time zone '{source_tz}'", field="source_tz") from exc
    columns = _read_header(path, file)
    spec = detect_format(
        file,
        columns,
        format=format,
        date_col=date_col,
        value_col=value_col,
        unit=unit,
        tz=source_tz,
    )
    if spec.date_col == spec.value_col:
        raise InputError(file, "date and value columns must differ", field=spec.value_col)
    frame = _read_columns(path, file, spec)
    dates = frame[spec.date_col].str.strip()
    texts = frame[spec.value_col].str.strip()
    rows = np.arange(1, len(frame) + 1)

    blank = ((dates == "") & (texts == "")).to_numpy()
    no_date = np.flatnonzero(((dates == "") & (texts != "")).to_numpy())
    if len(no_date):
        raise InputError(file, "missing date", row=int(rows[no_date[0]]), field=spec.date_col)
    keep = ~blank
    if not keep.any():
        raise InputError(file, "no data rows")
    dates, texts, rows = dates[keep], texts[keep], rows[keep]

    parsed = parse_dates(
        dates,
        rows,
        file=file,
        col=spec.date_col,
        tz=spec.tz,
        hour_ending=spec.hour_ending,
        periods_allowed=spec.name == "generic",
    )
    values = _parse_values(texts.reset_index(drop=True), rows, file, spec.value_col)
    missing_rows = rows[values.isna().to_numpy()]

    flags: dict[str, int] = {}
    if spec.flag_col:
        counts = frame.loc[keep, spec.flag_col].str.strip().value_counts()
        flags = {str(k): int(v) for k, v in counts.items() if k != OK_FLAG}

    placed = ~np.asarray(pd.isna(parsed.index))
    index = parsed.index[placed].rename("hour_start_utc" if parsed.freq == "H" else "period")
    series = pd.Series(values.to_numpy()[placed], index=index, name=spec.value_col)
    origin = pd.DataFrame(
        {"file": file, "row": rows[placed], "label": dates.to_numpy()[placed]}, index=index
    )
    order = np.argsort(index.asi8, kind="stable")
    series, origin = series.iloc[order], origin.iloc[order]

    report = ReadReport(
        file=file,
        format=spec.name,
        date_col=spec.date_col,
        value_col=spec.value_col,
        unit=spec.unit,
        time_convention=spec.convention if parsed.freq == "H" else "calendar periods",
        freq=parsed.freq,
        rows=int(keep.sum()),
        blank_lines=int(blank.sum()),
        missing_values=len(missing_rows),
        missing_value_rows=[int(r) for r in missing_rows[:LIST_LIMIT]],
        repeated_local_hours=parsed.repeated_local,
        nonexistent_rows=parsed.nonexistent_rows,
        source_flags=flags,
    )
    return RawSeries(series, file, spec.name, spec.unit, parsed.freq, origin, (report,))
