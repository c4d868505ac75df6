"""Rolling forecast origins with an expanding window.

Rules:

- the series is a float `pandas.Series` on a `PeriodIndex` (Y, Q, M, D or H), sorted, unique
  and without gaps (missing values are allowed as NaN; a model drops them when it fits);
- origins run from `first_origin` to `last_origin` inclusive, every `step` periods; both may be
  `pandas.Period`s or strings such as ``"2012"`` or ``"2021-12"`` (read in the series' own
  frequency);
- at origin `o` the training series is everything up to and including `o` (expanding window,
  always starting at the first period of the series);
- the actuals are the values at `o+1 ... o+H` that exist: the window is truncated at the end
  of the data and NaN values are dropped, so late origins have fewer than `H` actuals;
- every origin must have at least one period after it in the series (an origin at the last
  period would have nothing to evaluate), so `last_origin` defaults to the second-to-last
  period.

The horizon of a future period is its distance from the origin in periods (1 = next period).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import pandas as pd


class Origin(NamedTuple):
    """One forecast origin: unpacks as ``(origin, train, actual)``."""

    origin: pd.Period
    train: pd.Series
    actual: pd.Series


def check_series(series: pd.Series) -> pd.PeriodIndex:
    """The series' index, after checking that it is a sorted gap-free `PeriodIndex`."""
    index = series.index
    if not isinstance(index, pd.PeriodIndex):
        raise TypeError("series must be indexed by a pandas.PeriodIndex")
    if len(index) == 0:
        raise ValueError("series is empty")
    if index.freq is None or index.freq.n != 1:
        raise ValueError("series must have a single-period frequency (Y, Q, M, D or H)")
    expected = pd.period_range(index[0], periods=len(index), freq=index.freq)
    if not index.equals(expected):
        raise ValueError("series index must be sorted, unique and without gaps")
    return index


def to_period(value: pd.Period | str, index: pd.PeriodIndex) -> pd.Period:
    """`value` as a period in the frequency of `index` (a string is parsed in that frequency)."""
    if isinstance(value, pd.Period):
        if value.freqstr != index.freqstr:
            raise ValueError(
                f"origin {value} has frequency {value.freqstr}, series has {index.freqstr}"
            )
        return value
    return pd.Period(str(value), freq=index.freq)


def origin_periods(
    series: pd.Series,
    first_origin: pd.Period | str,
    last_origin: pd.Period | str | None = None,
    step: int = 1,
) -> list[pd.Period]:
    """The origins `first_origin, first_origin + step, ...` up to `last_origin` inclusive."""
    index = check_series(series)
    if step < 1:
        raise ValueError("step must be at least 1")
    first = to_period(first_origin, index)
    last = index[-2] if last_origin is None and len(index) > 1 else last_origin
    if last is None:
        raise ValueError("series needs at least two periods to have an origin")
    last = to_period(last, index)
    if first < index[0]:
        raise ValueError(f"first origin {first} is before the start of the series {index[0]}")
    if last >= index[-1]:
        raise ValueError(
            f"last origin {last} must be before the last period of the series {index[-1]} "
            "(an origin needs at least one later actual)"
        )
    if last < first:
        raise ValueError(f"last origin {last} is before first origin {first}")
    start = index.get_loc(first)
    stop = index.get_loc(last)
    return [index[i] for i in range(start, stop + 1, step)]


def rolling_origins(
    series: pd.Series,
    horizon: int,
    first_origin: pd.Period | str,
    last_origin: pd.Period | str | None = None,
    step: int = 1,
) -> Iterator[Origin]:
    """Yield `(origin, train, actual)` for each rolling origin (expanding window)."""
    if horizon < 1:
        raise ValueError("horizon must be at least 1")
    origins = origin_periods(series, first_origin, last_origin, step)
    index = series.index
    for origin in origins:
        pos = index.get_loc(origin)
        train = series.iloc[: pos + 1]
        actual = series.iloc[pos + 1 : pos + 1 + horizon].dropna().astype(float)
        yield Origin(origin, train, actual)


def horizon_of(period: pd.Period, origin: pd.Period) -> int:
    """Distance from `origin` to `period` in periods (1 = the period right after it)."""
    return int(period.ordinal - origin.ordinal)
