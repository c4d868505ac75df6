"""Whether a file read on UTC is in fact on a local clock with daylight saving time: its
timestamps repeat and skip exactly where such a clock does.

Rule: a local clock read as UTC repeats the hour its clock falls back (two rows labelled
01:00 on the first Sunday of November, on the US rule) and has no row for the hour it
springs forward (02:00 on the second Sunday of March). A file shows a rule's signature in a
year when, read as hour starts on UTC, that year's fall-back hour is given more than once
and its spring-forward hour is absent while the hours either side of it are present (a
longer gap is an outage, not a clock change); the same an hour either side, as a file whose
hour-ending labels were read as hour starts (or the reverse) shows it. The file *looks like
local time* when the years it covers (both changes within its span) number at least one
and most of them (more than half) show it: a stray repeated row or a one-off gap does not,
and a true UTC file (EIA-930) has neither. Rules checked: the US (`US_RULE`, since 2007)
and the EU's central European clock (`EU_RULE`: last Sundays of March and October, 02:00
local).

Only files read on UTC because no clock was given (`read_as_utc_by_default`) are checked:
`zones init` refuses one (it would write the clock into the config) unless --series-tz is
given, UTC included; a zone run and the --series commands warn, so that configs already
written keep running.

Why: forgetting ``--series-tz`` with a utility's own export puts every hour 5 to 8 hours
off on the UTC axis (the daily shape, the afternoon peak, the month boundaries) and
averages the fall-back hour's two values away, all with exit 0.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from forecasting.errors import InputError
from forecasting.series.formats import names_utc


def _nth_sunday(year: int, month: int, n: int) -> pd.Timestamp:
    first = pd.Timestamp(year=year, month=month, day=1)
    return first + pd.Timedelta(days=(6 - first.dayofweek) % 7 + 7 * (n - 1))


def _last_sunday(year: int, month: int) -> pd.Timestamp:
    last = pd.Timestamp(year=year, month=month, day=1) + pd.offsets.MonthEnd(0)
    return last - pd.Timedelta(days=(last.dayofweek + 1) % 7)


@dataclass(frozen=True)
class DstRule:
    """Where a clock's changes fall, in its own wall-clock hours."""

    name: str
    example: str  # an IANA zone keeping the rule, for the advice
    falls_back: str  # the rule in words
    springs_forward: str
    repeated: Callable[[int], pd.Timestamp]  # the hour start given twice, by year
    skipped: Callable[[int], pd.Timestamp]  # the hour start that does not exist


US_RULE = DstRule(
    "US", "America/Chicago", "01:00 on the first Sunday of November",
    "02:00 on the second Sunday of March",
    lambda y: _nth_sunday(y, 11, 1) + pd.Timedelta(hours=1),
    lambda y: _nth_sunday(y, 3, 2) + pd.Timedelta(hours=2))
EU_RULE = DstRule(
    "EU", "Europe/Berlin", "02:00 on the last Sunday of October",
    "02:00 on the last Sunday of March",
    lambda y: _last_sunday(y, 10) + pd.Timedelta(hours=2),
    lambda y: _last_sunday(y, 3) + pd.Timedelta(hours=2))
RULES = (US_RULE, EU_RULE)


@dataclass(frozen=True)
class LocalClockSignature:
    """A rule's changes seen in a file read as UTC: in `shown` of its `years` years."""

    rule: DstRule
    shown: int
    years: int

    def sentence(self) -> str:
        """What the file shows, in words (without the advice)."""
        return (f"timestamps repeat at {self.rule.falls_back} and skip "
                f"{self.rule.springs_forward} in {self.shown} of {self.years} years: the file "
                "looks like local time")


def local_clock_signature(hour_starts: pd.DatetimeIndex) -> LocalClockSignature | None:
    """The DST rule whose changes a file's hour starts, read as UTC and with repeated
    timestamps kept, show (module docstring); None for none."""
    if len(hour_starts) < 2:
        return None
    naive = hour_starts.tz_convert("UTC").tz_localize(None) if hour_starts.tz else hour_starts
    counts = pd.Series(naive).value_counts()
    first, last = naive.min(), naive.max()
    hour = pd.Timedelta(hours=1)
    for rule, shift in ((r, k * hour) for r in RULES for k in (0, -1, 1)):
        years = [y for y in range(first.year, last.year + 1)
                 if first < rule.skipped(y) + shift < last
                 and first < rule.repeated(y) + shift <= last]
        shown = sum(
            counts.get(rule.repeated(y) + shift, 0) > 1
            and counts.get(rule.skipped(y) + shift, 0) == 0
            and counts.get(rule.skipped(y) + shift - hour, 0) > 0
            and counts.get(rule.skipped(y) + shift + hour, 0) > 0
            for y in years)
        if years and shown * 2 > len(years):
            return LocalClockSignature(rule, shown, len(years))
    return None


def read_as_utc_by_default(raw) -> bool:
    """Whether a `RawSeries` is hourly and was read on UTC only because no clock was given:
    a generic file whose date column does not name UTC (EIA-930 and PJM files keep their
    own clocks; a stamp carrying an offset is placed by it and repeats nothing)."""
    return raw.hourly and raw.format == "generic" and all(
        r.time_convention.startswith("UTC,") and not names_utc(r.date_col) for r in raw.reads)


def utc_file_signature(raw) -> LocalClockSignature | None:
    """The DST signature of a `RawSeries` read on UTC by default, None for one read on a
    clock it states or showing none."""
    return local_clock_signature(raw.values.index) if read_as_utc_by_default(raw) else None


def clock_advice(rule: DstRule) -> str:
    """How to state the clock, for a file showing `rule`'s changes."""
    return (f"pass --series-tz <zone> (e.g. {rule.example}), or --series-tz UTC to read it "
            "as UTC anyway")


def refuse_unstated_local_clock(raws) -> None:
    """`InputError` naming the first file read on UTC by default that looks like local
    time (`zones init`, which writes the clock into the config, when --series-tz is not
    given)."""
    for raw in raws:
        found = utc_file_signature(raw)
        if found is not None:
            raise InputError(raw.source, f"{found.sentence()}; {clock_advice(found.rule)}",
                             field="--series-tz")


def local_clock_warnings(raws, *, config: bool = False) -> list[str]:
    """One line per file read on UTC by default that looks like local time (a run, or a
    --series command, which go on: configs already written keep running); ``config``: the
    advice names the config's ``series_timezone`` (a zone or a many-zone config)
    rather than --series-tz."""
    lines = []
    for raw in raws:
        found = utc_file_signature(raw)
        if found is None:
            continue
        advice = (f"set series_timezone: <zone> in the config (e.g. {found.rule.example})"
                  if config else clock_advice(found.rule))
        lines.append(f"warning: {raw.source}: {found.sentence()}, and is read as UTC; "
                     f"{advice}")
    return lines
