"""The years the zone report's headline quotes: the key year when the run forecasts it, else
the run's last forecast year; its tables show the usual years the run forecasts and its last.

The headline was fixed to `KEY_YEAR` (2030) and its table to `HEADLINE_YEARS` (fuzz round 8b
D3): a run to 2027 (Dominion's) got "No forecast for 2030 in this run." in place of its
peak, and a run to 2050 never showed 2050, the year its planner asked for. The national
report keeps those constants (`forecasting.contracts`); a zone's ``end_year`` is its
planner's, so the zone report follows the run:

- the headline sentence is of `KEY_YEAR` when the run forecasts it (a common year to compare
  zones and runs by), else of the run's last year (a run ending before it has no later year
  to quote, and its last is the one asked for);
- a table shows those of its usual years (`HEADLINE_YEARS`, the peaks' `PEAK_YEARS`) that
  the run forecasts, and the run's last year beside them.
"""

from __future__ import annotations

from collections.abc import Iterable

from forecasting.contracts import HEADLINE_YEARS, KEY_YEAR


def headline_year(years: Iterable[int]) -> int | None:
    """`KEY_YEAR` if among the run's forecast `years`, else the last of them (None for no
    year)."""
    years = sorted(set(int(y) for y in years))
    if not years:
        return None
    return KEY_YEAR if KEY_YEAR in years else years[-1]


def table_years(years: Iterable[int], usual: Iterable[int] = HEADLINE_YEARS) -> list[int]:
    """The `usual` years among the run's forecast `years`, and the last of them."""
    years = set(int(y) for y in years)
    if not years:
        return []
    return sorted({y for y in usual if y in years} | {max(years)})


def years_rule(usual: Iterable[int] = HEADLINE_YEARS) -> str:
    """The rule in words, for the headline table's note."""
    *first, last = [str(y) for y in usual]
    return (f"Years: {', '.join(first)} and {last} where the run forecasts them, and the run's "
            f"last year; the sentence above is of {KEY_YEAR}, or of the run's last year when "
            f"it ends before {KEY_YEAR}.")
