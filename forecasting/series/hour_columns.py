"""A date and its hour in two columns, as ISO and utility exports often give them (MISO's
``Market Day`` + ``HourEnding``, CAISO's ``OPR_DT`` + ``OPR_HR``, ERCOT's ``DeliveryDate`` +
``HourEnding`` as ``01:00``, a spreadsheet's ``Date,HE,Load``), joined into one timestamp
label per row that `forecasting.series.dates` reads like any other.

Rules:

- **Which column is the hour** (`hour_column`): a column whose name says hour (`HOUR_NAMES`,
  compared without case, spaces or punctuation: ``HE``, ``Hour``, ``HourEnding``,
  ``Hour Beginning``, ``OPR_HR``, ...) and whose cells are whole hours 0-25, bare (``7``) or
  as a clock (``07:00``, ``HE07``).
- **Ending or beginning**: a name saying beginning or start (``HB``, ``Hour Beginning``), or
  an hour 0 anywhere, makes the hours begin their interval; otherwise they end it (hour
  ending 1-24, ``24`` being the day's last hour and read as the next midnight).
- **The label** is the date, a space and the hour as ``HH:00`` on the wall clock of the
  file (`--series-tz`), so the local-clock rules of `dates` apply: an hour-ending ``2``
  given twice on the autumn day is daylight time first, standard time second.
- **Elapsed numbering on a DST day** (CAISO numbers the hours of the day as they pass: 25
  on the autumn day, 23 in spring): a day of the file's clock that is 25 or 23 hours long,
  whose hours run to 25 (autumn) or stop at 23 with none repeated (spring), is renumbered to
  the wall clock: in autumn the hours after the repeated one move back by one, in spring the
  hours after the skipped one move on by one.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

#: names of an hour column, lower case without spaces or punctuation
HOUR_NAMES = frozenset({
    "he", "hr", "hour", "hours", "hourending", "hourbeginning", "hb", "oprhr", "deliveryhour",
    "hourend", "hourstart", "hourofday", "intervalending", "intervalbeginning", "heending",
})
_BEGINNING = ("beginning", "start", "hb")
_HOUR = re.compile(r"^(?:HE|HB)?\s*(\d{1,2})(?::00(?::00)?|\.0+)?$", re.IGNORECASE)


def _key(name: str) -> str:
    return re.sub(r"[^a-z]", "", str(name).lower())


#: share of a column's sampled cells that must be whole hours for it to be the hour column
#: (the others are named by row when the file is read)
HOUR_SHARE = 0.9


def hour_numbers(cells: pd.Series) -> pd.Series:
    """The whole hours 0-25 of stripped text cells (NaN where a cell is not one)."""
    hours = pd.to_numeric(cells.str.extract(_HOUR, expand=False), errors="coerce")
    return hours.where(hours.between(0, 25))


def hour_column(sample: pd.DataFrame, date_col: str | None = None) -> str | None:
    """The first column (not ``date_col``) named as an hour whose sampled cells are nearly
    all whole hours (module docstring), else None."""
    for column in sample.columns:
        if column == date_col or _key(column) not in HOUR_NAMES:
            continue
        cells = sample[column].astype(str).str.strip()
        if len(cells) and hour_numbers(cells).notna().mean() >= HOUR_SHARE:
            return column
    return None


def hours_begin(column: str, hours: pd.Series) -> bool:
    """Whether the hours begin their interval (module docstring): a name saying beginning or
    ending decides; a name saying neither (``Hour``, ``OPR_HR``) begins when an hour 0 is
    there."""
    key = _key(column)
    if any(word in key for word in _BEGINNING):
        return True
    if key == "he" or "ending" in key or "hourend" in key:
        return False
    return bool((hours == 0).any())


def _day_starts(day: date, zone: ZoneInfo) -> list[int]:
    """The wall-clock hour each elapsed hour of `day` starts at on clock `zone` (24 of them,
    or 23 or 25 on a DST day: [0, 1, 1, 2, ...] in a US autumn)."""
    start = datetime(day.year, day.month, day.day, tzinfo=zone).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), datetime.min.time(),
                           tzinfo=zone).astimezone(UTC)
    count = round((end - start).total_seconds() / 3600)
    return [(start + timedelta(hours=k)).astimezone(zone).hour for k in range(count)]


def _day_dates(days: pd.Series) -> dict[str, date]:
    """Each distinct day text as a date, read in the one form every day of the file takes
    (month first unless only day first reads them all); texts no form reads are left out
    (the parser names their rows)."""
    from forecasting.series.dates import timestamp_format

    unique = pd.Series(pd.unique(days.to_numpy()))
    form = timestamp_format(unique, share=0.0)
    parsed = pd.to_datetime(unique, format=form or "ISO8601", errors="coerce")
    return {text: stamp.date() for text, stamp in zip(unique, parsed, strict=True)
            if not pd.isna(stamp)}


def wall_clock_hours(days: pd.Series, hours: pd.Series, *, tz: str, begins: bool
                     ) -> tuple[pd.Series, np.ndarray]:
    """(`hours` as wall-clock hours, positions of rows whose hour the day cannot have)
    (module docstring). A day of the file's clock that is 23 or 25 hours long is numbered as
    the hours pass when its hours run past what the wall clock shows (25 ending / 24
    beginning in autumn), or are exactly the 23 of a spring day; each elapsed hour then
    takes the wall-clock hour the zone gives it (any zone's change hour, not only the US's).
    On other days an hour above 24 (ending) or 23 (beginning) cannot be."""
    hours = hours.copy()
    top = 24 if not begins else 23  # the largest wall-clock number of a day
    bad = np.zeros(len(hours), dtype=bool)
    # days of the file's clock (not UTC) that are 23 or 25 hours long
    dates = _day_dates(days) if tz != "UTC" else {}
    zone = ZoneInfo(tz) if tz != "UTC" else None
    for text, day in dates.items():
        starts = _day_starts(day, zone)
        if len(starts) == 24:
            continue
        mine = (days == text).to_numpy()
        values = hours[mine]
        first = 0 if begins else 1
        elapsed = set(range(first, first + len(starts)))
        passing = (len(starts) == 25 and values.max() == first + 24) or (
            len(starts) == 23 and set(values) == elapsed)
        if passing:
            wall = np.array(starts) + (0 if begins else 1)
            hours[mine] = wall[(values - first).clip(0, len(starts) - 1).to_numpy()]
    bad |= (hours > top).to_numpy()  # after renumbering: a 25 on an ordinary day
    return hours, np.flatnonzero(bad)


#: a time of day at midnight after a date (``1/1/2024 0:00``, ``2024-01-01 00:00:00``,
#: ``2024-01-01T00:00:00``): a spreadsheet's or Parquet's day
_MIDNIGHT = re.compile(r"(?:[ T]0?0:00(?::00)?)$")


def day_texts(dates: pd.Series) -> pd.Series | None:
    """The dated cells as days (a midnight time dropped when every cell has one), or None
    when some cell holds another time of day or a UTC offset: a full timestamp, which the
    hour column must not be joined to (CAISO's ``INTERVALSTARTTIME_GMT`` beside
    ``OPR_HR``)."""
    dated = dates[dates != ""]
    if dated.empty:
        return None
    if dated.str.contains(_MIDNIGHT).all():
        return dates.str.replace(_MIDNIGHT, "", regex=True)
    if dated.str.contains(r"\d:\d\d|[+-]\d\d:?\d\d$|Z$", regex=True).any():
        return None
    return dates


def joined_labels(days: pd.Series, hour_cells: pd.Series, *, column: str,
                  tz: str) -> tuple[pd.Series, bool, np.ndarray]:
    """(one ``<date> HH:00`` label per row, whether they end their hour, the positions of
    dated rows whose hour is not one the day can have) from a date column of days and an
    hour column (module docstring); cells are stripped text, and undated rows are left as
    they are."""
    found = hour_numbers(hour_cells)
    dated = (days != "").to_numpy()
    bad = dated & found.isna().to_numpy()
    good = dated & found.notna().to_numpy()
    hours = found[good].astype(int)
    begins = hours_begin(column, hours)
    if not begins:
        bad[np.flatnonzero(good)[(hours == 0).to_numpy()]] = True  # no hour ends at 0
    hours, beyond = wall_clock_hours(days[good], hours, tz=tz, begins=begins)
    bad[np.flatnonzero(good)[beyond]] = True
    labels = days.copy()
    labels[good] = days[good] + " " + hours.map(lambda h: f"{h:02d}:00")
    return labels, not begins, np.flatnonzero(bad)
