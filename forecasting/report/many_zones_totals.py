"""How many zones each total of a many-zone run sums, said wherever the page names it.

A total is named as a balancing authority, region or top (``ISNE``, ``New England``,
``US48``) while it holds only the zone files given (`forecasting.hierarchy.tree`): a run of
7 files published "Headline: US48 ... 963,268 GWh" (the lower 48 use about 4 PWh), and
"New England" held 2 of ISO-NE's 8 load zones, with no count on the page (fuzz 11b D3). A
page forwarded without the README reads as the whole region. So the page says, beside each
total's name (headline, node table, detail), how many zones it sums. The regions table
gives each BA's region, not a BA's zones, so no "of how many" is known: the count is of
this run's zones alone ("sum of N zones in this run"), never a share of the real total.
"""

from __future__ import annotations

import pandas as pd


def zones_summed(zones: pd.DataFrame | None) -> dict[str, int]:
    """Total -> how many zones that ran it sums (zones.csv: a zone is a node no other
    names as its parent; one with status ``failed`` is in no total's figures). Zones and
    totals none of whose zones ran are not in it."""
    if zones is None or zones.empty or "parent" not in zones.columns:
        return {}
    parent = {r: p for r, p in zip(zones["region"], zones["parent"], strict=True)
              if isinstance(p, str) and p}
    status = dict(zip(zones["region"], zones["status"], strict=True))
    totals = set(parent.values())
    counts: dict[str, int] = {}
    for zone in (r for r in zones["region"] if r not in totals):
        if status.get(zone) == "failed":
            continue
        above = parent.get(zone)
        while above is not None:
            counts[above] = counts.get(above, 0) + 1
            above = parent.get(above)
    return counts


def scope(count: int) -> str:
    """A total's count in words: "sum of 7 zones in this run"."""
    return f"sum of {count} zone{'s' if count != 1 else ''} in this run"


def headline_scope(top: str, count: int | None) -> str | None:
    """The headline's sentence on what its totals hold (None for a top with no zone)."""
    if not count:
        return None
    return (f"{top} is the {scope(count)}, not the published {top} total: every total "
            f"on this page (the top, regions and balancing authorities) is the sum of this "
            f"run's zone files under it, and each says how many.")
