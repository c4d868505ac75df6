"""Which kind of load file a CSV is, decided from its header alone.

Rules (column names are compared after stripping spaces, case-insensitively):

- ``eia930``: a ``date_time`` column and a ``cleaned demand (MW)`` column (other columns such
  as ``raw demand (MW)``, ``category``, ``forecast demand (MW)`` are allowed and ignored, except
  ``category`` whose flags are counted in the read report and mark each hour not ``OKAY``
  as imputed by the source: `read.RawSeries`). Timestamps are **UTC, hour ending**
  (the value is the mean MW over the hour that *ends* at the timestamp), as EIA publishes them.
- ``eia930-balance``: EIA's own six-month BALANCE file (what ``dcload data fetch eia930``
  writes, unchanged): a ``UTC Time at End of Hour`` column (``01/01/2024 6:00:00 AM``:
  month/day/year, 12-hour clock, **UTC, hour ending**) and a ``Demand (MW)`` column (as EIA
  reports it, not the adjusted or imputed columns; thousands separators such as ``83,512``
  are read as 83512). A ``Balancing Authority`` column, if present, must hold one authority
  (the read refuses a file of several: a load file is one zone's).
- ``pjm``: a ``Datetime`` column and exactly one ``<ZONE>_MW`` column (e.g. ``DOM_MW``).
  Timestamps are **local prevailing time of America/New_York, hour ending** (see `dates`).
- ``generic``: any CSV, when the caller names ``date_col`` and ``value_col``. Dates may be
  years (``2023``), months (``2023-01``), days (``2023-01-01``) or timestamps, which are taken
  as the **start** of the hour in ``tz`` (default UTC) unless they carry a UTC offset, and as
  its **end** when the date column is named for it (``Hour Ending``, ``HE``, ``Interval
  End``, ``End Time``: `names_hour_ending`) or holds a ``24:00`` label
  (`forecasting.series.dates`); a date column named for UTC (``datetime_beginning_utc``:
  `names_utc`) is UTC whatever ``tz`` says.

Detection when no ``format`` is given: a header matching exactly one of ``eia930``/``pjm`` is
that format (``date_col``/``value_col``, if given, then override its default columns); a
header matching neither is ``generic`` if both ``date_col`` and ``value_col`` are given.
Anything else -- no match, a header matching both, a PJM header with several ``_MW`` columns,
an unknown ``format`` name, a named column absent from the header -- is an `InputError` that
names the file and the columns expected.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from forecasting.errors import InputError
from forecasting.series.units import header_unit

FORMATS = ("eia930", "pjm", "generic", "eia930-balance")

EIA930_DATE = "date_time"
EIA930_VALUE = "cleaned demand (MW)"
EIA930_FLAGS = "category"
BALANCE_DATE = "UTC Time at End of Hour"
BALANCE_VALUE = "Demand (MW)"
BALANCE_AREA = "Balancing Authority"
BALANCE_DATE_FORMAT = "%m/%d/%Y %I:%M:%S %p"
PJM_DATE = "Datetime"
PJM_VALUE_PATTERN = re.compile(r"^\w+_MW$", re.IGNORECASE)
PJM_TZ = "America/New_York"

EXPECTED = (
    f"expected an EIA-930 header ('{EIA930_DATE}', '{EIA930_VALUE}'), EIA's BALANCE header "
    f"('{BALANCE_DATE}', '{BALANCE_VALUE}'), a PJM header "
    f"('{PJM_DATE}', '<ZONE>_MW'), or date_col and value_col for a generic file"
)


@dataclass(frozen=True)
class FileFormat:
    """How to read one file: its columns and what its timestamps mean."""

    name: str  # 'eia930' | 'pjm' | 'generic'
    date_col: str  # column name exactly as in the header
    value_col: str
    unit: str
    tz: str  # time zone of timestamps that carry no UTC offset
    hour_ending: bool  # True: a timestamp labels the end of its hour
    flag_col: str | None = None  # EIA-930 'category': counted, and not OKAY = imputed
    date_format: str | None = None  # strftime form of the timestamps (None: ISO 8601)
    thousands: bool = False  # True: values may carry ',' thousands separators (EIA's BALANCE)
    area_col: str | None = None  # a column naming the area, which must hold one value

    @property
    def convention(self) -> str:
        """The timestamp convention in words, for reports."""
        edge = "hour ending" if self.hour_ending else "hour beginning"
        return f"{self.tz}, {edge}"


def _norm(name: str) -> str:
    return str(name).strip().lower()


def _find(columns: Sequence[str], wanted: str) -> str | None:
    for col in columns:
        if _norm(col) == _norm(wanted):
            return col
    return None


def _require(file: str, columns: Sequence[str], wanted: str, what: str) -> str:
    col = _find(columns, wanted)
    if col is None:
        raise InputError(
            file,
            f"{what} column '{wanted}' not found; the header has: {_listing(columns)}",
            field=wanted,
        )
    return col


def _listing(columns: Sequence[str]) -> str:
    return ", ".join(f"'{c}'" for c in columns) if len(columns) else "(no columns)"


def infer_unit(column: str, file: str = "(header)") -> str | None:
    """The unit a value column's header names (``load (MW)``, ``Load [kW]``, ``DOM_MW``), None
    for none; `InputError` for one naming two units or one not convertible to a load
    (`forecasting.series.units`)."""
    return header_unit(column, file)


def _matches(columns: Sequence[str]) -> dict[str, FileFormat | list[str]]:
    """Formats whose signature the header carries (a list of candidates when ambiguous)."""
    found: dict[str, FileFormat | list[str]] = {}
    date = _find(columns, EIA930_DATE)
    value = _find(columns, EIA930_VALUE)
    if date is not None and value is not None:
        found["eia930"] = FileFormat(
            "eia930", date, value, "MW", "UTC", True, _find(columns, EIA930_FLAGS)
        )
    date = _find(columns, BALANCE_DATE)
    value = _find(columns, BALANCE_VALUE)
    if date is not None and value is not None:
        found["eia930-balance"] = FileFormat(
            "eia930-balance", date, value, "MW", "UTC", True, date_format=BALANCE_DATE_FORMAT,
            thousands=True, area_col=_find(columns, BALANCE_AREA),
        )
    date = _find(columns, PJM_DATE)
    zones = [c for c in columns if PJM_VALUE_PATTERN.match(str(c).strip())]
    if date is not None and len(zones) == 1:
        found["pjm"] = FileFormat("pjm", date, zones[0], "MW", PJM_TZ, True)
    elif date is not None and len(zones) > 1:
        found["pjm"] = zones
    return found


def names_utc(column: str) -> bool:
    """Whether a generic file's date column says it is on UTC (``datetime_beginning_utc``,
    ``Time (UTC)``, ``GMT``): then its naive timestamps are UTC whatever clock is given."""
    words = re.split(r"[^a-z]+", column.strip().lower())
    return "utc" in words or "gmt" in words


#: words of a date column's name saying its stamps end their interval (``Interval End``,
#: ``End Time``, ``Period End``, ``Date/Time (HE)``)
_ENDING_WORDS = frozenset({"end", "ending", "he"})


def names_hour_ending(column: str) -> bool:
    """Whether a generic file's date column says its stamps end their hour: ``Hour Ending``,
    ``HourEnding``, ``interval_ending``, ``HE``, and ``end``, ``ending`` or ``HE`` as a whole
    word of the name (words split at anything not a letter or digit and at a lower-upper
    case step: ``Interval End``, ``End Time``, ``Period End``, ``Date/Time (HE)``,
    ``DateTime HE``, ``IntervalEnd``). Meter and SCADA exports name their time column so,
    and a stamp read as an hour start when it ends the hour puts every hour one hour late;
    a word merely containing the letters (``Weekend``, ``Legend``, ``Depend``) says
    nothing."""
    name = column.strip()
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)
    words = set(re.split(r"[^a-z0-9]+", spaced.lower()))
    return "ending" in name.lower() or bool(words & _ENDING_WORDS)


def known_header(columns: Sequence[str]) -> bool:
    """Whether the header carries the EIA-930 (cleaned or BALANCE) or the PJM signature (even
    ambiguously)."""
    return bool(_matches([str(c) for c in columns]))


def detect_format(
    file: str,
    columns: Sequence[str],
    *,
    format: str | None = None,
    date_col: str | None = None,
    value_col: str | None = None,
    unit: str | None = None,
    tz: str = "UTC",
) -> FileFormat:
    """The `FileFormat` of a file with this header (rules in the module docstring).

    ``unit`` overrides the unit (default MW for eia930/pjm, inferred from the value column's
    name for generic files by `forecasting.series.units`, which refuses a name giving two
    units or one not convertible, else ``"unspecified"``); ``tz`` is the zone of generic
    timestamps.
    """
    columns = [str(c) for c in columns]
    if format is not None and format not in FORMATS:
        raise InputError(
            file, f"unknown format '{format}'; expected one of {', '.join(FORMATS)}", field="format"
        )
    found = _matches(columns)

    if format is None:
        if "eia930" in found and "pjm" in found:
            raise InputError(
                file,
                "ambiguous header: it matches both the EIA-930 and the PJM format; "
                "pass format='eia930' or format='pjm'",
            )
        detected = [name for name in ("eia930", "eia930-balance", "pjm") if name in found]
        if detected:
            format = detected[0]
        elif date_col is not None and value_col is not None:
            format = "generic"
        else:
            raise InputError(file, f"unrecognised header ({_listing(columns)}); {EXPECTED}")

    if format == "generic":
        if date_col is None or value_col is None:
            missing = "date_col" if date_col is None else "value_col"
            raise InputError(
                file,
                f"a generic file needs date_col and value_col; {missing} not given",
                field=missing,
            )
        d = _require(file, columns, date_col, "date")
        v = _require(file, columns, value_col, "value")
        clock = "UTC" if names_utc(d) else tz  # `datetime_beginning_utc` says its clock
        return FileFormat("generic", d, v, unit or infer_unit(v, file) or "unspecified", clock,
                          names_hour_ending(d))

    spec = found.get(format)
    if isinstance(spec, list):
        if value_col is None:
            raise InputError(
                file,
                f"ambiguous PJM header: several load columns ({_listing(spec)}); "
                "pass value_col to choose one",
            )
        spec = FileFormat(
            "pjm", _require(file, columns, PJM_DATE, "date"), spec[0], "MW", PJM_TZ, True
        )
    if spec is None:
        if format == "eia930":
            _require(file, columns, EIA930_DATE, "EIA-930 date")
            _require(file, columns, EIA930_VALUE, "EIA-930 value")
        if format == "eia930-balance":
            _require(file, columns, BALANCE_DATE, "EIA-930 BALANCE date")
            _require(file, columns, BALANCE_VALUE, "EIA-930 BALANCE value")
        _require(file, columns, PJM_DATE, "PJM date")
        raise InputError(
            file,
            f"PJM value column '<ZONE>_MW' not found; the header has: {_listing(columns)}",
            field="<ZONE>_MW",
        )
    if date_col is not None:
        spec = replace(spec, date_col=_require(file, columns, date_col, "date"))
    if value_col is not None:
        spec = replace(spec, value_col=_require(file, columns, value_col, "value"))
    if unit is not None:
        spec = replace(spec, unit=unit)
    return spec
