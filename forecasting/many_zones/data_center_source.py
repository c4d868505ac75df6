"""Where a many-zone node's data-center load comes from, and whether it was estimated at all.

A zone's data-center part is estimated when its run has a data-center component: the
settings' ``data_center: decomposition`` (its ``trend``) or a large-load pipeline (its
``large-load pipeline``). With ``data_center: none`` (the shipped default) the zone's model
forecasts its whole load and its data-center paths are zeros by construction, not by
evidence: its data-center part is ``not estimated``.

A total's data-center load is the sum of its zones' (`assemble`), so the rule for what a
node publishes is: its ``base`` and ``data_center`` rows (energy, average, peak) and its
data-center share of energy only when every zone under it that ran estimated its
data-center part. Else it publishes its total alone. Why: a zone not estimated adds zero to
the sum, so a total over it would state its zones' estimated data centers as its own (a
share of the whole total that counts the others' data centers as none, which the data do
not show), and its base would be its total less those, holding the others' data centers.
A share of only the estimated zones' energy would be another load than the row's energy,
in a column the report sorts across nodes. Those zones' own rows carry their figures; the
total's source names how many of its zones were estimated and how. A zone run with
``data_center: none`` publishes by the same rule (`forecasting.zones.data_center_part`).
"""

from __future__ import annotations

import pandas as pd

from forecasting.hierarchy.tree import Hierarchy
from forecasting.zones.data_center_part import (  # what a node publishes only when its
    SPLIT_COMPONENTS,  # data-center part was estimated: a zone run's rule too
)

NOT_ESTIMATED = "not estimated"


def estimated_nodes(alive: Hierarchy, by_node: dict) -> set[str]:
    """The nodes of ``alive`` every zone under which estimated its data-center part
    (`NodeResult.data_center_estimated`)."""
    return {node for node in alive.nodes
            if all(by_node[leaf].data_center_estimated for leaf in alive.leaves_under(node))}


def without_unestimated(forecast: pd.DataFrame, estimated: set[str]) -> pd.DataFrame:
    """``forecast`` without the `SPLIT_COMPONENTS` rows of the nodes not in ``estimated``
    (their data-center rows would be zeros or a part of their zones, their base the rest)."""
    drop = forecast["component"].isin(SPLIT_COMPONENTS) & ~forecast["region"].isin(estimated)
    return forecast[~drop].reset_index(drop=True)


def data_center_source(node: str, alive: Hierarchy, by_node: dict) -> str:
    """Where a node's data-center energy comes from: a zone's own ``trend``, its
    ``large-load pipeline`` or ``not estimated``; a total's is the sum of its zones', so it
    names theirs (``trend + large-load pipeline of 1 of its 3 zones``), and a total some of
    whose zones were not estimated says in how many (``not estimated in 2 of its 3 zones;
    trend in 1``: no share is published for it, module docstring)."""
    if node in alive.leaves:
        result = by_node[node]
        if result.data_center_known:
            return "large-load pipeline"
        return "trend" if result.data_center_estimated else NOT_ESTIMATED
    leaves = alive.leaves_under(node)
    estimated = [leaf for leaf in leaves if by_node[leaf].data_center_estimated]
    piped = sum(by_node[leaf].data_center_known for leaf in estimated)
    if not estimated:
        return NOT_ESTIMATED
    if len(estimated) == len(leaves):
        if piped == 0:
            return "trend"
        if piped == len(leaves):
            return "large-load pipeline of its zones"
        return f"trend + large-load pipeline of {piped} of its {len(leaves)} zones"
    parts = [f"trend in {len(estimated) - piped}" if piped < len(estimated) else "",
             f"large-load pipeline in {piped}" if piped else ""]
    return (f"{NOT_ESTIMATED} in {len(leaves) - len(estimated)} of its {len(leaves)} zones; "
            + ", ".join(filter(None, parts)))
