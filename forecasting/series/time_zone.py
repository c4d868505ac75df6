"""Is a name a time zone: the one check every reader of a clock (``--series-tz``, a zone's
``timezone``, ``source_tz``, ``period_tz``) makes before using it.

A name is a time zone when the IANA tz database has it (``America/Chicago``, ``UTC``). The
names of the database's folders (``Pacific``, ``America``) are not: `ZoneInfo` raises an
OSError (IsADirectoryError) for them rather than ZoneInfoNotFoundError, which had reached the
user as a traceback; they are unknown here like any other name.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def known_time_zone(value: str) -> str:
    """`value` if it is an IANA time zone name (ValueError naming it otherwise)."""
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(f"unknown time zone '{value}' (an IANA name such as "
                         "America/Chicago)") from None
    return value
