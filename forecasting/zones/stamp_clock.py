"""The clock a zone's files name by their stamps' US time-zone abbreviations (what `zones
init` writes as the zone's `timezone` when no clock is given: `init_config.zone_clock`).

Rule: the abbreviations ending the stamps of all the zone's files (ERCOT's exports: ``Sun
11/01/2020 01:00 AM CDT``; found as the reader reads them,
`forecasting.series.dates.zone_abbreviations`) name a clock when they are exactly the
standard and daylight forms of one US clock (`US_CLOCKS`): EST and EDT America/New_York,
CST and CDT America/Chicago, MST and MDT America/Denver, PST and PDT America/Los_Angeles.
Anything else names none:

- one form only: MST all year is Arizona's clock (America/Phoenix), and a utility that
  exports standard time all year may be on any clock of that offset;
- forms of two clocks (files of two zones, or a file whose writer changed clocks): which
  is the zone's cannot be told;
- UTC or GMT among them: those stamps are absolute and say nothing of the zone's clock.

A file without abbreviations (ISO stamps, UTC or with numeric offsets) neither names nor
contradicts a clock. Alaska's and Hawaii's abbreviations (AKST/AKDT, HST) are not read as
offsets (`ZONE_ABBREVIATIONS`), so such a file never gets here.

Why: an abbreviation is its UTC offset, so the hours are read exactly whatever the zone's
clock; but stamps switching between CST and CDT at the US changes were written on US
Central wall-clock time, and the zone's months, seasons, hourly profiles and afternoon
peaks belong on that clock, not on the America/New_York default (ERCOT's East zone had
been given New York's months, each starting an hour early).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from forecasting.series.dates import zone_abbreviations
from forecasting.series.read import RawSeries

#: a US clock's (standard, daylight) abbreviations, as `ZONE_ABBREVIATIONS` reads them
US_CLOCKS = {("EST", "EDT"): "America/New_York", ("CST", "CDT"): "America/Chicago",
             ("MST", "MDT"): "America/Denver", ("PST", "PDT"): "America/Los_Angeles"}


@dataclass(frozen=True)
class StampClock:
    """A clock named by stamps: its IANA name, the abbreviations and the files carrying
    them (in the order given)."""

    name: str
    abbreviations: tuple[str, str]  # (standard, daylight)
    files: tuple[str, ...]

    def said(self) -> str:
        """``the CST and CDT stamps of eastex.csv``."""
        return f"the {' and '.join(self.abbreviations)} stamps of {', '.join(self.files)}"


def stamp_clock(raws: Sequence[RawSeries]) -> StampClock | None:
    """The clock the files' stamp abbreviations name (module docstring), or None."""
    found: set[str] = set()
    files: list[str] = []
    for raw in raws:
        for file, labels in raw.origin.groupby("file", sort=False)["label"]:
            named = zone_abbreviations(labels.astype(str))
            if named:
                found |= named
                files.append(str(file))
    for forms, name in US_CLOCKS.items():
        if found == set(forms):
            return StampClock(name, forms, tuple(dict.fromkeys(files)))
    return None
