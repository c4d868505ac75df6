"""How often a file is sampled: hourly, daily, monthly or annual, inferred from its dates.

Rules:

- Dates given to the day (``2019-01-01``, or timestamps that are all at midnight) are
  **daily** unless every date says otherwise: if all of them fall on the same day of the year
  (``2019-01-01``, ``2020-01-01``...; or all on 31 December) the file is **annual**; if all
  fall on the same day of the month, or all on the last day of their month, it is
  **monthly**. A single date stays daily (one row cannot show a sampling).
- Years (``2019``) are annual, months (``2019-01``) monthly, timestamps with a time of day
  hourly, whatever their spacing.
- **Mixed frequencies**: three or more consecutive rows exactly one coarser step apart (a day,
  a month or a year) in a file whose other rows are one step of its own frequency apart is
  an `InputError` naming those rows: e.g. a monthly block pasted above daily rows. Gaps
  (several steps apart, not exactly one coarser step) are ordinary missing data.
- **A stray date**: in a file of at least four distinct dates (hours for an hourly file), the
  first or last lying further from its neighbour than the rest of the file spans
  (``2203-05-01`` typed for ``2023-05-01`` after 2020-01..2024-12) is an `InputError` naming
  its row. In a daily, monthly or annual file such a row is a whole period of evidence, so it
  would stay: the series would run 2020-01..2203-05 with 2141 empty months and the far point
  would pin every trend. In an hourly file the stray hour is an incomplete month nearly two
  centuries on, and a zone run refused the file as a zone "whose evidence stops" at 2024-12,
  naming neither row nor field, the user left to find one line among 39,432 (fuzz 14 D2).
  The rule is the same for every sampling and has no scale to tune: an hour further from its
  neighbour than the rest of the file spans is no gap of a real meter, while a fixed
  allowance (an hour more than N days out) would, for any N under half a year, refuse a
  file whose rows for half a year are absent (AZPS without 2021-03..08, which is read). The 111
  EIA-930 zone files (2020-2024) and the Dominion files (2005-2018, 2018-10..2020-09,
  2020-2024) stamp every hour (a missing one is an empty cell): an end hour's gap is at
  most 5.7e-05 of the rest's span. Only a typo that leaves the date further out than the
  file spans is caught: ``2025`` for ``2023`` in a 2020-2024 file, or several rows mistyped
  alike, are not.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.contracts import FREQUENCY_NAMES
from forecasting.errors import InputError

NAMES = FREQUENCY_NAMES
STEP_NAMES = {"H": "an hour", "D": "a day", "M": "a month", "Y": "a year"}
_UNITS = {"D": "days", "M": "months", "Y": "years"}
_COARSER = {"H": ("D", "M", "Y"), "D": ("M", "Y"), "M": ("Y",), "Y": ()}
_OFFSETS = {
    "H": pd.Timedelta(hours=1),
    "D": pd.DateOffset(days=1),
    "M": pd.DateOffset(months=1),
    "Y": pd.DateOffset(years=1),
}


def infer_day_sampling(days: pd.PeriodIndex) -> tuple[pd.PeriodIndex, str, str]:
    """Daily periods -> the same dates as D, M or Y periods, the frequency and why."""
    unique = days.unique()
    if len(unique) < 2:
        return days, "D", "a single date is read as a day"
    stamps = unique.to_timestamp()
    month_end = bool(stamps.is_month_end.all())
    if len(set(zip(stamps.month, stamps.day, strict=True))) == 1 or (
        month_end and bool((stamps.month == 12).all())
    ):
        return days.asfreq("Y"), "Y", "every date is the same day of the year"
    if len(set(stamps.day)) == 1 or month_end:
        why = "every date is the last day of its month" if month_end and len(set(stamps.day)) > 1 \
            else "every date is the same day of the month"
        return days.asfreq("M"), "M", why
    return days, "D", "dates to the day"


def _starts(index: pd.Index) -> pd.DatetimeIndex:
    if isinstance(index, pd.PeriodIndex):
        return index.to_timestamp()
    return pd.DatetimeIndex(index)


def check_single_frequency(
    index: pd.Index, freq: str, rows: np.ndarray, *, file: str, col: str
) -> None:
    """`InputError` if the file mixes frequencies (rule in the module docstring).

    ``index`` holds one timestamp or period per row (NaT allowed), ``rows`` their row numbers.
    """
    placed = ~np.asarray(pd.isna(index))
    index, rows = index[placed], rows[placed]
    order = np.argsort(index.asi8, kind="stable")
    index, rows = index[order], rows[order]
    first = ~index.duplicated(keep="first")
    starts, rows = _starts(index[first]), rows[first]
    if len(starts) < 4:
        return
    prev, nxt = starts[:-1], starts[1:]
    if not (nxt == prev + _OFFSETS[freq]).any():
        return
    for coarse in _COARSER[freq]:
        hit = np.asarray(nxt == prev + _OFFSETS[coarse])
        run = np.flatnonzero(hit[:-1] & hit[1:])
        if len(run):
            i = int(run[0])
            r = [int(x) for x in rows[i : i + 3]]
            raise InputError(
                file,
                f"mixed frequencies in one file: rows {r[0]}, {r[1]} and {r[2]} are "
                f"{STEP_NAMES[coarse]} apart while other rows are {STEP_NAMES[freq]} apart "
                f"({NAMES[freq]} data); give one frequency per file",
                row=r[0],
                field=col,
            )


def check_no_stray_date(
    index: pd.Index, freq: str, rows: np.ndarray, *, file: str, col: str
) -> None:
    """`InputError` for a first or last date further from its neighbour than the rest of
    the file spans (rule in the module docstring).

    ``index`` holds one period per row, or one UTC timestamp for an hourly file (NaT
    allowed), ``rows`` their row numbers.
    """
    if freq == "H":
        _check_no_stray_hour(index, rows, file=file, col=col)
        return
    placed = ~np.asarray(pd.isna(index))
    placed_index = index[placed]
    periods = (placed_index.asfreq(freq) if isinstance(placed_index, pd.PeriodIndex)
               else pd.DatetimeIndex(placed_index).to_period(freq))
    rows = rows[placed]
    order = np.argsort(periods.asi8, kind="stable")
    periods, rows = periods[order], rows[order]
    first = ~periods.duplicated(keep="first")
    periods, rows = periods[first], rows[first]
    stray = _stray_end(periods.asi8)
    if stray is not None:
        at, gap, span, rest = stray
        others = periods[rest]
        raise InputError(
            file,
            f"date {periods[at]} lies {gap} {_UNITS[freq]} from its nearest row, further "
            f"than the rest of the file spans ({others[0]}..{others[-1]}, {span} "
            f"{_UNITS[freq]}): a mistyped year? fix or remove the row",
            row=int(rows[at]),
            field=col,
        )


def _stray_end(steps: np.ndarray) -> tuple[int, int, int, slice] | None:
    """The first end of sorted distinct ``steps`` (whole periods or hours) lying further from
    its neighbour than the rest of them span: (its position, that gap, the rest's span, the
    rest as a slice); None when neither does or there are fewer than four."""
    if len(steps) < 4:
        return None
    for at, neighbour, rest in ((0, 1, slice(1, None)),
                                (len(steps) - 1, len(steps) - 2, slice(None, -1))):
        gap = abs(int(steps[at] - steps[neighbour]))
        span = int(steps[rest][-1] - steps[rest][0]) + 1
        if gap > span:
            return at, gap, span, rest
    return None


def _check_no_stray_hour(index: pd.Index, rows: np.ndarray, *, file: str, col: str) -> None:
    """`check_no_stray_date` for an hourly (or sub-hourly) file: hours apart counted as whole
    hours, said in days."""
    placed = ~np.asarray(pd.isna(index))
    stamps = pd.DatetimeIndex(index[placed])
    hours = stamps.asi8 // pd.Timedelta(hours=1).value
    rows = rows[placed]
    order = np.argsort(hours, kind="stable")
    hours, rows, stamps = hours[order], rows[order], stamps[order]
    first = np.concatenate([[True], hours[1:] != hours[:-1]])
    hours, rows, stamps = hours[first], rows[first], stamps[first]
    stray = _stray_end(hours)
    if stray is not None:
        at, gap, span, rest = stray
        others = stamps[rest]
        raise InputError(
            file,
            f"hour {_hour(stamps[at])} lies {gap / 24:.0f} days from its nearest row, "
            f"further than the rest of the file spans ({_hour(others[0])}.."
            f"{_hour(others[-1])}, {span / 24:.0f} days): a mistyped year? fix or remove "
            "the row",
            row=int(rows[at]),
            field=col,
        )


def _hour(stamp: pd.Timestamp) -> str:
    """``2203-10-15 11:00 UTC`` (the hour start of the file's row, in UTC)."""
    utc = stamp.tz_convert("UTC") if stamp.tzinfo is not None else stamp
    return utc.strftime("%Y-%m-%d %H:%M UTC")
