"""Seasons and weather years: the calendar rules a zone run computes its peaks with and the
zone report reads its files back by, written once.

Rules:

- Summer Y is June-September of Y. Winter Y/Y+1 is December of Y with January and February
  of Y + 1 (`season_months`), one physical winter, as PJM, ERCOT, Dominion and the IRPs plan
  "winter 2030/31"; it is filed under ``year`` Y (December's) and labelled "2030/31", a
  summer "2030" (`season_label`).
- A calendar year holds no whole winter: its own winter months are January, February and
  December (`calendar_year_months`), the end of one winter and the start of the next. The
  zone run's annual peak floor takes them beside the summer, and a run published before
  winters crossed the year called them its "winter Y".
- Months and years are calendar periods on a clock (an IANA name, the zone's ``timezone``;
  `UTC` by default): a period starts at its first local midnight (`period_start`) and a local
  month of a daylight-saving change has an hour fewer or more (`period_length`: 743 in a US
  March).
- A month's peak is evidence (fitted, scored, a held-out actual, a weather year's month)
  only when its measured hours, evidence hours the source did not impute, cover at least
  `MONTH_COMPLETE` of the month, the share energy's completeness asks of evidence hours
  (`peak_is_evidence`, the one place the rule is written; `peak_evidence` applies it to a
  monthly table, as the load backtest, the zone run and the report read it). A peak from
  fewer measured hours is a lower bound of the month's peak, not the peak (PSEI's 2020-04:
  24 measured hours of 720).
- A year's peak is evidence (a statistic: the many-zone run's coincidence of peaks, a
  weather year's) only when each of its twelve months' peaks is (`year_peak_is_evidence`;
  `year_peak_evidence` applies it to a monthly table; the load backtest's annual actual, the
  largest of twelve monthly peaks its series holds, is the same rule): the year's largest
  hour may lie in any month, and a month's unmeasured hours may hold it. The largest
  measured hour of a year with a month under the rule is a lower bound of its peak, shown
  (history.csv's annual ``peak_mw``, its monthly rows saying which month falls short) and
  taken by a floor, as such a month's is. Why every month, not only those that can hold the
  peak: over the 499 EIA-930 zone-years whose every month's peak is evidence, the annual
  peak fell in every calendar month but April, October and November (in March or May in
  4); of the 49 complete zone-years (30 zones) the rule takes, 34 SWPP's 2021 and 2024
  (20-30% of the hours of 2021-08 and of four 2024 months imputed), a rule leaving
  March-May and October-November out would keep 5, and in 6 the year's largest measured
  hour lies in the month under the rule itself.
- A weather year is a calendar year each of whose twelve months has evidence for `COMPLETE`
  of its hours and whose peak is evidence (`weather_years_in`): a month of mostly imputed
  hours has no shape to give a peak. The month holding the record's
  last hour is judged on its hours up to the record's end when the record ends at most
  `RECORD_END_SLACK_HOURS` before the month does (`record_end_coverage`): on a local clock a
  file that ends with a UTC year leaves its local December a few hours short (8 on Pacific
  time: 98.9%, under `COMPLETE`), which had cost every western EIA-930 zone its latest
  weather year; hours the record has not reached yet are not missing evidence.

Why one module: the report may not import the zone modules (the import contracts in
pyproject.toml), so it had its own copy of the season months, the label and the weather-year
rule, and two copies of a rule drift apart. This module imports no stage, so the zone run,
the many-zone run, the decomposition's seasonal check and the report all take it.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

#: the clock of periods built without a zone's (the benchmarks): UTC months and years
UTC = "UTC"
#: coverage that makes a year complete, and each month of a weather year
COMPLETE = 0.99
#: coverage that makes a month complete (fitted and scored: `forecasting.zones.history`),
#: and the share of measured hours that makes its peak evidence (`peak_is_evidence`)
MONTH_COMPLETE = 0.90
#: hours a record may end before its last month does and the month still be judged on the
#: hours it covers (`record_end_coverage`)
RECORD_END_SLACK_HOURS = 24
#: the months of each season, in order: summer June-September of its year, winter December of
#: its year then January and February of the next (`season_months`)
SEASONS = {"summer": (6, 7, 8, 9), "winter": (12, 1, 2)}
#: the calendar year's own winter months (January, February, December of one year): what the
#: annual peak floor takes beside the summer (`calendar_year_months`)
CALENDAR_WINTER = (1, 2, 12)


def season_months(season: str, year: int) -> pd.PeriodIndex:
    """The months of ``season`` of ``year`` (module doc): summer June-September of
    ``year``; winter December of ``year`` and January and February of ``year`` + 1, one
    physical winter, as planners count it ("winter 2030/31", PJM's delivery year)."""
    year = int(year)
    return pd.PeriodIndex([pd.Period(f"{year + (m < SEASONS[season][0])}-{m:02d}", "M")
                           for m in SEASONS[season]])


def season_label(season: str, year: int) -> str:
    """``peaks.csv``'s ``label``: "2030" for summer 2030, "2030/31" for the winter whose
    December is in 2030."""
    year = int(year)
    return f"{year}/{(year + 1) % 100:02d}" if season == "winter" else str(year)


def calendar_year_months(season: str, year: int) -> pd.PeriodIndex:
    """The months of ``season`` within calendar year ``year``: a summer's own; for winter
    `CALENDAR_WINTER`, January, February and December of ``year`` (module doc)."""
    months = CALENDAR_WINTER if season == "winter" else SEASONS[season]
    return pd.PeriodIndex([pd.Period(f"{int(year)}-{m:02d}", "M") for m in months])


def period_start(period: pd.Period, clock: str = UTC) -> pd.Timestamp:
    """The UTC instant ``period`` starts at on ``clock`` (its first local midnight; a
    midnight the clock skips is the hour after, one it repeats the first of the two)."""
    start = pd.Timestamp(period.start_time).tz_localize(clock, ambiguous=True,
                                                        nonexistent="shift_forward")
    return start.tz_convert(UTC)


def period_length(period: pd.Period, clock: str = UTC) -> float:
    """Hours of ``period`` ('M' or 'Y') on ``clock``."""
    return _length(period.ordinal, period.freqstr, clock)


@lru_cache(maxsize=8192)
def _length(ordinal: int, freq: str, clock: str) -> float:
    period = pd.Period(ordinal=ordinal, freq=freq)
    return (period_start(period + 1, clock) - period_start(period, clock)) / pd.Timedelta(hours=1)


def record_end_coverage(months: pd.PeriodIndex, hours, last_hour: pd.Timestamp | None,
                        clock: str = UTC) -> np.ndarray:
    """(len(months),) each month's evidence ``hours`` over its hours on ``clock``, the
    month holding the record's ``last_hour`` (a UTC hour start; None or NaT: none) judged
    on its hours up to the record's end when the record ends at most
    `RECORD_END_SLACK_HOURS` before the month does (module doc)."""
    length = np.array([period_length(p, clock) for p in months], dtype=float)
    coverage = np.asarray(hours, dtype=float) / length
    if len(months) == 0 or last_hour is None or pd.isna(last_hour):
        return coverage
    last = pd.Timestamp(last_hour)
    last = last.tz_localize(UTC) if last.tzinfo is None else last.tz_convert(UTC)
    month = last.tz_convert(clock).tz_localize(None).to_period("M")
    hit = np.flatnonzero(months == month)
    after = float((period_start(month + 1, clock) - last) / pd.Timedelta(hours=1)) - 1.0
    if len(hit) and 0.0 < after <= RECORD_END_SLACK_HOURS:
        coverage[hit] = coverage[hit] * length[hit] / (length[hit] - after)
    return coverage


def peak_is_evidence(hours, imputed_hours, month_hours) -> np.ndarray:
    """(n,) bool: whether each month's peak is evidence (module doc): its measured hours,
    ``hours`` (evidence hours) less ``imputed_hours`` (None or NaN: none), are some and
    cover at least `MONTH_COMPLETE` of ``month_hours`` (the hours the month is judged on)."""
    hours = np.asarray(hours, dtype=float)
    imputed = (np.zeros_like(hours) if imputed_hours is None
               else np.nan_to_num(np.asarray(imputed_hours, dtype=float)))
    measured = hours - imputed
    with np.errstate(divide="ignore", invalid="ignore"):
        share = measured / np.asarray(month_hours, dtype=float)
    return (measured > 0) & np.nan_to_num(share >= MONTH_COMPLETE).astype(bool)


def peak_evidence(table: pd.DataFrame) -> pd.Series:
    """`peak_is_evidence` of each row of a monthly table (`forecasting.zones.history.
    period_table`, or history.csv's monthly rows: ``hours``, ``coverage`` and, when present,
    ``imputed_hours``), the month's hours taken as hours / coverage (a whole number). A table
    without ``imputed_hours`` measures every evidence hour, so the rule is the month's
    completeness."""
    hours = pd.to_numeric(table["hours"], errors="coerce").astype(float)
    imputed = (pd.to_numeric(table["imputed_hours"], errors="coerce")
               if "imputed_hours" in table else None)
    with np.errstate(divide="ignore", invalid="ignore"):
        length = np.round(hours / pd.to_numeric(table["coverage"], errors="coerce"))
    flags = peak_is_evidence(hours.to_numpy(), None if imputed is None else imputed.to_numpy(),
                             length.to_numpy())
    return pd.Series(flags, index=table.index, name="peak_evidence")


def year_peak_is_evidence(months: pd.PeriodIndex, evidence) -> pd.Series:
    """Whether each calendar year's peak is evidence (module doc), bool by year (an int
    index, every year ``months`` touches, ascending): all twelve of its months are among
    ``months`` (monthly periods, each once) with ``evidence`` (bool per month, their
    `peak_is_evidence`)."""
    months = pd.PeriodIndex(months, freq="M")
    flags = np.asarray(evidence, dtype=bool)
    years = np.asarray(months.year, dtype=int)
    held = pd.Series(flags.astype(int), index=years).groupby(level=0).sum()
    return pd.Series((held == 12).to_numpy(), index=held.index.astype(int),
                     name="peak_evidence")


def year_peak_evidence(table: pd.DataFrame) -> pd.Series:
    """`year_peak_is_evidence` of a monthly table as `peak_evidence` takes it (a
    `forecasting.zones.history.period_table` "M" indexed by month, or history.csv's monthly
    rows with their ``period``): bool by calendar year."""
    months = (table.index if isinstance(table.index, pd.PeriodIndex)
              else pd.PeriodIndex(table["period"].astype(str), freq="M"))
    return year_peak_is_evidence(months, peak_evidence(table).to_numpy())


def weather_years_in(months: pd.PeriodIndex, hours, *, imputed_hours=None,
                     last_hour: pd.Timestamp | None = None, clock: str = UTC) -> np.ndarray:
    """The weather years (module doc) of a monthly table on ``clock``: ``months`` its
    periods, ``hours`` each month's evidence hours, ``imputed_hours`` those of them the
    source imputed (None: none known, judged on coverage alone), ``last_hour`` the record's
    last hour (`record_end_coverage`; the month it ends is judged on the hours up to the end
    for its peak too)."""
    hours = np.asarray(hours, dtype=float)
    coverage = record_end_coverage(months, hours, last_hour, clock)
    full = coverage >= COMPLETE
    if imputed_hours is not None:
        with np.errstate(divide="ignore", invalid="ignore"):
            judged = hours / coverage  # the hours each month is judged on
        full &= peak_is_evidence(hours, imputed_hours, judged)
    years = year_peak_is_evidence(months, full)  # twelve full months (the year rule's count)
    return np.asarray(years.index[years.to_numpy()], dtype=int)
