"""A zone hierarchy from file names: zone -> balancing authority -> region -> top.

EIA-930's naming, which any folder of zone files may follow: a sub-region's file is
``<BA>-<ZONE>`` (``PJM-DOM``), so its balancing authority is the part before the first ``-``;
a file without ``-`` (``AEC``) is a balancing authority with no sub-regions, a leaf that is
its own BA. A BA code is one BA whatever its case (``KAPPA-EAST`` and ``kappa-west`` sit under
one node): the node is spelt as the ``regions`` table spells the code, else as the first zone
name (in sorted order) spells it. A BA's region comes from a table of BA codes (``regions``:
code -> region name, e.g. EIA's `balancing_authority_acronyms.csv`, looked up without case);
region names that differ only in case (``Southeast`` for one BA, ``southeast`` for another)
are one region, spelt as the table's first row naming it spells it; a BA the table does not
know sits under ``UNKNOWN_REGION``; without a table the level is left out (zone -> BA ->
top). The top node is the run's region label (e.g. ``US48``).

Only leaves carry data; every other node is the sum of the leaves under it (so totals are
coherent with the zones given, which need not be every zone of a BA).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

UNKNOWN_REGION = "(region unknown)"
LEVELS = ("top", "region", "ba", "zone")


@dataclass(frozen=True)
class Hierarchy:
    """Nodes in a fixed order (top first, then regions, BAs, and the leaves, each level
    sorted by name); ``parent`` of every node but the top; ``level`` of every node."""

    nodes: tuple[str, ...]
    leaves: tuple[str, ...]
    parent: Mapping[str, str]
    level: Mapping[str, str]

    def children(self, node: str) -> list[str]:
        return [n for n in self.nodes if self.parent.get(n) == node]

    def leaves_under(self, node: str) -> list[str]:
        """The leaves whose chain of parents reaches ``node`` (a leaf: itself)."""
        out = []
        for leaf in self.leaves:
            current = leaf
            while current is not None:
                if current == node:
                    out.append(leaf)
                    break
                current = self.parent.get(current)
        return out

    def same_load_below(self, node: str) -> list[str]:
        """The nodes below ``node`` that hold exactly its load: while a node has a single
        child, that child (a region of one BA, a BA of one zone, down to the first node with
        none or several children); empty when ``node`` has none or several children."""
        out = []
        children = self.children(node)
        while len(children) == 1:
            out.append(children[0])
            children = self.children(children[0])
        return out

    def summing_matrix(self) -> np.ndarray:
        """S (nodes x leaves): node value = S @ leaf values."""
        index = {leaf: j for j, leaf in enumerate(self.leaves)}
        s = np.zeros((len(self.nodes), len(self.leaves)))
        for i, node in enumerate(self.nodes):
            for leaf in self.leaves_under(node):
                s[i, index[leaf]] = 1.0
        return s

    def without(self, failed: Iterable[str]) -> Hierarchy:
        """The hierarchy of the remaining leaves (parents left with no leaf are dropped)."""
        failed = set(failed)
        keep = [leaf for leaf in self.leaves if leaf not in failed]
        alive = set()
        for leaf in keep:
            current = leaf
            while current is not None:
                alive.add(current)
                current = self.parent.get(current)
        nodes = tuple(n for n in self.nodes if n in alive)
        return Hierarchy(nodes, tuple(keep), {n: p for n, p in self.parent.items()
                                              if n in alive}, {n: self.level[n] for n in nodes})


def ba_of(zone: str) -> str:
    """The BA code of a zone name as the name spells it (the part before the first ``-``)."""
    return zone.split("-", 1)[0]


def ba_key(zone: str) -> str:
    """The BA of a zone name as compared: its code without case (`ba_of`, casefolded)."""
    return ba_of(zone).casefold()


def ba_names(zones: Iterable[str], regions: Mapping[str, str] | None = None) -> dict[str, str]:
    """`ba_key` -> the BA node's name: the code as the ``regions`` table spells it, else as
    the first of the sorted ``zones`` spells it."""
    table = {code.casefold(): code for code in reversed(list(regions or {}))}
    out: dict[str, str] = {}
    for zone in sorted(set(zones)):
        out.setdefault(ba_key(zone), table.get(ba_key(zone), ba_of(zone)))
    return out


def region_names(regions: Mapping[str, str] | None) -> dict[str, str]:
    """Casefolded BA code -> its region node's name: the region as the first row of the
    table (in its order) naming that region, in any case, spells it."""
    spelt: dict[str, str] = {}
    out: dict[str, str] = {}
    for code, region in (regions or {}).items():
        out.setdefault(code.casefold(), spelt.setdefault(region.casefold(), region))
    return out


def build_hierarchy(zones: Iterable[str], top: str,
                    regions: Mapping[str, str] | None = None) -> Hierarchy:
    """The hierarchy of the zone names (module docstring). A name used at two levels,
    whatever its case (a BA code equal to a region name, say, or a file ``kappa`` beside
    ``KAPPA-EAST``), is a `ValueError`."""
    zones = sorted(set(zones))
    names = ba_names(zones, regions)
    region_of = region_names(regions)
    parent: dict[str, str] = {}
    level: dict[str, str] = {top: "top"}
    folded: dict[str, str] = {top.casefold(): top}
    for zone in zones:
        ba = names[ba_key(zone)]
        up = top
        if regions is not None:
            up = region_of.get(ba.casefold(), UNKNOWN_REGION)
            _place(level, folded, up, "region")
            parent[up] = top
        if ba_key(zone) != zone.casefold():
            _place(level, folded, ba, "ba")
            parent[ba] = up
            parent[zone] = ba
        else:
            parent[zone] = up
        _place(level, folded, zone, "zone")
    order = {name: i for i, name in enumerate(LEVELS)}
    nodes = tuple(sorted(level, key=lambda n: (order[level[n]], n)))
    return Hierarchy(nodes, tuple(zones), parent, level)


def _place(level: dict[str, str], folded: dict[str, str], name: str, what: str) -> None:
    """Put `name` at level `what`; a name already at another level, or a name spelt otherwise
    (``folded``: casefolded name -> the name placed), is a ValueError."""
    other = folded.setdefault(name.casefold(), name)
    if other != name:
        raise ValueError(f"'{name}' (a {what}) and '{other}' (a {level[other]}) differ only "
                         "in case, and a name is one node whatever its case")
    if level.setdefault(name, what) != what:
        raise ValueError(f"'{name}' names both a {level[name]} and a {what}")
