"""File reading for zones (the only module of `forecasting.zones` that touches files).

`read_zone_files` reads a zone's hourly load files with the series readers
(`forecasting.series.read.read_series`; formats, clocks and DST rules live there), refuses a
file that is not hourly (a zone's history is hours: monthly or daily sums cannot give its
peaks), refuses files of one zone in different units, and gives the load in MW: a kW or GW
column (``load (kW)``) is divided or multiplied by 1000, and an hourly energy column (kWh,
MWh, GWh: the energy of each hour) is the hour's mean power in kW, MW, GW (`TO_MW`). A column
naming no unit is taken as MW. The conversion is recorded in the file's read report
(``unit``: ``"kW, converted to MW (x 0.001)"``).
`read_table` reads a large-load CSV file as text cells for `large_loads` to validate;
`read_ba_table` a regions table of balancing authorities (EIA's
balancing_authority_acronyms.csv) as text cells, for `read_ba_regions`,
`read_ba_time_zones` and the many-zone plan's clock check.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pandas as pd

from forecasting.errors import InputError, InputWarning
from forecasting.paths import display_path
from forecasting.series.layouts import separator_name
from forecasting.series.local_clock import local_clock_warnings, utc_file_signature
from forecasting.series.read import RawSeries, read_series
from forecasting.series.time_zone import known_time_zone
from forecasting.zones.large_loads import parse_assumptions, parse_contracts
from forecasting.zones.published_figures import PublishedFigure, parse_published_figures
from forecasting.zones.scenarios import refuse_other_stages

#: suffixes of a compressed file and of a data file, dropped from a file's name to name its zone
COMPRESSION_SUFFIXES = (".gz", ".bz2", ".xz", ".zip", ".zst")
DATA_SUFFIXES = (".csv", ".parquet", ".pq", ".txt")


def zone_name(path: str | Path) -> str:
    """A zone's name from its file's: without a compression suffix (`COMPRESSION_SUFFIXES`)
    and then without a data suffix (`DATA_SUFFIXES`), case-insensitive: ``TAL.csv.gz``,
    ``TAL.csv``, ``TAL.parquet`` and ``TAL.gz`` are all ``TAL``. A name with neither loses
    its last suffix (``Path.stem``)."""
    name = Path(path).name
    stripped = False
    for suffixes in (COMPRESSION_SUFFIXES, DATA_SUFFIXES):
        for suffix in suffixes:
            if name.lower().endswith(suffix) and len(name) > len(suffix):
                name, stripped = name[: -len(suffix)], True
                break
    return name if stripped else Path(name).stem


#: MW per unit of an hourly file's value column: power, or the energy of one hour (whose
#: mean power it is); "unspecified" (no unit in the header) is taken as MW
TO_MW = {"kW": 1e-3, "MW": 1.0, "GW": 1e3, "TW": 1e6,
         "kWh": 1e-3, "MWh": 1.0, "GWh": 1e3, "TWh": 1e6, "unspecified": 1.0}


def read_zone_file(path: str | Path, *, area: str | None = None, source_tz: str = "UTC",
                   column: str | None = None) -> RawSeries:
    """One hourly load file in MW (module docstring); `InputError` for a file that is not
    hourly or whose unit is not a power or an hourly energy. ``area`` keeps one balancing
    authority's rows of a file holding several (EIA's BALANCE file); ``source_tz`` is the
    clock of timestamps without a UTC offset; ``column`` the load column of a file with
    several numeric columns."""
    try:
        raw = read_series(path, area=area, source_tz=source_tz, value_col=column)
    except InputError as error:
        raise zone_advice(error) from None
    report = raw.reads[0]
    if not raw.hourly:
        raise InputError(raw.source, f"a zone needs hourly load, and this file's sampling is "
                         f"{report.sampling}", field=report.date_col)
    if raw.unit not in TO_MW:
        raise InputError(raw.source, f"unit '{raw.unit}' is not a power (kW, MW, GW) or an "
                         "hourly energy (kWh, MWh, GWh)", field=report.value_col)
    return raw


#: the series readers' advice about columns, as a zone takes it (`column`, not value_col)
ZONE_COLUMN = ("choose the load column with --column (zones init) or `column:` in the zone "
               "config")
COLUMN_ADVICE = (
    (re.compile(r"; (choose the load with|give) value_col \(--value-col\)$"), f"; {ZONE_COLUMN}"),
    (re.compile(r"; pass value_col to choose one$"), f"; {ZONE_COLUMN}"),
    (re.compile(r" \(or give date_col and value_col\)$"), ""),
    (re.compile(r", or date_col and value_col for a generic file"),
     ", or one date column and one numeric load column"),
)


def zone_advice(error: InputError) -> InputError:
    """`error` with the readers' advice to pass value_col/date_col put as a zone takes it
    (`COLUMN_ADVICE`); the field 'value_col', not a zone's, is dropped."""
    message = error.message
    for pattern, advice in COLUMN_ADVICE:
        message = pattern.sub(advice, message)
    if message == error.message:
        return error
    field = None if error.field == "value_col" else error.field
    return InputError(error.file, message, row=error.row, field=field)


def in_mw(raw: RawSeries) -> RawSeries:
    """The series in MW, the conversion recorded in its read reports (MW and unnamed units
    are returned as they are)."""
    factor = TO_MW[raw.unit]
    if raw.unit in ("MW", "unspecified"):
        return raw
    note = f"{raw.unit}, converted to MW (x {factor:g})"
    return replace(raw, values=raw.values * factor, unit="MW",
                   reads=tuple(replace(r, unit=note) for r in raw.reads))


def read_zone_files(paths: Sequence[str | Path], *, area: str | None = None,
                    source_tz: str = "UTC", column: str | None = None) -> list[RawSeries]:
    """Each file read (UTC hour starts, provenance rows) and in MW, in the order given;
    `InputError` for a file that is not hourly, and for files in different units (as
    `forecasting.series.combine` refuses them). ``area``, ``source_tz``, ``column``: see
    `read_zone_file`."""
    if not paths:
        raise InputError("(no file)", "a zone needs at least one load file")
    raws = [read_zone_file(p, area=area, source_tz=source_tz, column=column) for p in paths]
    for earlier, later in zip(raws, raws[1:], strict=False):
        if later.unit != earlier.unit:
            raise InputError(later.source, f"cannot combine: its unit '{later.unit}' differs "
                             f"from '{earlier.unit}' of {earlier.source}")
    return [in_mw(r) for r in raws]


def read_table(path: str | Path) -> tuple[str, pd.DataFrame]:
    """(display name, text cells) of a comma-separated file (UTF-8, a byte-order mark taken),
    cells and column names stripped of spaces, blank lines skipped; `InputError` if missing or
    unreadable, for a header that is one cell holding ``;``, a tab or ``|`` (a file separated
    by them: it needs commas), a column named twice, a column with no name but with values
    (an unnamed column whose cells are all empty, as a comma ending every line leaves, is
    dropped), and a row (1 = first data row) with more or fewer cells than the header. A
    comment line (``# queue of 2024``) is refused, never skipped, as the project's other
    readers refuse lines above a header (`forecasting.series.layouts`): first, it was taken
    as the header, and the error named the first data row's cell count (fuzz 9a)."""
    import csv

    path = Path(path)
    file = display_path(path)
    if not path.is_file():
        raise InputError(file, "file not found")
    rows: list[list[str]] = []
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            try:
                for cells in reader:
                    if len(cells) <= 1 and not "".join(cells).strip():
                        continue  # a blank line
                    rows.append([c.strip() for c in cells])
            except csv.Error as exc:
                raise InputError(file, f"not a readable CSV file: {exc}",
                                 row=f"line {reader.line_num}") from None
    except UnicodeDecodeError as exc:
        raise InputError(file, f"not a UTF-8 text file ({exc.reason} at byte {exc.start})")\
            from None
    if not rows:
        raise InputError(file, "empty file: expected a header line naming the columns, "
                         "separated by commas")
    header, data = rows[0], rows[1:]
    if header[0].startswith("#"):
        raise InputError(file, f"the first line, read as the header, is a comment "
                         f"'{','.join(header)}': these files take no comment lines; delete "
                         "it (a note goes in a row's source)", row="header")
    if len(header) == 1 and (name := separator_name(header[0])) is not None:
        raise InputError(file, f"the header is one column '{header[0]}': the file seems "
                         f"separated by {name}, and needs commas", row="header")
    for i, cells in enumerate(data, start=1):
        if len(cells) != len(header) and cells[0].startswith("#"):
            raise InputError(file, "a comment line: these files take no comment lines; "
                             "delete it (a note goes in a row's source)", row=i)
        if len(cells) != len(header):
            hint = ("a comma too many (at the end of the line?) or a text with a comma not "
                    "in double quotes" if len(cells) > len(header) else "a cell missing")
            raise InputError(file, f"{len(cells)} cells, and the header has {len(header)} "
                             f"({hint})", row=i)
    keep = []
    for j, name in enumerate(header):
        if name:
            keep.append(j)
            continue
        for i, cells in enumerate(data, start=1):
            if cells[j]:
                raise InputError(file, f"column {j + 1} has no name in the header, and "
                                 f"holds '{cells[j]}'", row=i)
    seen: set[str] = set()
    for j in keep:
        if header[j] in seen:
            raise InputError(file, f"column '{header[j]}' is named twice in the header",
                             row="header", field=header[j])
        seen.add(header[j])
    frame = pd.DataFrame([[cells[j] for j in keep] for cells in data],
                         columns=[header[j] for j in keep], dtype=object)
    return file, frame


def read_large_loads(directory: str | Path, history_start: pd.Period | None):
    """(contracts, assumptions) of a zone's large-load directory, validated; a
    ``history_start`` of None (the zone's history not read yet) leaves out the one check
    that needs it, a contract in service before the history starts (`parse_contracts`)."""
    directory = Path(directory)
    if directory.is_file():
        raise InputError(display_path(directory), "is a file; large_loads names a folder "
                         "holding contracts.csv and assumptions.csv", field="large_loads")
    contract_cells = read_table(directory / "contracts.csv")  # a missing file: this first
    assumptions = parse_assumptions(*read_table(directory / "assumptions.csv"))
    contracts = parse_contracts(*contract_cells, history_start,
                                stages=assumptions.stages)  # the stages assumptions name
    return contracts, assumptions


def read_published_figures(path: str | Path | None) -> list[PublishedFigure]:
    """The published figures a zone's decomposition is checked against (none: no file)."""
    return [] if path is None else parse_published_figures(*read_table(path))


def read_large_load_cells(directory: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(contracts, assumptions) text cells as read, sources included (published beside a run
    so its report can cite them)."""
    directory = Path(directory)
    return (read_table(directory / "contracts.csv")[1],
            read_table(directory / "assumptions.csv")[1])


def read_zone_inputs(config, root: str | Path = "."):
    """(raws, large_loads or None) for a `ZoneConfig`; relative paths are taken from ``root``
    (`load_zone_config` has already made them absolute). A file read on UTC that looks like
    local time (`forecasting.series.local_clock`) gets an `InputWarning` (one warning line
    from the application), and the run goes on: a config written before `zones init`
    refused such files keeps running. A scenario written for other stages than the zone's
    large-load queue names is refused (`refuse_other_stages`)."""
    root = Path(root)
    raws = read_zone_files([root / p for p in config.series], area=config.area,
                           source_tz=config.series_timezone, column=config.column)
    for line in local_clock_warnings(raws, config=True):
        warnings.warn(line.removeprefix("warning: "), InputWarning, stacklevel=2)
    large = None
    if config.large_loads is not None:
        history_start = min(r.values.index[0] for r in raws).tz_localize(None).to_period("M")
        large = read_large_loads(root / config.large_loads, history_start)
        refuse_other_stages(config.scenarios, large[1],
                            display_path(root / config.large_loads / "assumptions.csv"))
    return raws, large


def read_neighbours(config, root: str | Path = ".") -> dict[str, pd.Series]:
    """Neighbouring zones' hourly MW (UTC hour starts; `read_zone_file`, `in_mw`), keyed by
    each one's area, else its column, else its file name without its data suffixes
    (`zone_name`); `InputError` when two neighbours take one name. A file read on UTC that
    looks like local time gets an `InputWarning` as the zone's own files do
    (`neighbour_clock_warning`), and the run goes on."""
    root = Path(root)
    out: dict[str, pd.Series] = {}
    for entry in config.neighbour_files():
        name = entry.area or entry.column or zone_name(entry.file)
        if name.casefold() in {n.casefold() for n in out}:  # areas match whatever the case
            raise InputError(display_path(root / entry.file), f"a second neighbour named "
                             f"'{name}'; give each neighbour its own area, column or file",
                             field="neighbours")
        raw = read_zone_file(root / entry.file, area=entry.area,
                             source_tz=entry.series_timezone, column=entry.column)
        line = neighbour_clock_warning(raw)
        if line is not None:
            warnings.warn(line, InputWarning, stacklevel=2)
        out[name] = in_mw(raw).values
    return out


def neighbour_clock_warning(raw: RawSeries) -> str | None:
    """The warning for a neighbour's file read on UTC by default that looks like local time
    (`forecasting.series.local_clock`), or None: its hours would sit 5 to 8 hours off the
    zone's and its autumn hour be averaged away, with exit 0 (fuzz round 8b: the zone's own
    files warned, a neighbour's did not). Its advice is the neighbour's own clock, written as
    a mapping: the zone's ``series_timezone`` would move the zone's files as well."""
    found = utc_file_signature(raw)
    if found is None:
        return None
    return (f"{raw.source}: {found.sentence()}, and this neighbour is read as UTC; write it "
            f"in neighbours as {{file: ..., series_timezone: <zone>}} (e.g. "
            f"{found.rule.example})")


#: EIA-930's time-zone labels (balancing_authority_acronyms.csv) as IANA names
EIA_TIME_ZONES = {"Eastern": "America/New_York", "Central": "America/Chicago",
                  "Mountain": "America/Denver", "Arizona": "America/Phoenix",
                  "Pacific": "America/Los_Angeles"}


def read_ba_table(path: str | Path) -> tuple[str, pd.DataFrame, int]:
    """(display name, the table as text cells, the file line of its first row) of a regions
    table of balancing authorities (one row per BA; `read_ba_regions` and `read_ba_time_zones`
    read their columns from it, and the many-zone plan's `ba_clocks` each BA's clock): UTF-8,
    a byte-order mark allowed, a first line starting ``SOURCE:`` skipped. The frame's index
    is each row's line in the file less the first row's (blank lines are dropped, not
    renumbered), so a message names row ``first_row + index``. Cells and column names are
    stripped of spaces; empty cells past the header's last column (a comma ending the line,
    as spreadsheets export) are dropped, as is a column with no name and no value. An
    InputError naming the file (and the row's line, or the header) for: an empty file, or
    one holding only its ``SOURCE:`` line; a header of one cell holding ``;``, a tab or
    ``|``; a column named twice; a column with no name but with values; a row with fewer
    cells than the header, or with a value past its last column; a line that is not CSV."""
    import csv
    from io import StringIO

    path = Path(path)
    file = display_path(path)
    if not path.is_file():
        raise InputError(file, "file not found")
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise InputError(file, f"not a text file ({exc})") from None
    skip = 1 if lines and lines[0].startswith("SOURCE:") else 0
    if not any(line.strip() for line in lines[skip:]):
        raise InputError(file, "no table" + (" after its SOURCE: line" if skip else "")
                         + " (needs a header line with columns Code and Region, then a row "
                         "per balancing authority)")
    records: list[tuple[int, list[str]]] = []  # (file line, cells)
    reader = csv.reader(StringIO("\n".join(lines[skip:])))
    try:
        for cells in reader:
            if any(c.strip() for c in cells) or records:  # the header: the first line not blank
                records.append((skip + reader.line_num, [c.strip() for c in cells]))
    except csv.Error as exc:
        raise InputError(file, f"not a readable CSV file: {exc}",
                         row=skip + reader.line_num) from None
    (header_line, header), data = records[0], [r for r in records[1:] if any(r[1])]
    if len(header) == 1 and (name := separator_name(header[0])) is not None:
        raise InputError(file, f"the header is one column '{header[0]}': the file seems "
                         f"separated by {name}, and needs commas", row="header")
    width = len(header)
    for line, cells in data:
        if len(cells) < width:
            raise InputError(file, f"{len(cells)} cells, and the header has {width} (a cell "
                             "missing)", row=line)
        extra = [c for c in cells[width:] if c]
        if extra:
            raise InputError(file, f"{len(cells)} cells, and the header has {width}: "
                             f"'{extra[0]}' past its last column (a comma too many, or a "
                             "text with a comma not in double quotes)", row=line)
    keep = []
    for j, name in enumerate(header):
        if name:
            keep.append(j)
            continue
        for line, cells in data:
            if cells[j]:
                raise InputError(file, f"column {j + 1} has no name in the header, and "
                                 f"holds '{cells[j]}'", row=line)
    named = [header[j] for j in keep]
    for name in named:
        if named.count(name) > 1:
            raise InputError(file, f"column '{name}' is named twice in the header",
                             row="header", field=name)
    first_row = header_line + 1
    frame = pd.DataFrame([[cells[j] for j in keep] for _, cells in data], columns=named,
                         index=[line - first_row for line, _ in data], dtype=object)
    return file, frame, first_row


def read_ba_regions(path: str | Path) -> dict[str, str]:
    """BA code -> region name from a table with columns ``Code`` and ``Region`` (EIA's
    balancing_authority_acronyms.csv; a first line starting ``SOURCE:`` is skipped). A row
    without a code is skipped; a code with a blank region, or given again (whatever its
    case: a BA code is one BA) with another region, is an InputError naming its row (the
    same code again with the same region is taken once, as its first row spells it)."""
    file, frame, first_row = read_ba_table(path)
    for col in ("Code", "Region"):
        if col not in frame.columns:
            raise InputError(file, "missing column (needs Code, Region)", field=col)
    out: dict[str, str] = {}
    first: dict[str, tuple[str, int]] = {}  # folded code -> (code as first spelt, its row)
    for i, code, region in zip(frame.index, frame["Code"], frame["Region"], strict=True):
        code, region, row = code.strip(), region.strip(), first_row + int(i)
        if not code:
            continue
        if not region:
            raise InputError(file, f"no region for '{code}' (each code needs its region)",
                             row=row, field="Region")
        spelt, at = first.setdefault(code.casefold(), (code, row))
        if out.setdefault(spelt, region) != region:
            again = f"'{code}' given again" if spelt == code else \
                f"'{code}' ('{spelt}' in another case) given again"
            raise InputError(file, f"{again}, with region '{region}' (row {at} gives "
                             f"'{out[spelt]}'); give each code once", row=row, field="Code")
    return out


def read_ba_time_zones(path: str | Path) -> dict[str, str]:
    """BA code -> IANA time zone from the same table's optional ``Time Zone`` column: EIA's
    labels (`EIA_TIME_ZONES`) or IANA names; a blank cell (EIA's Canadian and Mexican BAs)
    is left out, an unknown label is an InputError naming its row."""
    file, frame, first_row = read_ba_table(path)
    if "Time Zone" not in frame.columns or "Code" not in frame.columns:
        return {}
    out = {}
    for i, code, label in zip(frame.index, frame["Code"], frame["Time Zone"], strict=True):
        code, label = code.strip(), label.strip()
        if not code or not label:
            continue
        name = EIA_TIME_ZONES.get(label, label)
        try:
            known_time_zone(name)
        except ValueError:
            raise InputError(file, f"unknown time zone '{label}' (one of "
                             f"{', '.join(EIA_TIME_ZONES)} or an IANA name)",
                             row=first_row + int(i), field="Time Zone") from None
        out[code] = name
    return out
