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
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

#: names of an hour column, lower case without spaces or punctuation
HOUR_NAMES = frozenset({
    "he", "hr", "hour", "hours", "hourending", "hourbeginning", "hb", "oprhr", "deliveryhour",
    "hourend", "hourstart", "hourofday", "intervalending", "intervalbeginning", "heending",
})
_BEGINNING = ("beginning", "start", "hb")
_HOUR = re.compile(r"^(?:HE|HB)?\s*(\d{1,2})(?::00(?::00)?)?$", re.IGNORECASE)


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
    """Whether the hours begin their interval (module docstring)."""
    key = _key(column)
    return any(word in key for word in _BEGINNING) or bool((hours == 0).any())


def _day_length(day: date, tz: str) -> float:
    """Hours from local midnight of `day` to the next on clock `tz`."""
    zone = ZoneInfo(tz)
    start = datetime(day.year, day.month, day.day, tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=zone)
    return (end.timestamp() - start.timestamp()) / 3600  # aware: not the wall-clock span


def wall_clock_hours(days: pd.Series, hours: pd.Series, *, tz: str, begins: bool) -> pd.Series:
    """`hours` (per row, numbered on the wall clock or as elapsed on a DST day) as wall-clock
    hours (module docstring); `days` are the rows' date texts."""
    hours = hours.copy()
    if tz == "UTC":
        return hours
    first = 1 if begins else 2  # the hour numbered just before the DST change
    top = 24 if begins else 25
    for day in pd.unique(days.to_numpy()):
        try:
            length = _day_length(pd.Timestamp(day).date(), tz)
        except (ValueError, TypeError):  # not a date: the parser names the row
            continue
        if length == 24:
            continue
        mine = (days == day).to_numpy()
        values = hours[mine]
        if length == 25 and values.max() == top:  # autumn, numbered as the hours pass
            hours[mine] = np.where(values > first, values - 1, values)
        elif length == 23 and values.max() == top - 2 and not values.duplicated().any():
            hours[mine] = np.where(values > first, values + 1, values)
    return hours


def joined_labels(days: pd.Series, hour_cells: pd.Series, *, column: str,
                  tz: str) -> tuple[pd.Series, bool, np.ndarray]:
    """(one ``<date> HH:00`` label per row, whether they end their hour, the positions of
    dated rows whose hour is not a whole hour 0-25) from a date column of days and an hour
    column (module docstring); cells are stripped text, and undated rows are left as they
    are."""
    found = hour_numbers(hour_cells)
    dated = (days != "").to_numpy()
    bad = np.flatnonzero(dated & found.isna().to_numpy())
    good = dated & found.notna().to_numpy()
    hours = found[good].astype(int)
    begins = hours_begin(column, hours)
    hours = wall_clock_hours(days[good], hours, tz=tz, begins=begins)
    labels = days.copy()
    labels[good] = days[good] + " " + hours.map(lambda h: f"{h:02d}:00")
    return labels, not begins, bad
