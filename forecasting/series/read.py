"""Read one grid-load file into a `RawSeries` (no cleaning, no resampling).

Rules:

- Files: CSV, gzip-compressed CSV and Parquet, told apart by their first bytes (not their
  names); a file with NUL bytes or that is not UTF-8 is "not a text file". A directory is
  its ``.csv``/``.csv.gz``/``.parquet``/``.pq`` files in name order (`series_files`).
  Parquet cells are read as the text a CSV would hold (timestamps as ISO text).
- The format (eia930, eia930-balance, pjm, generic) comes from the header (`formats`); a
  header that is none of them, without both ``date_col`` and ``value_col``, is a generic file
  whose columns are found from its first rows (`columns`; when they are not, `layouts` names
  a separator, a title or units line or a decimal comma that hides them). The timestamps
  become UTC hour starts or periods (`dates`, which states the time-zone and DST rules) and
  the sampling (hourly, daily, monthly, annual) is inferred and reported (`sampling`, which
  also refuses mixed frequencies); sub-hourly samples (every 5, 15 or 30 minutes) are
  averaged to hours, or summed when their unit is an energy (`sub_hourly`).
- Rows are numbered as data rows: row 1 is the first line after the header (row N is line
  N+1). Blank lines keep their number but are skipped and counted.
- A value cell that is empty or ``NA``/``N/A``/``NaN``/``null``/``-`` is a *missing value*:
  kept as NaN (so cleaning reports it as a gap) and counted. A column whose ',' may group
  thousands or mark decimals (``11,768``) and whose cells do not settle which is refused
  (`comma_reading`). Any other non-numeric or
  non-finite value, and a negative one, is an `InputError` naming file, row and column, as
  are a value column empty in every row, an EIA BALANCE file holding several balancing
  authorities when ``area`` does not choose one (one file is one area's load: the error names
  the authorities and the first row of the second), an ``area`` the file holds no row of
  (the error names those it holds), an empty date cell, an unparseable date, a missing
  file, an empty file and an unreadable one.
- An EIA-930 file's ``category`` (`formats`) marks each row whose flag is not ``OKAY`` as
  imputed by the source (``RawSeries.origin["imputed"]``): the value is kept, and a zone's
  history uses it for energy and not for peaks (`forecasting.zones.history`). A flag is read
  as the format's header is, stripped and case-insensitively (``okay`` is ``OKAY``). An empty
  cell is no flag: the source says nothing about that hour, as in a file without the column,
  so the hour is not imputed (a user's export that leaves the column empty for the rows it
  appended must not turn every appended peak into a guess). The read report counts the
  imputing flags in ``source_flags`` (upper-cased, so their total is the file's imputed
  rows) and the empty cells apart, in ``unflagged_rows``.
- The returned values are sorted by time (stable, so repeated timestamps keep file order);
  repeated timestamps are *not* merged here (that is `clean`'s job, which reports it).
"""

from __future__ import annotations

import gzip
import re
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from forecasting.contracts import frequency_code
from forecasting.errors import InputError
from forecasting.paths import display_path
from forecasting.series.columns import detect_columns, thousands_separated
from forecasting.series.comma_reading import ambiguity_error, ambiguous_position
from forecasting.series.dates import has_hour_24, parse_dates
from forecasting.series.formats import BALANCE_AREA, detect_format, known_header
from forecasting.series.hour_columns import day_texts, hour_column, joined_labels
from forecasting.series.layouts import layout_error
from forecasting.series.sampling import NAMES, check_no_stray_date, check_single_frequency
from forecasting.series.sub_hourly import hourly_means
from forecasting.series.time_zone import known_time_zone
from forecasting.series.units import is_energy

MISSING_TOKENS = frozenset({"", "na", "n/a", "nan", "null", "none", "-", "<na>", "nat"})
PARQUET_MAGIC = b"PAR1"
GZIP_MAGIC = b"\x1f\x8b"
SNIFF_BYTES = 8192
SNIFF_ROWS = 200  # rows sampled to find the date and value columns of an unknown header
SERIES_SUFFIXES = (".csv", ".csv.gz", ".parquet", ".pq")
OK_FLAG = "OKAY"
#: share of a generic file's rows repeating an earlier timestamp above which the file is
#: searched for a column naming several areas (`_generic_area`)
REPEATED_SHARE = 0.2
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
    unflagged_rows: int = 0  # rows whose EIA-930 category is empty: no flag, not imputed
    sampling: str = ""  # the inferred sampling and why, e.g. "monthly (every date is ...)"
    columns_detected: bool = False  # date/value columns found from the cells (`columns`)
    repeated_samples: int = 0  # sub-hourly samples given twice, merged before the hour's mean

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, eq=False)
class RawSeries:
    """A load series as read: values, where each came from, and what reading did.

    ``values``: floats indexed by a tz-aware UTC ``DatetimeIndex`` of hour *starts* (hourly
    sources, ``freq == 'H'``) or by a ``PeriodIndex`` (generic Y/M/D files); sorted, possibly
    with repeated timestamps and NaN. ``origin`` has the same index and columns ``file``,
    ``row`` (data row number), ``label`` (date text as in the file) and ``imputed`` (the
    source says it imputed the value: an EIA-930 ``category`` other than ``OKAY``; False in a
    file without one and for an empty cell). An imputed value is the source's cleaners' guess,
    not a measurement: a zone's history keeps it for energy and skips it for peaks
    (`forecasting.zones.history`).
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
        cls, values: pd.Series, *, source: str = "<memory>", unit: str = "MW",
        imputed: pd.Series | None = None,
    ) -> RawSeries:
        """Wrap in-memory values: a ``DatetimeIndex`` of hour starts (naive means UTC) or a
        ``PeriodIndex`` (Y, M or D). Origin rows are positions (1-based). ``imputed``: which
        values the source imputed (bool, aligned with ``values``; none by default)."""
        index = values.index
        if isinstance(index, pd.PeriodIndex):
            freq = frequency_code(index)
            if freq not in "DMY":
                raise ValueError(f"unsupported period frequency {index.freqstr}")
        elif isinstance(index, pd.DatetimeIndex):
            index = index.tz_localize("UTC") if index.tz is None else index.tz_convert("UTC")
            freq = "H"
        else:
            raise TypeError("values need a DatetimeIndex or a PeriodIndex")
        flags = (np.zeros(len(index), dtype=bool) if imputed is None
                 else np.asarray(imputed.to_numpy(), dtype=bool))
        values = pd.Series(values.to_numpy(dtype=float), index=index, name=values.name)
        order = np.argsort(index.asi8, kind="stable")
        origin = pd.DataFrame(
            {"file": source, "row": np.arange(1, len(index) + 1), "label": index.astype(str),
             "imputed": flags},
            index=index,
        )
        return cls(values.iloc[order], source, "generic", unit, freq, origin.iloc[order])


def _open_error(file: str, exc: Exception) -> InputError:
    if isinstance(exc, pd.errors.EmptyDataError):
        return InputError(file, "file is empty (no header line)")
    if isinstance(exc, UnicodeDecodeError):
        return InputError(file, "not a text file (cannot decode as UTF-8)")
    return InputError(file, f"not a readable CSV file: {str(exc).strip()}")


_CSV_ERRORS = (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, EOFError,
               OSError)


def _kind_of(path: Path, file: str) -> str:
    """'parquet', 'gzip' or 'csv', from the first bytes (not the name); `InputError` for a
    missing file, a directory or a file that is not text."""
    if not path.exists():
        raise InputError(file, "file not found")
    if not path.is_file():
        raise InputError(file, "not a file")
    with path.open("rb") as handle:
        head = handle.read(4)
    if head == PARQUET_MAGIC:
        return "parquet"
    if head[:2] == GZIP_MAGIC:
        try:
            with gzip.open(path, "rb") as handle:
                head = handle.read(SNIFF_BYTES)
        except (OSError, EOFError) as exc:
            raise InputError(file, f"not a readable gzip file: {exc}") from exc
        kind = "gzip"
    else:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
        kind = "csv"
    if b"\x00" in head:
        raise InputError(file, "not a text file (it contains NUL bytes)")
    return kind


def _read_table(
    path: Path, file: str, kind: str, usecols: list[str] | None = None, nrows: int | None = None
) -> pd.DataFrame:
    """The file's cells as stripped-later text (all columns, or ``usecols``)."""
    if kind == "parquet":
        import pyarrow.parquet as pq

        try:
            table = pq.read_table(path, columns=usecols)
        except Exception as exc:  # noqa: BLE001 - any pyarrow failure is an unreadable file
            raise InputError(file, f"not a readable Parquet file: {exc}") from exc
        frame = table.slice(0, nrows).to_pandas() if nrows else table.to_pandas()
        return pd.DataFrame({str(c): _as_text(frame[c]) for c in frame.columns})
    try:
        frame = pd.read_csv(
            path,
            usecols=usecols,
            nrows=nrows,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            compression="gzip" if kind == "gzip" else None,
        )
    except _CSV_ERRORS as exc:
        raise _open_error(file, exc) from exc
    frame.columns = [str(c) for c in frame.columns]
    return frame.fillna("")


def _source_flags(cells: pd.Series) -> tuple[dict[str, int], int, np.ndarray]:
    """The imputing flags of an EIA-930 ``category`` column (upper-cased flag -> rows), the
    number of empty cells and which rows the source imputed (module docstring: a flag is
    compared stripped and case-insensitively; an empty cell is no flag)."""
    flags = cells.fillna("").str.strip().str.upper()
    imputed = ((flags != OK_FLAG) & (flags != "")).to_numpy()
    counts = flags[imputed].value_counts()
    return ({str(k): int(v) for k, v in counts.items()}, int((flags == "").sum()), imputed)


def _as_text(column: pd.Series) -> pd.Series:
    """A Parquet column as the text a CSV would hold (timestamps in ISO form)."""
    if pd.api.types.is_datetime64_any_dtype(column):
        form = "%Y-%m-%d %H:%M:%S%z" if getattr(column.dt, "tz", None) else "%Y-%m-%d %H:%M:%S"
        return column.dt.strftime(form).fillna("")
    return column.astype(str).where(column.notna(), "")


def _parse_values(texts: pd.Series, rows: np.ndarray, file: str, col: str,
                  thousands: bool = False) -> pd.Series:
    """Floats; NaN for missing-value tokens; `InputError` at the first bad or negative cell.
    ``thousands``: ``83,512`` is 83512 (a ',' between groups of three digits)."""
    if thousands:
        grouped = texts.str.fullmatch(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")
        texts = texts.where(~grouped, texts.str.replace(",", "", regex=False))
    values = pd.to_numeric(texts, errors="coerce").astype(float)
    missing = texts.str.lower().isin(MISSING_TOKENS).to_numpy()
    bad = np.flatnonzero((~np.isfinite(values.to_numpy())) & ~missing)
    if len(bad):
        pos = int(bad[0])
        text = texts.iloc[pos]
        hint = ""
        if re.fullmatch(r"[+-]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d*)?", text):
            hint = (" (',' thousands separators are read only when every value of the column "
                    "is written with them)")
        elif re.fullmatch(r"[+-]?\d+,\d+", text):
            hint = " (a decimal comma is not read: write a point)"
        raise InputError(file, f"not a number: '{text}'{hint}", row=int(rows[pos]), field=col)
    good = ~missing & np.isfinite(values.to_numpy())
    values[good] = texts[good].astype(float)  # exact decimal round trip (to_numeric is not)
    negative = np.flatnonzero(values.to_numpy() < 0)
    if len(negative):
        pos = int(negative[0])
        raise InputError(
            file, f"negative load: '{texts.iloc[pos]}'", row=int(rows[pos]), field=col
        )
    values[missing] = np.nan
    if missing.all():
        span = f"rows {int(rows[0])}-{int(rows[-1])}" if len(rows) > 1 else f"row {int(rows[0])}"
        raise InputError(file, "the value column is empty in every row", row=span, field=col)
    return values


def _generic_area(table: pd.DataFrame, keep: np.ndarray, dates: pd.Series, spec, area,
                  file: str) -> pd.Series | None:
    """The column naming the area of each row of a generic file (PJM Data Miner's ``zone``
    or ``load_area``): with ``area`` given, the first other column holding it in some row
    (an `InputError` if none does, or if its rows still repeat timestamps: the area is made
    of finer ones, `_finest`); otherwise the column that tells apart the rows of one
    timestamp (`_finest`), or None when no column does."""
    others = [c for c in table.columns if c not in (spec.date_col, spec.value_col)]
    cells = {c: table.loc[keep, c].astype(str).str.strip() for c in others}
    times = dates.to_numpy()
    if not area:
        found = _finest(cells, times)
        if found is not None:
            _not_an_hour_column(cells[found], found, file)
            return cells[found].reindex(table.index, fill_value="").rename(found)
        return None
    wanted = area.strip().upper()
    for c in others:
        mine = (cells[c].str.upper() == wanted).to_numpy()
        if not mine.any():
            continue
        if pd.Series(times[mine]).duplicated().mean() >= REPEATED_SHARE:
            finer = _finest({k: v[mine] for k, v in cells.items() if k != c}, times[mine])
            parts = "" if finer is None else (
                f", told apart by column '{finer}' ("
                + ", ".join(list(dict.fromkeys(cells[finer][mine]))[:LIST_LIMIT]) + ")")
            raise InputError(file, f"'{area.strip()}' in column '{c}' keeps several rows an "
                             f"hour{parts}; choose one of those with --ba, or give a file with "
                             "one row an hour (the area's total)", field="--ba")
        return cells[c].reindex(table.index, fill_value="").rename(c)
    raise InputError(file, f"no column holds the area '{area.strip()}' (--ba); the file's "
                     f"columns are {', '.join(repr(c) for c in table.columns)}", field="--ba")


def _finest(cells: dict[str, pd.Series], times: np.ndarray) -> str | None:
    """Of the columns whose value differs between two rows of one timestamp, the first that
    tells every such pair apart (PJM's ``load_area`` rather than ``mkt_region``), else the
    one telling the most apart; None when no column differs within a timestamp."""
    best, most = None, 0
    for c, values in cells.items():
        per_time = values.groupby(times).nunique()
        if not (per_time > 1).any():
            continue
        rows = pd.Series(times).groupby(times).size()
        if (per_time == rows.reindex(per_time.index)).all():
            return c
        if int(per_time.sum()) > most:
            best, most = c, int(per_time.sum())
    return best


def _not_an_hour_column(values: pd.Series, col: str, file: str) -> None:
    """`InputError` if the column telling one date's rows apart holds hour numbers (``HE``
    1-24 beside a date column): the timestamp is split over two columns."""
    numbers = pd.to_numeric(values, errors="coerce")
    if numbers.notna().all() and numbers.between(0, 24).all() and (numbers % 1 == 0).all():
        raise InputError(file, f"the date column repeats with the hour in column '{col}' "
                         f"({int(numbers.min())}-{int(numbers.max())}): give one column with "
                         "date and hour together (e.g. 2024-01-31 13:00)", field=col)


def _one_area(areas: pd.Series, rows: np.ndarray, file: str, col: str) -> None:
    """`InputError` if a file's area column names more than one area (EIA's BALANCE file
    holds every balancing authority, PJM's Data Miner export every zone asked for; a load
    file is one area's)."""
    names = list(dict.fromkeys(areas.to_numpy()))
    if len(names) < 2:
        return
    pos = int(np.flatnonzero((areas != names[0]).to_numpy())[0])
    shown = ", ".join(names[:LIST_LIMIT]) + (", ..." if len(names) > LIST_LIMIT else "")
    what = "balancing authorities" if col == BALANCE_AREA else f"areas in column '{col}'"
    raise InputError(
        file,
        f"holds {len(names)} {what} ({shown}); a load file is one area's: "
        "choose one with --ba (dcload zones init, backtest, regimes) or `area:` in a zone "
        f"config (a many-zone folder takes one file per area), or keep one area's rows",
        row=int(rows[pos]),
        field=col,
    )


def _rows_of_area(areas: pd.Series, area: str, file: str, col: str) -> np.ndarray:
    """Which rows belong to balancing authority `area` (case and spaces ignored);
    `InputError` naming the authorities the file holds if none does."""
    mask = (areas.str.upper() == area.strip().upper()).to_numpy()
    if not mask.any():
        names = list(dict.fromkeys(areas.to_numpy()))
        shown = ", ".join(names[:LIST_LIMIT]) + (", ..." if len(names) > LIST_LIMIT else "")
        raise InputError(file, f"holds no row of balancing authority '{area.strip()}' (it "
                         f"holds {shown})", field=col)
    return mask


def series_files(path: str | Path) -> list[Path]:
    """A file as itself; a directory as its load files (.csv, .csv.gz, .parquet, .pq) in
    name order, for `combine` (later files win overlaps)."""
    path = Path(path)
    if not path.is_dir():
        return [path]
    files = sorted(
        p for p in path.iterdir() if p.is_file() and p.name.lower().endswith(SERIES_SUFFIXES)
    )
    if not files:
        raise InputError(
            display_path(path), f"no load files ({', '.join(SERIES_SUFFIXES)}) in this directory"
        )
    return files


def read_series(
    path: str | Path,
    *,
    format: str | None = None,
    date_col: str | None = None,
    value_col: str | None = None,
    unit: str | None = None,
    source_tz: str = "UTC",
    area: str | None = None,
) -> RawSeries:
    """Read one CSV file (rules in the module docstring).

    ``format`` forces 'eia930', 'pjm' or 'generic'; ``date_col``/``value_col`` name the
    columns of a generic file (or override a known format's); ``unit`` overrides the unit;
    ``source_tz`` is the time zone of generic timestamps without a UTC offset; ``area``
    keeps one balancing authority's rows of a file holding several (EIA's BALANCE file; a
    file without an authority column is one area's already and is read whole).
    """
    path = Path(path)
    file = display_path(path)
    try:
        known_time_zone(source_tz)
    except ValueError as exc:
        raise InputError(file, str(exc), field="source_tz") from None
    kind = _kind_of(path, file)
    try:
        sample = _read_table(path, file, kind, nrows=SNIFF_ROWS)
    except InputError as error:  # a title line of one field above the header
        layout = layout_error(file, path, kind, None, MISSING_TOKENS)
        raise (layout or error) from None
    columns = list(sample.columns)
    if not columns:
        raise InputError(file, "file is empty (no header line)")
    if len(sample) < SNIFF_ROWS and not sample.apply(lambda c: c.str.strip() != "").any().any():
        raise InputError(file, "no data rows")  # as a known header without rows
    detected = (
        format in (None, "generic")
        and (date_col is None or value_col is None)
        and not known_header(columns)
    )
    if detected:
        try:
            date_col, value_col = detect_columns(
                file, sample, missing=MISSING_TOKENS, date_col=date_col, value_col=value_col
            )
        except InputError as error:  # a separator, a title or units line, a decimal comma
            layout = layout_error(file, path, kind, sample, MISSING_TOKENS)
            raise (layout or error) from None
        if date_col not in columns or value_col not in columns:
            detect_format(file, columns, format="generic", date_col=date_col, value_col=value_col)
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
    hour_col = hour_column(sample, spec.date_col) if spec.name == "generic" else None
    usecols = [spec.date_col, spec.value_col] + [
        c for c in (spec.flag_col, spec.area_col, hour_col)
        if c and c not in (spec.date_col, spec.value_col)
    ]
    frame = _read_table(path, file, kind, usecols=usecols)
    dates = frame[spec.date_col].str.strip()
    days = day_texts(dates) if hour_col is not None and hour_col != spec.value_col else None
    if days is not None:  # a date and its hour apart
        dates, ending, bad = joined_labels(days, frame[hour_col].str.strip(), column=hour_col,
                                           tz=spec.tz)
        if len(bad):
            span = "1-24, hour ending" if ending else "0-23, hour beginning"
            raise InputError(file, f"'{frame[hour_col].iloc[bad[0]].strip()}' is not an hour "
                             f"its day can have ({span}; one more on the long day of a clock "
                             "with DST)", row=int(bad[0]) + 1, field=hour_col)
        spec = replace(spec, hour_ending=ending)
    if spec.name == "generic" and not spec.hour_ending and has_hour_24(dates):
        spec = replace(spec, hour_ending=True)  # a day's 24:00 can only end its hour
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
    if spec.name == "generic" and (area or dates.duplicated().mean() >= REPEATED_SHARE):
        found = _generic_area(_read_table(path, file, kind), keep, dates, spec, area, file)
        if found is not None:
            spec = replace(spec, area_col=found.name)
            frame[found.name] = found
    if spec.area_col:
        areas = frame.loc[keep, spec.area_col].str.strip()
        if area is not None and area.strip():
            mask = _rows_of_area(areas, area, file, spec.area_col)
            dates, texts, rows, areas = dates[mask], texts[mask], rows[mask], areas[mask]
            kept = np.flatnonzero(keep)
            keep = np.zeros_like(keep)
            keep[kept[mask]] = True  # the other authorities' rows are not this file's data
        _one_area(areas, rows, file, spec.area_col)

    parsed = parse_dates(
        dates,
        rows,
        file=file,
        col=spec.date_col,
        tz=spec.tz,
        hour_ending=spec.hour_ending,
        periods_allowed=spec.name == "generic",
        date_format=spec.date_format,
    )
    check_single_frequency(parsed.index, parsed.freq, rows, file=file, col=spec.date_col)
    check_no_stray_date(parsed.index, parsed.freq, rows, file=file, col=spec.date_col)
    texts = texts.reset_index(drop=True)
    thousands = spec.thousands or (spec.name == "generic"
                                   and thousands_separated(texts, MISSING_TOKENS))
    if thousands and not spec.thousands:
        at = ambiguous_position(texts, MISSING_TOKENS)
        if at is not None:
            raise ambiguity_error(file, texts.iloc[at], int(rows[at]), spec.value_col)
    values = _parse_values(texts, rows, file, spec.value_col, thousands=thousands)
    missing_rows = rows[values.isna().to_numpy()]

    flags, unflagged = {}, 0
    imputed = np.zeros(int(keep.sum()), dtype=bool)
    if spec.flag_col:
        flags, unflagged, imputed = _source_flags(frame.loc[keep, spec.flag_col])

    placed = ~np.asarray(pd.isna(parsed.index))
    index = parsed.index[placed].rename("hour_start_utc" if parsed.freq == "H" else "period")
    series = pd.Series(values.to_numpy()[placed], index=index, name=spec.value_col)
    origin = pd.DataFrame(
        {"file": file, "row": rows[placed], "label": dates.to_numpy()[placed],
         "imputed": imputed[placed]}, index=index
    )
    order = np.argsort(index.asi8, kind="stable")
    series, origin = series.iloc[order], origin.iloc[order]
    sampling = f"{NAMES[parsed.freq]} ({parsed.inferred})"
    repeated = 0
    if parsed.step_minutes < 60:
        means = hourly_means(series, origin, parsed.step_minutes, energy=is_energy(spec.unit))
        series, origin, repeated = means.values, means.origin, means.repeated
        sampling = f"sub-hourly ({means.note(parsed.step_minutes)})"

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
        unflagged_rows=unflagged,
        sampling=sampling,
        columns_detected=detected,
        repeated_samples=repeated,
    )
    return RawSeries(series, file, spec.name, spec.unit, parsed.freq, origin, (report,))
