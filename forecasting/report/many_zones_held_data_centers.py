"""What a many-zone total's data-center figure holds when only some of its zones estimated
theirs (zones.csv ``data_center``: "not estimated in 1 of its 2 zones; large-load pipeline
in 1", `forecasting.many_zones.data_center_source`).

Such a total publishes its total alone (no data-center rows, no share: its zones not
estimated add zero to the sum, which the data do not show), but its total does hold the
estimated zones' data-center load, a large-load pipeline's new load included. The report had
printed "not estimated" for it, while ERCO held ERCO-WEST's 6,677 GWh (2030 P50) of pipeline
and existing data-center load (fuzz 10a D3). It now says what the total holds, from the
estimated zones' own published rows:

    data centers: ERCO-WEST's only (large-load pipeline, P50 6,677 GWh in 2030); the other
    zone's not estimated

Several zones' figures are each zone's own P50, named one by one (P50s do not add: the
total's would be the P50 of their summed paths, which is not published); with more than
`NAMED` zones the sentence gives their means' sum instead, which does add.
"""

from __future__ import annotations

import pandas as pd

from forecasting.report import number_format
from forecasting.report.many_zones_files import NOT_ESTIMATED

#: at most this many zones are named with their own P50 in a total's sentence
NAMED = 3


def mixed_totals(zones: pd.DataFrame | None) -> dict[str, tuple[list[tuple[str, str]], int]]:
    """Total -> ((zone, its source) of the zones under it that estimated their data-center
    part, in zones.csv's order; how many of its zones ran without estimating it), for every
    total whose zones.csv ``data_center`` says some were not estimated."""
    if zones is None or zones.empty:
        return {}
    parent = {r: p for r, p in zip(zones["region"], zones["parent"], strict=True)
              if isinstance(p, str) and p}
    source = {r: s for r, s in zip(zones["region"], zones["data_center"], strict=True)
              if isinstance(s, str) and s}
    out: dict[str, tuple[list[tuple[str, str]], int]] = {}
    mixed = {r for r, s in source.items() if s.startswith(f"{NOT_ESTIMATED} in ")}
    for zone in (r for r in zones["region"] if r not in set(parent.values())):
        if zone not in source:   # failed: in no figure of its totals
            continue
        above = parent.get(zone)
        while above is not None:
            if above in mixed:
                held, others = out.get(above, ([], 0))
                out[above] = (([*held, (zone, source[zone])], others)
                              if source[zone] != NOT_ESTIMATED else (held, others + 1))
            above = parent.get(above)
    return out


def held_text(held: list[tuple[str, str]], others: int, annual: pd.DataFrame,
              year: int) -> str | None:
    """The sentence of what a mixed total's data centers hold in ``year`` (module
    docstring), from ``annual`` (forecast.csv's annual rows: the zones' own data-center
    energy); None when a zone's figure of that year is not published."""
    rows = annual[(annual["period"] == str(year)) & (annual["metric"] == "energy_gwh")
                  & (annual["component"] == "data_center")].set_index("region")
    if not held or any(zone not in rows.index for zone, _ in held):
        return None
    rest = ("the other zone's not estimated" if others == 1 else
            f"the other {others} zones' not estimated")
    if len(held) > NAMED:
        sources = sorted({s for _, s in held})
        total = float(sum(rows.loc[zone, "mean"] for zone, _ in held))
        return (f"data centers: {len(held)} of its {len(held) + others} zones' only "
                f"({', '.join(sources)}; their means sum to "
                f"{number_format.figure(total)} GWh in {year}); {rest}")
    parts = [f"{zone}'s ({src}, P50 {number_format.figure(float(rows.loc[zone, 'p50']))} GWh"
             + (f" in {year})" if i == 0 else ")") for i, (zone, src) in enumerate(held)]
    named = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"data centers: {named} only; {rest}"
