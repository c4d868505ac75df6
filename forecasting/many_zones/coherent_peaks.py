"""Peaks that agree with the coherent energy and with each other up the hierarchy.

Every node of a many-zone run has its own run's monthly peak paths (its hourly load's
weather-year shapes on its own energy paths, `forecasting.zones.weather_years`), but its
published energy is the reconciled one (`assemble`): a total's energy is the sum of its
zones', and MinT moves every node's. Its own peaks were published beside that energy as they
were, so a total could publish a monthly peak below its own average, a BA whose zones' peaks
summed to 19,119 MW a peak of 11,563 (a coincidence of 0.60 against 0.94-0.98 in its
history), and a region holding one BA other peaks than that BA. The rule, on every sample
path and month (path i of every node is the same draw as in the energy):

1. Peak follows its energy. A node's peak keeps its own run's peak-to-average ratio and
   takes its coherent average: for each component (total, base, data center), the part of
   its own peak its own model made, ``P - N_own``, is scaled by ``(A - N) / (A_own - N_own)``
   and the new large-load pipeline load under it, ``N``, is added as a flat block, where
   ``A`` is the coherent average MW, ``A_own`` its own run's, ``N_own`` the new pipeline
   load its own run holds (a zone's own; none for a total, whose model knows no pipeline)
   and ``N`` that of the zones under it (the base holds none). A component its own run
   does not hold (``A_own - N_own`` not positive: a total's data centers, which are its
   zones', or a zone path whose existing data-center draw is 0) keeps its own peak's excess
   over its own pipeline load, ``P - N_own`` (none for a total), beside ``N``. Then no peak
   is below its average.
2. A total is bounded by its children, bottom up: at least the largest of its children's
   peaks and its own average, at most the sum of its children's peaks (each child's peak
   is at least its average, so the sum is at least the total's average and the bounds never
   cross). Between the bounds the total's own model decides: its hourly shapes hold the
   coincidence of its zones' peaks that `coincidence.csv` measures in the history.
3. A total with a single child is that child's load on every path (same hours, same
   energy): it publishes exactly its child's peaks.

A month partly in the history (the files end inside it) has an hour already measured: when
the coherent energy is below the node's own (a total under its zones' sum, a MinT
adjustment), rule 1 would scale the peak below it. Its total peak is floored at that
measured hour on every path, after rule 1 and before rule 2 (as the zone run's
`weather_years.at_least_measured`); a year's annual peak at the largest measured hour of
its months; a season's six `peaks.csv` values at the largest measured hour of the season's
months of that year. A total's measured hour is at most its children's summed, so the
bounds of rule 2 still hold.

Annual peaks take the same rule on each path's annual peak and the year's averages when the
zone runs give their own annual peak paths (a year's largest hour at the path's level, not
the largest of its noisy months: `forecasting.zones.run`); otherwise they are each path's
largest month of the year after the rule, which keeps the rule too. Because the bounds hold
on every path, every quantile of a total's peak is at least the same quantile of each
child's, and peak >= average holds in every quantile and the mean.

Season peaks (`peaks.csv`, the 50/50 and 90/10 at the median growth path and the growth
band) take the same rule on their own numbers: the part of each node's own value its model
made is scaled by the ratio of the median path's coherent to own average of the season's
forecast months (less the pipeline load), the pipeline load under it added (its median over
the paths for the weather columns, its P10 and P90 for the growth band's). That is the
median path, while the annual peak takes the rule path by path, and the median of the
second is not the first: with MinT published, ERCO-WEST's annual peak P50 (5 GW of
contracts, its base scaled by 0.45 on the median path, -0.1 to 1.0 over the paths) came out
2.7% above the larger of its 90/10s, which its own run had 0.6% above. So when the zone runs
give their own annual peak paths, a season's six values then all move by what puts the
year's own annual peak P50, taken through the same median-path rule, at the P50 the run
publishes (after the bounds of rule 2): each value keeps its place beside the annual peak,
its distance from it scaled as its base. They are then bounded by the children's values
column by column and copied from a single child. A season with no forecast month the run
publishes keeps its own values. Last, each year's larger 90/10 is at least the year's
published annual peak P50 (its weather P95 with it): the 90/10 is the peak exceeded one
year in ten, and a zone run whose pipeline load is skewed can put its annual P50 a little
above it (ERCO-WEST's own: 0.6%); this floor, like the others, wins over a total's sum of
its children's.

A winter is December of its ``year`` with January and February of the next (winter 2030/31,
`forecasting.seasons.season_months`), as the zone runs publish it: its forecast months and its
measured months are those three, and it keeps its place beside the annual peak P50 of its
January's year (2031: its January and February are that year's, at that year's level; a
first winter whose December is in the history has no annual row of its own year).

The floor of the larger 90/10 compares a year's annual peak P50 with the seasons that hold the
year's months, the months the zone run's own floor of the annual peak takes
(`forecasting.zones.annual_peak_floor`: summer Y and January, February and December of Y):
summer Y, winter Y-1/Y, whose January and February are the year's and which sits beside its
annual P50 (above), and winter Y/Y+1, whose December is the year's. The year's largest hour is
never above the largest of those three seasons' peaks, so its P50 is never above the largest of
their 90/10s (each exceeded one year in ten, the three together at most three in ten); that is
the floor, and the largest of them is raised when it fails. The floor had taken summer Y and
winter Y-1/Y alone, so a December-driven annual P50 (a winter-peaking node whose forecast
December tops its January and February) was laid on summer Y or winter Y-1/Y though winter
Y/Y+1, its own December's season, was above it already: a 90/10 the weather never gives that
season. It is not the rows ``peaks.csv`` files under the year (summer Y and winter Y/Y+1) alone
either: the last forecast year has no winter filed under it (winter end_year/end_year+1 is
beyond the run), so a winter-peaking node's winter-driven annual P50 was laid on its summer
(PSEI summer 2030 90/10 5,106 MW against 4,540 in 2029 and 4,553 in its own zone run, fuzz 12a
D1): a summer 90/10 the weather never gives. When summer Y or winter Y-1/Y is not published (a
run whose first winter is not in it) the year has no floor, so a summer 90/10 is never pushed to
a winter peak; winter Y/Y+1 takes part where published (not in the last forecast year, whose
floor is then summer Y and winter Y-1/Y: its December's winter is not published).

A node with no peak paths of its own (a total whose own run failed, published as the sum
of its zones) takes its children's peaks summed, path by path and component by component,
and its `peaks.csv` values summed column by column (its 50/50 weather year where its
children agree on one): the most its children's peaks can be together, since without its
own hours no coincidence is known. It is between its children's largest and their sum, at
least its average (each child's peak is at least its own) and, as its energy is, the sum of
its children's; zones.csv says so beside its status. Only when a child has no peaks either
does it take no part: its parent's upper bound is then left out, and its lower bound is the
largest of its other children's peaks and its own average.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from forecasting.hierarchy.tree import Hierarchy
from forecasting.seasons import season_months

COMPONENTS = ("total", "base", "data_center")
SEASON_VALUES = ("peak_50_50_mw", "peak_90_10_mw", "weather_p05_mw", "weather_p95_mw",
                 "growth_p10_mw", "growth_p90_mw")
_WEATHER = SEASON_VALUES[:4]

Paths = Mapping[str, np.ndarray]  # component -> (n, months) MW


def follow_energy(peak: np.ndarray, own: np.ndarray, own_new: np.ndarray,
                  average: np.ndarray, new: np.ndarray) -> np.ndarray:
    """Rule 1 for one component (every argument (n, months) MW): ``peak`` its own run's
    peak paths, ``own`` its own run's average, ``own_new`` the new pipeline load in it,
    ``average`` the coherent average and ``new`` the new pipeline load under the node."""
    own_part = own - own_new
    held = own_part > 0
    # nothing of its own to scale: the peak's shape over the pipeline load is kept as it is
    # (ratio 1), so a zone path whose existing data-center draw is 0 keeps its pipeline's
    # daily and summer swing (it fell to the flat average: ERCO-WEST's 2028 data-center peak
    # P50 531 MW in a many-zone run against 557 in its own, fuzz 10a D1); a total's data
    # centers, whose own run holds none (peak 0), still come out as their average
    ratio = np.where(held, np.clip(average - new, 0.0, None) / np.where(held, own_part, 1.0),
                     1.0)
    scaled = (peak - own_new) * ratio + new
    return np.maximum(scaled, average)


def bounded(peak: np.ndarray, average: np.ndarray, children: list[np.ndarray],
            complete: bool) -> np.ndarray:
    """Rule 2 for one component: ``peak`` between max(largest child, ``average``) and the
    children's sum (the sum only when ``complete``, every child having peaks); a single
    complete child is returned as it is (rule 3)."""
    if complete and len(children) == 1:
        return children[0].copy()
    lower = np.maximum(np.max(children, axis=0), average) if children else average
    out = np.maximum(peak, lower)
    if complete and children:
        out = np.minimum(out, np.maximum(np.sum(children, axis=0), lower))
    return out


def coherent_peak_paths(hierarchy: Hierarchy, peaks: Mapping[str, Paths],
                        own: Mapping[str, Paths], own_new: Mapping[str, np.ndarray],
                        average: Mapping[str, Paths], new: Mapping[str, np.ndarray],
                        measured: Mapping[str, np.ndarray] | None = None
                        ) -> dict[str, dict[str, np.ndarray]]:
    """Every node's monthly peak paths by the module's rule. ``peaks``: node -> its own
    run's peak paths per component (nodes without are left out); ``own``: its own run's
    average MW per component; ``own_new``: the new pipeline load its own run holds;
    ``average``: every node's coherent average MW per component; ``new``: every node's new
    pipeline load under it (all (n, months) MW on the run's months); ``measured``: node ->
    (months,) its largest measured hour of each month, -inf where none (the floor)."""
    out: dict[str, dict[str, np.ndarray]] = {}
    for node in reversed(hierarchy.nodes):  # leaves first, then each level up
        if node not in peaks:
            summed = _children_summed(hierarchy, node, out)
            if summed is not None:
                out[node] = summed
            continue
        mine = {}
        for component in COMPONENTS:
            pipeline = new[node] if component != "base" else np.zeros_like(new[node])
            held = own_new[node] if component != "base" else np.zeros_like(own_new[node])
            mine[component] = follow_energy(peaks[node][component], own[node][component],
                                            held, average[node][component], pipeline)
        if measured is not None and node in measured:  # an hour already measured
            mine["total"] = np.maximum(mine["total"], measured[node][None, :])
        children = hierarchy.children(node)
        if children:
            have = [c for c in children if c in out]
            for component in COMPONENTS:
                mine[component] = bounded(mine[component], average[node][component],
                                          [out[c][component] for c in have],
                                          len(have) == len(children))
        out[node] = mine
    return out


def coherent_season_peaks(hierarchy: Hierarchy, seasons: Mapping[str, pd.DataFrame],
                          months: pd.PeriodIndex, own: Mapping[str, np.ndarray],
                          own_new: Mapping[str, np.ndarray], average: Mapping[str, np.ndarray],
                          new: Mapping[str, np.ndarray],
                          measured: Mapping[str, Mapping[str, float]] | None = None, *,
                          annual_own: Mapping[str, Mapping[int, float]] | None = None,
                          annual: Mapping[str, Mapping[int, float]] | None = None
                          ) -> dict[str, pd.DataFrame]:
    """Every node's season peaks (its `peaks.csv` rows, ``seasons``: node -> its own run's)
    by the module's rule; ``own``, ``own_new``, ``average`` and ``new`` are the total
    component's (n, months) MW on the run's ``months``, as in `coherent_peak_paths`;
    ``measured``: node -> month ('YYYY-MM') -> its largest measured hour (the floor);
    ``annual_own``: node -> year -> its own run's annual peak P50 (total), ``annual``: the
    P50 the run publishes (`coherent_peak_paths` on the annual peaks); a node without them
    keeps the median-path rule alone and no 90/10 floor."""
    annual_own, annual = annual_own or {}, annual or {}
    out: dict[str, pd.DataFrame] = {}
    for node in reversed(hierarchy.nodes):
        if node not in seasons:
            summed = _season_children_summed(hierarchy, node, out)
            if summed is not None:
                out[node] = _at_least_annual_p50(summed, annual.get(node, {}))
            continue
        table = seasons[node].reset_index(drop=True).copy()
        values = table[list(SEASON_VALUES)].to_numpy(dtype=float)
        for i, (year, season) in enumerate(zip(table["year"], table["season"], strict=True)):
            span = season_months(season, int(year))
            cols = np.flatnonzero(months.isin(span))
            if len(cols):
                fitted = _season_rule(cols, own[node], own_new[node], average[node], new[node])
                values[i] = [fitted(float(v), c)
                             for c, v in zip(SEASON_VALUES, values[i], strict=True)]
                at = int(span[-1].year)  # a winter beside its January's year (module doc)
                mine, published = (annual_own.get(node, {}).get(at),
                                   annual.get(node, {}).get(at))
                if mine is not None and published is not None:  # beside the annual P50
                    values[i] += published - fitted(mine, "peak_50_50_mw")
            spanned = {str(p) for p in span}
            held = [mw for month, mw in ((measured or {}).get(node) or {}).items()
                    if month in spanned]
            if held:  # an hour of the season already measured
                values[i] = np.maximum(values[i], max(held))
        table[list(SEASON_VALUES)] = values
        children = [c for c in hierarchy.children(node) if c in out]
        if children and len(children) == len(hierarchy.children(node)) == 1:
            table = out[children[0]].assign(region=node)  # rule 3: the same load
        elif children:
            table = _season_bounded(table, [out[c] for c in children],
                                    len(children) == len(hierarchy.children(node)))
        out[node] = _at_least_annual_p50(table, annual.get(node, {}))
    return out


def _children_summed(hierarchy: Hierarchy, node: str, out: Mapping[str, Paths]
                     ) -> dict[str, np.ndarray] | None:
    """A node without peak paths of its own (a total whose run failed): its children's
    peak paths summed, per component and path (module doc); None when it has no children
    or one of them has no peaks either."""
    children = hierarchy.children(node)
    if not children or any(c not in out for c in children):
        return None
    return {c: np.sum([out[child][c] for child in children], axis=0) for c in COMPONENTS}


def _season_children_summed(hierarchy: Hierarchy, node: str,
                            out: Mapping[str, pd.DataFrame]) -> pd.DataFrame | None:
    """`_children_summed` for `peaks.csv` rows: the six values of each (year, season) every
    child has, summed; the 50/50 weather year where every child's is the same, else empty."""
    children = hierarchy.children(node)
    if not children or any(c not in out for c in children):
        return None
    key = ["year", "season"]
    tables = [out[c].set_index(key) for c in children]
    common = tables[0].index
    for t in tables[1:]:
        common = common.intersection(t.index, sort=False)
    summed = sum(t.loc[common, list(SEASON_VALUES)].astype(float) for t in tables)
    years = pd.concat([t.loc[common, "weather_year_50_50"] for t in tables], axis=1)
    same = years.nunique(axis=1, dropna=False) == 1
    summed["weather_year_50_50"] = years.iloc[:, 0].where(same).astype("Int64")
    summed["scenario"] = tables[0].loc[common, "scenario"]
    if "label" in tables[0]:
        summed["label"] = tables[0].loc[common, "label"]
    return summed.reset_index().assign(region=node)[list(out[children[0]].columns)]


def _at_least_annual_p50(table: pd.DataFrame, annual: Mapping[int, float]) -> pd.DataFrame:
    """Each year's largest 90/10 of the seasons holding its months (summer Y, winter Y-1/Y
    and, where published, winter Y/Y+1, whose December is Y's) raised to the year's published
    annual peak P50 where it is below (``annual``: year -> P50), that season's weather P95
    with it; no floor in a year summer Y or winter Y-1/Y is missing from (module doc)."""
    if not annual or table.empty:
        return table
    table = table.copy()
    summer, winter = table["season"] == "summer", table["season"] == "winter"
    for year, p50 in annual.items():
        rows = table.index[(summer & (table["year"] == year))
                           | (winter & (table["year"] == year - 1))]
        if len(rows) != 2:  # not both seasons that carry the year's level: no floor
            continue
        rows = rows.append(table.index[winter & (table["year"] == year)])  # its December's
        top = table.loc[rows, "peak_90_10_mw"].astype(float).idxmax()
        if table.at[top, "peak_90_10_mw"] < p50:
            table.at[top, "peak_90_10_mw"] = p50
            table.at[top, "weather_p95_mw"] = max(float(table.at[top, "weather_p95_mw"]), p50)
    return table


def _season_rule(cols, own, own_new, average, new):
    """Rule 1 for one season (its forecast months ``cols``) at the median path: a function
    of a value and its `SEASON_VALUES` column (module doc)."""
    mid_own = float(np.median(own[:, cols].mean(axis=1) - own_new[:, cols].mean(axis=1)))
    mid_coherent = float(np.median(average[:, cols].mean(axis=1) - new[:, cols].mean(axis=1)))
    ratio = max(mid_coherent, 0.0) / mid_own if mid_own > 0 else 1.0
    own_mid = float(np.median(own_new, axis=0)[cols].mean())
    new_mid = float(np.median(new, axis=0)[cols].mean())
    own_season, new_season = own_new[:, cols].mean(axis=1), new[:, cols].mean(axis=1)
    added = {c: (own_mid, new_mid) for c in _WEATHER}
    added["growth_p10_mw"] = (float(np.quantile(own_season, 0.1)),
                              float(np.quantile(new_season, 0.1)))
    added["growth_p90_mw"] = (float(np.quantile(own_season, 0.9)),
                              float(np.quantile(new_season, 0.9)))

    def fitted(value: float, column: str) -> float:
        return (value - added[column][0]) * ratio + added[column][1]

    return fitted


def _season_bounded(table: pd.DataFrame, children: list[pd.DataFrame],
                    complete: bool) -> pd.DataFrame:
    """Each season row's values between its children's largest and their sum (rule 2);
    a row some child lacks is bounded below by the children that have it, not above."""
    key = ["year", "season"]
    values = [c.set_index(key)[list(SEASON_VALUES)] for c in children]
    out = table.copy()
    mine = table[list(SEASON_VALUES)].to_numpy(dtype=float)
    for i, at in enumerate(zip(table["year"], table["season"], strict=True)):
        have = [v.loc[at].to_numpy(dtype=float) for v in values if at in v.index]
        if not have:
            continue
        lower = np.max(have, axis=0)
        mine[i] = np.maximum(mine[i], lower)
        if complete and len(have) == len(values):
            mine[i] = np.minimum(mine[i], np.maximum(np.sum(have, axis=0), lower))
    out[list(SEASON_VALUES)] = mine
    return out
