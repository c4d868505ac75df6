"""Turn a date column's text into an index: UTC hour starts, or periods.

Conventions (the rest of `forecasting.series` relies on them):

- Hourly data are indexed by the **UTC start of each hour** (tz-aware ``DatetimeIndex``). A
  source labelled *hour ending* (EIA-930, PJM) is shifted back by one hour, so EIA-930's
  ``2020-01-01 00:00:00`` (the hour 23:00-24:00 UTC on 31 Dec 2019) becomes
  ``2019-12-31 23:00+00:00``.
- Local wall-clock labels (PJM: America/New_York) are converted to UTC after that shift
  (PJM's convention; a file whose labels are the local instants its intervals end, with no
  ``02:00`` on the spring day, is placed in time first and shifted after: the convention
  leaving fewer labels at nonexistent times, then fewer instants given twice, is the file's):
  - at the autumn fall-back the local hour 01:00-02:00 happens twice (PJM labels both
    ``02:00`` hour ending). The **first occurrence in file order is daylight time (EDT), the
    second standard time (EST)**; this explicit rule is used instead of ``ambiguous='infer'``,
    which needs sorted, complete data. A single occurrence counts as daylight time.
  - at the spring-forward the local hour 02:00-03:00 does not exist, so a correct hour-ending
    file has no ``03:00`` label that day: that absence is *not* a gap. A label that falls in
    the nonexistent hour anyway cannot be placed in time; its row is dropped and reported.
- Timestamps carrying a UTC offset (``...Z``, ``...+01:00``, ``...-06``) are absolute and only
  converted.
- Timestamps are ISO 8601 unless the format gives its own form (EIA's BALANCE files:
  ``01/01/2024 6:00:00 AM``, ``date_format``). A generic file's timestamps that are not ISO
  may be in one of `TIMESTAMP_FORMATS`, the forms spreadsheets and utility exports use
  (``1/31/2024 13:00``, ``01/31/2024 1:00 PM``, ``2024/01/31 13:00``; month first, and day
  first only when month first cannot read every row): the first form that reads every row is
  the file's (`timestamp_format`).
- Words exports add around a stamp (a leading weekday, ``a.m.``, a zone abbreviation such as
  ``CDT``, ERCOT's ``DST`` mark on the repeated autumn hour) are put in a form the parsers
  read first (`tidy_timestamps`); a zone abbreviation is its UTC offset, and an offset may
  follow a spreadsheet form (``01/31/2024 13:00 UTC``).
- ``24:00`` (ERCOT's and many utilities' label of a day's last hour) is the next day's
  ``00:00``; such a label can only end its hour, so a file holding one is read as hour
  ending, as is a file whose date column is named for it (``Hour Ending``, ``HE``: see
  `forecasting.series.formats`).
- Generic dates ``2023``, ``2023-01`` (or ``2023/01``), ``2023-01-01`` give a naive
  ``PeriodIndex`` of frequency Y, M or D; every row of a file must use the same form.
  Timestamps that are all at midnight are read as days. Dates given to the day may turn out
  to be monthly or annual samples (`sampling` states how that is inferred).
- **Sub-hourly** timestamps (every 5, 15 or 30 minutes, as ISO or SCADA exports give them)
  are kept as they are (stamps all at one minute past the hour, like ``00:59``, are hourly
  and floored to the hour), with ``step_minutes`` the largest step that divides every minute of
  the hour seen (15 for :00/:15/:30/:45); each stamp marks the start of its interval, or its
  end in a source labelled hour ending (shifted back by one step, not one hour).
  `forecasting.series.read` averages them to hours. Timestamps must fall on whole minutes.

Errors are `InputError` naming the file, the data row (1-based, header not counted: data row
N is line N+1 of a file with a one-line header) and the date column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from forecasting.errors import InputError
from forecasting.series.sampling import infer_day_sampling

HOUR = pd.Timedelta(hours=1)
#: non-ISO timestamp forms a generic file may use, tried in this order (month first)
TIMESTAMP_FORMATS = (
    "%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%y %H:%M", "%m/%d/%y %I:%M %p", "%Y/%m/%d %H:%M", "%Y/%m/%d %H:%M:%S",
    "%m/%d/%y %I:%M:%S %p", "%m-%d-%Y %H:%M", "%m-%d-%Y %I:%M %p",
    "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %I:%M %p", "%d/%m/%Y %I:%M:%S %p",
    "%d-%m-%Y %H:%M", "%d.%m.%Y %H:%M",
    # month names (``January 31, 2024 1:00 PM``, Oracle's ``31-JAN-2024 13:00``)
    "%B %d, %Y %I:%M %p", "%B %d, %Y %H:%M", "%b %d, %Y %I:%M %p", "%b %d, %Y %H:%M",
    "%d-%b-%Y %H:%M", "%d-%b-%Y %H:%M:%S", "%d %b %Y %H:%M",
    "%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y",  # days (a column of midnights is daily)
)
#: what exports add to a timestamp that the forms above do not read (`tidy_timestamps`)
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_DOTTED_MERIDIEM = re.compile(r"\s*(?<![A-Za-z])([ap])\.\s*m\.?$", re.IGNORECASE)
_DST_MARK = re.compile(r"\s*DST$")  # ERCOT's mark on the repeated autumn hour
#: US zone abbreviations ending a timestamp, as the UTC offsets they stand for
ZONE_ABBREVIATIONS = {"UTC": "+00:00", "GMT": "+00:00", "EST": "-05:00", "EDT": "-04:00",
                      "CST": "-06:00", "CDT": "-05:00", "MST": "-07:00", "MDT": "-06:00",
                      "PST": "-08:00", "PDT": "-07:00"}
_ZONE_NAME = re.compile(r"\s*(?<![A-Za-z])(" + "|".join(ZONE_ABBREVIATIONS) + r")$",
                        re.IGNORECASE)
_HOUR_24 = re.compile(r"(?<![\d:])24:00(?::00)?$")

_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^(\d{4})[-/](\d{1,2})$")
_DAY = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
#: a UTC offset ending a timestamp: Z, +01:00, +0100, or an hour alone after a time (``-06``,
#: as PostgreSQL writes it; a date's ``-31`` is not one)
_OFFSET = re.compile(r"(?:Z|[+-]\d{2}:?\d{2}|(?<=\d:\d\d)[+-]\d{2})$", re.IGNORECASE)


def _may_have_words(text: str) -> bool:
    return text[:1].isalpha() or text[-1:].isalpha() or text[-1:] == "."


def tidy_timestamps(texts: pd.Series) -> pd.Series:
    """Stripped timestamps with what exports add around them put in a form the parsers
    read: a leading weekday (``Mon 01/01/2024 01:00``, ``Monday, January 1, 2024 ...``) is
    dropped, ``a.m.``/``p.m.`` is ``AM``/``PM``, ERCOT's ``DST`` mark on the repeated
    autumn hour is dropped (file order places it: the first of two labels is daylight
    time), and a zone abbreviation (``UTC``, ``GMT``, ``EST``, ``CDT``, ...:
    `ZONE_ABBREVIATIONS`) is the UTC offset it stands for."""
    if texts.empty:
        return texts
    # every form handled starts with a letter or ends with one (or a period): one cheap
    # pass, and most files have none
    worded = texts.map(_may_have_words).to_numpy(dtype=bool)
    if not worded.any():
        return texts
    out = texts[worded].str.strip().str.replace(_WEEKDAY, "", regex=True)
    out = out.str.replace(_DOTTED_MERIDIEM, lambda m: f" {m.group(1).upper()}M", regex=True)
    out = out.str.replace(_DST_MARK, "", regex=True)
    out = out.str.replace(_ZONE_NAME, lambda m: ZONE_ABBREVIATIONS[m.group(1).upper()],
                          regex=True)
    return texts.where(~worded, out)


def zone_abbreviations(texts: pd.Series) -> set[str]:
    """The zone abbreviations (`ZONE_ABBREVIATIONS`, upper case) ending timestamps, found
    where `tidy_timestamps` reads them as UTC offsets (after ERCOT's ``DST`` mark is
    dropped): ``{"CST", "CDT"}`` for ERCOT's ``Sun 11/01/2020 01:00 AM CDT`` stamps, an
    empty set for stamps without one."""
    if texts.empty:
        return set()
    # the abbreviation and the character before it (not a letter) end the text
    tails = texts.str.strip().str.replace(_DST_MARK, "", regex=True).str[-4:]
    found = tails.str.extract(_ZONE_NAME, expand=False).dropna()
    return set(found.str.upper().unique())


#: Excel's serial dates: days since 1899-12-30, as a spreadsheet's date column becomes when
#: exported unformatted (``45292.0416666667`` is 2024-01-01 01:00); read only in this range
#: (1954-2119), so that a column of other numbers is not taken for dates
EXCEL_EPOCH = pd.Timestamp("1899-12-30")
EXCEL_SERIALS = (20000.0, 80000.0)
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")


def excel_serials(texts: pd.Series) -> pd.DatetimeIndex | None:
    """The timestamps of a column of Excel serial dates (`EXCEL_SERIALS`), to the nearest
    minute (a serial's float is not exact), or None if any text is not one."""
    if texts.empty or not _SERIAL.match(texts.iloc[0]) or not texts.str.match(_SERIAL).all():
        return None
    days = texts.astype(float)
    if not days.between(*EXCEL_SERIALS).all():
        return None
    stamps = EXCEL_EPOCH + pd.to_timedelta(days.to_numpy(), unit="D")
    return pd.DatetimeIndex(stamps).round("min")


def _canonical_offsets(texts: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(the timestamps without their UTC offsets, the offsets as ``+HH:MM``)."""
    found = texts.str.extract(f"({_OFFSET.pattern})", flags=re.IGNORECASE)[0].fillna("")
    bare = texts.str.replace(_OFFSET, "", regex=True).str.rstrip()
    digits = found.str.replace(":", "", regex=False)
    canonical = digits.where(digits.str.upper() != "Z", "+0000")
    canonical = canonical.where(canonical.str.len() != 3, canonical + "00")
    return bare, canonical.str[:3] + ":" + canonical.str[3:5]


@dataclass
class DateParse:
    """A parsed date column: index aligned with the input rows, plus what was done."""

    index: pd.DatetimeIndex | pd.PeriodIndex  # NaT where a row could not be placed
    freq: str  # 'H' | 'D' | 'M' | 'Y'
    repeated_local: list[str] = field(default_factory=list)  # labels resolved as DST/standard
    nonexistent_rows: list[int] = field(default_factory=list)  # dropped: no such local time
    inferred: str = "timestamps with a time of day"  # why `freq` (see `sampling`)
    step_minutes: int = 60  # under 60: sub-hourly stamps, averaged to hours by the reader


def _bad(file: str, col: str, rows: np.ndarray, pos: int, text: str, why: str) -> InputError:
    return InputError(file, f"{why}: '{text}'", row=int(rows[pos]), field=col)


def _kind(text: str) -> str:
    if _YEAR.match(text):
        return "Y"
    if _MONTH.match(text):
        return "M"
    if _DAY.match(text):
        return "D"
    return "T"


_KIND_NAMES = {"Y": "a year", "M": "a month", "D": "a date", "T": "a timestamp"}


def parse_dates(
    texts: pd.Series,
    rows: np.ndarray,
    *,
    file: str,
    col: str,
    tz: str,
    hour_ending: bool,
    periods_allowed: bool,
    date_format: str | None = None,
) -> DateParse:
    """Parse stripped, non-empty date texts (rows are their 1-based data row numbers).

    ``periods_allowed`` is True for generic files (years, months, days accepted);
    ``date_format`` is a strftime form of timestamps that are not ISO 8601.
    """
    texts = texts.reset_index(drop=True)
    first = _kind(texts.iloc[0])
    if periods_allowed and first != "T":
        kinds = texts.map(_kind)
        odd = np.flatnonzero((kinds != first).to_numpy())
        if len(odd):
            pos = int(odd[0])
            raise _bad(
                file,
                col,
                rows,
                pos,
                texts.iloc[pos],
                f"expected {_KIND_NAMES[first]} like row {int(rows[0])} ('{texts.iloc[0]}')",
            )
        periods = _parse_periods(texts, rows, first, file, col)
        if first == "D":
            periods, freq, why = infer_day_sampling(periods)
            return DateParse(periods, freq, inferred=why)
        return DateParse(periods, first, inferred=f"dates are {_KIND_NAMES[first][2:]}s")

    stamps = _parse_timestamps(texts, rows, file, col, periods_allowed, date_format)
    at_midnight = np.asarray(stamps == stamps.normalize()).all()
    if periods_allowed and stamps.tz is None and len(stamps) > 1 and at_midnight:
        periods, freq, why = infer_day_sampling(stamps.to_period("D"))
        return DateParse(periods, freq, inferred=f"timestamps all at midnight; {why}")
    if len(np.unique(np.asarray(stamps - stamps.floor("min")))) == 1:
        stamps = stamps.floor("min")  # every stamp at one second of its minute (``00:59:59``)
    step = _step_minutes(stamps, texts, rows, file, col)
    if step == 60 and (stamps.minute != 0).any():
        # hourly stamps a few minutes off the hour (``00:59``, ``01:01``): the hour they fall
        # in, whatever the file calls them (an hour ending at 00:59 is the hour from 00:00)
        stamps, hour_ending = stamps.floor("h"), False
    shift = pd.Timedelta(minutes=step) if hour_ending else pd.Timedelta(0)
    if stamps.tz is not None:
        return DateParse(stamps.tz_convert("UTC") - shift, "H", step_minutes=step)
    if tz == "UTC":
        return DateParse((stamps - shift).tz_localize("UTC"), "H", step_minutes=step)
    parsed = _localize(stamps - shift, texts, rows, tz)
    if hour_ending:
        # two conventions label interval ends on a local clock: PJM's moves the label back
        # on the wall clock (no 03:00 label on the spring day, 02:00 twice in autumn); most
        # others label the instant the interval ends (no 02:00 in spring, 01:00 twice).
        # The one that leaves fewer labels at nonexistent local times, then fewer hours
        # given twice, is the file's (PJM's on a tie).
        ends = _localize(stamps, texts, rows, tz)
        ends.index = ends.index - shift
        if (_misplaced(ends), step == 60) < (_misplaced(parsed), True):
            parsed = ends
    parsed.step_minutes = step
    return parsed


def _misplaced(parsed: DateParse) -> tuple[int, int]:
    """(labels at nonexistent local times, stamps placed on an earlier row's instant)."""
    placed = parsed.index[~np.asarray(pd.isna(parsed.index))]
    return len(parsed.nonexistent_rows), int(placed.duplicated().sum())


def _step_minutes(stamps: pd.DatetimeIndex, texts: pd.Series, rows: np.ndarray, file: str,
                  col: str) -> int:
    """The file's sampling step in minutes: the median spacing of its distinct timestamps
    when under an hour (it must divide 60), else 60 (hourly, at whatever minute of the hour
    most stamps share). `InputError` naming the row for a stamp off a whole minute, a step
    an hour is not a whole number of, a stamp off the grid most others keep (a typo such as
    ``07:15`` in an hourly file), and a run of hourly rows inside a sub-hourly file."""
    off_minute = np.flatnonzero(np.asarray(stamps != stamps.floor("min")))
    if len(off_minute):
        pos = int(off_minute[0])
        raise _bad(file, col, rows, pos, texts.iloc[pos],
                   "timestamp is not on a whole minute (hourly or sub-hourly data: every 5, "
                   "15 or 30 minutes)")
    minutes = stamps.minute.to_numpy()
    distinct = np.unique(stamps.asi8) // 60_000_000_000  # minutes since the epoch
    spacing = int(np.median(np.diff(distinct))) if len(distinct) > 1 else 60
    step = 60 if spacing >= 60 else spacing
    epoch = stamps.asi8 // 60_000_000_000
    if 60 % step:
        second = distinct[int(np.flatnonzero(np.diff(distinct) == step)[0]) + 1]
        pos = int(np.flatnonzero(epoch == second)[0])
        raise _bad(file, col, rows, pos, texts.iloc[pos],
                   f"samples every {step} minutes do not make whole hours (resample to 5, "
                   "10, 15, 20 or 30 minutes, or to hours)")
    places = minutes % step if step < 60 else minutes
    values, counts = np.unique(places, return_counts=True)
    main = int(values[np.argmax(counts)])
    off = np.flatnonzero(places != main)
    if len(off):
        pos = int(off[0])
        where = f"minute :{main:02d}" if step == 60 else f"a {step}-minute grid"
        raise _bad(file, col, rows, pos, texts.iloc[pos],
                   f"timestamp off the file's {'hourly' if step == 60 else 'sub-hourly'} "
                   f"grid (its other rows are at {where})")
    if step < 60:
        _no_hourly_run(distinct, epoch, texts, rows, file, col, step)
    return step


def _no_hourly_run(distinct: np.ndarray, epoch: np.ndarray, texts, rows, file: str, col: str,
                   step: int) -> None:
    """`InputError` for three stamps in a row an hour apart in a file sampled every `step`
    minutes (an hourly block pasted into sub-hourly data: its hours would hold one sample
    each and be lost)."""
    hourly = np.diff(distinct) == 60
    run = np.flatnonzero(hourly[:-1] & hourly[1:])
    if len(run):
        first = distinct[run[0]]
        pos = int(np.flatnonzero(epoch == first)[0])
        raise _bad(file, col, rows, pos, texts.iloc[pos],
                   f"mixed frequencies in one file: rows an hour apart from here while the "
                   f"others are {step} minutes apart; give one frequency per file")


def hour_24(texts: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """(texts with a ``24:00`` label read as ``23:00``, which rows had one): the caller adds
    the hour back after parsing, so ``1/31/2024 24:00`` is ``2024-02-01 00:00``."""
    late = texts.str.contains(_HOUR_24).to_numpy()
    if not late.any():
        return texts, late
    return texts.where(~late, texts.str.replace(_HOUR_24, "23:00", regex=True)), late


def timestamp_format(texts: pd.Series, *, share: float = 1.0, tidy: bool = True) -> str | None:
    """The form of a column of timestamps: "ISO8601" if every text is an ISO timestamp,
    else the first of `TIMESTAMP_FORMATS` that reads every one (``24:00`` labels allowed),
    else the form that reads the most (the earlier on a tie) if it reads at least ``share``
    of them, else None. With ``share`` under 1, a file with a few bad rows is read in the
    form of the others, and its first bad row is the error. Texts are read as
    `tidy_timestamps` puts them (``tidy=False``: the caller has), a UTC offset ending them
    set aside."""
    texts = tidy_timestamps(texts) if tidy else texts
    if len(texts) and _OFFSET.search(texts.iloc[0]) and texts.str.contains(_OFFSET).all():
        texts = _canonical_offsets(texts)[0]
    texts, _ = hour_24(texts)
    best, most = None, 0
    for form in ("ISO8601", *TIMESTAMP_FORMATS):
        read = int(pd.to_datetime(texts, format=form, errors="coerce", utc=True).notna().sum())
        if read == len(texts):
            return form
        if read > most:
            best, most = form, read
    return best if most and most >= share * len(texts) else None


def has_hour_24(texts: pd.Series) -> bool:
    """Whether any label is a day's ``24:00`` (which only an hour-ending file can hold)."""
    return bool(texts.str.contains(_HOUR_24).any())


def _parse_timestamps(
    texts: pd.Series, rows: np.ndarray, file: str, col: str, periods_allowed: bool,
    date_format: str | None = None,
) -> pd.DatetimeIndex:
    serials = excel_serials(texts) if date_format is None else None
    if serials is not None:
        return serials
    shown = texts
    texts = tidy_timestamps(texts)
    aware = texts.str.contains(_OFFSET).to_numpy()
    if aware.any() and not aware.all():
        pos = int(np.flatnonzero(aware != aware[0])[0])
        raise _bad(
            file,
            col,
            rows,
            pos,
            texts.iloc[pos],
            "timestamps mix values with and without a UTC offset",
        )
    form = date_format
    if form is None and aware[0]:  # ISO, or a spreadsheet form followed by its offset
        bare, offsets = _canonical_offsets(texts)
        bare_form = timestamp_format(bare, share=0.0, tidy=False)
        if bare_form not in (None, "ISO8601"):
            texts, form = bare + offsets, bare_form + "%z"
    texts, late = hour_24(texts)
    if form is None and not aware[0]:
        form = timestamp_format(texts, share=0.0, tidy=False) or "ISO8601"
    try:
        parsed = pd.to_datetime(texts, format=form or "ISO8601", errors="coerce",
                                utc=bool(aware[0]))
    except (ValueError, OverflowError):  # pragma: no cover - coerce should not raise
        parsed = pd.Series(pd.NaT, index=texts.index)
    parsed = parsed.where(~late, parsed + HOUR)
    bad = np.flatnonzero(parsed.isna().to_numpy())
    if len(bad):
        pos = int(bad[0])
        forms = "YYYY-MM-DD HH:MM:SS" + (", YYYY-MM-DD, YYYY-MM or YYYY" if periods_allowed else "")
        if form not in (None, "ISO8601"):
            forms = pd.Timestamp("2024-01-31 18:00").strftime(form.removesuffix("%z")) + \
                " as the other rows"
            if date_format is not None:
                forms = pd.Timestamp("2024-01-31 18:00").strftime(date_format)
        raise _bad(file, col, rows, pos, shown.iloc[pos], f"cannot parse date (expected {forms})")
    return pd.DatetimeIndex(parsed)


def _parse_periods(
    texts: pd.Series, rows: np.ndarray, kind: str, file: str, col: str
) -> pd.PeriodIndex:
    if kind == "Y":
        years = texts.astype(int).to_numpy()
        return pd.PeriodIndex.from_fields(year=years, month=np.ones_like(years), freq="Y")
    if kind == "M":
        parts = texts.str.extract(_MONTH).astype(int)
        months = parts[1].to_numpy()
        bad = np.flatnonzero((months < 1) | (months > 12))
        if len(bad):
            pos = int(bad[0])
            raise _bad(file, col, rows, pos, texts.iloc[pos], "month must be 01 to 12")
        return pd.PeriodIndex.from_fields(year=parts[0].to_numpy(), month=months, freq="M")
    days = pd.to_datetime(texts, format="%Y-%m-%d", errors="coerce")
    bad = np.flatnonzero(days.isna().to_numpy())
    if len(bad):
        pos = int(bad[0])
        raise _bad(file, col, rows, pos, texts.iloc[pos], "not a valid date")
    return pd.DatetimeIndex(days).to_period("D")


def _localize(starts: pd.DatetimeIndex, texts: pd.Series, rows: np.ndarray, tz: str) -> DateParse:
    """Local wall-clock hour starts -> UTC, with the DST rules of the module docstring."""
    # True (daylight time) for the first occurrence of a label in file order, False after
    first_seen = ~pd.Series(starts).duplicated().to_numpy()
    strict = starts.tz_localize(tz, ambiguous="NaT", nonexistent="NaT")
    placed = starts.tz_localize(tz, ambiguous=first_seen, nonexistent="NaT")
    nonexistent = np.asarray(placed.isna())
    ambiguous = np.asarray(strict.isna()) & ~nonexistent
    repeated = sorted(set(texts[ambiguous]))
    return DateParse(
        placed.tz_convert("UTC"),
        "H",
        repeated_local=repeated,
        nonexistent_rows=[int(r) for r in rows[nonexistent]],
    )
