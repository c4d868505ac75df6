"""What the zone report's held-out check holds, in words: how many summers and winters
peak_check.csv has and, when it has no winter, that none could be held out and why.

A summer is held out with its calendar year, against at least two other weather years; a
winter (December with the next January and February) only with both its calendar years held
out, against two other weather years left, so a history has fewer winters than summers to
check by one per run of consecutive weather years, and none with three weather years or
fewer in a row. The sentence had been fixed text, "so the check has one winter fewer than
summers", also when the check had none, two fewer or (Dominion, a year missing mid-history)
sixteen winters to eighteen summers (fuzz 12a D3); it now says the counts the file has.
"""

from __future__ import annotations

#: other weather years a held-out season is checked against (`forecasting.zones.peak_check`)
MIN_OTHER_YEARS = 2


def held_out_scope(counts: list[dict], weather: dict, crossing: bool = True) -> str:
    """The clause after "each complete year held out in turn" in the report
    (`zone_render.peak_check_counts` rows ``counts``; ``weather`` from
    `zone_render.weather_year_count`), with its leading space; empty for a run whose winters
    are of one calendar year (no ``label``: a winter is held out with its one year)."""
    if not crossing:
        return ""
    held = {str(c["season"]): int(c["years"]) for c in counts}
    summers, winters = held.get("summer", 0), held.get("winter", 0)
    rule = ("a winter, December to February, is held out with both its calendar years, "
            f"against at least {MIN_OTHER_YEARS} other weather years")
    if winters:
        return (f" ({rule}: {_count(summers, 'summer')} and {_count(winters, 'winter')} "
                f"held out here)")
    years = weather.get("years") or []
    had = (f"this history's weather years are {_years(years)}" if years
           else "this history has no weather year")
    return (f" (no winter could be held out: {rule}, so it needs two consecutive weather "
            f"years and {MIN_OTHER_YEARS} more, and {had}; {_count(summers, 'summer')} "
            f"held out)")


def _count(n: int, season: str) -> str:
    return f"{n} {season}" + ("" if n == 1 else "s")


def _years(years: list[int]) -> str:
    """"2021-2023", or "2020, 2022, 2023" when not consecutive."""
    years = sorted(int(y) for y in years)
    if years == list(range(years[0], years[-1] + 1)) and len(years) > 1:
        return f"{years[0]}-{years[-1]}"
    return ", ".join(str(y) for y in years)
