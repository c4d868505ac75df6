"""A total with a single child is its child's load: it is not fitted, it takes a result.

A region of one BA, a BA of one zone (`Hierarchy.same_load_below`: down to the first node
with none or several children) sums the same zones over the same hours as the node at the
bottom of that chain. The run publishes that node's paths for it (energy: `assemble`'s
``same_load``; peaks: `coherent_peaks` rule 3; zones.csv's backtest: its child's,
`published_backtest`), so a fit, simulation and backtest of its own (seconds a node with the
cheapest models, minutes with the default candidates) was thrown away. Such a total
now takes the result of the node below (`taken_from_below`) when that node ran:

- its paths (energy, monthly and annual peaks), months, measured peaks, backtest rows,
  history and held-out peak check are the node below's, under its own name. The history
  and peak check are what its own run gave (the same hours); its backtest rows are now the
  forecast it publishes (its child's model), not a model whose forecast no file shows, so
  reconciliation.json's ``mase_base`` of its level is its child's too;
- its coincidence is its own (its peak over its single child's, the same hours: 1.0 each
  complete year whose peak is evidence, `node_task.coincidence_rows`), from the node
  below's calendar years (`NodeResult.year_peaks`);
- its data-center flags are a total's (no large-load pipeline of its own; its settings').

When the node at the bottom failed (a total whose zones share too few hours), nothing below
carries the load and the total runs as its own node, as before (`needs_own_run`): it
then stands for that load itself (`assemble.independent_nodes`).
"""

from __future__ import annotations

from collections.abc import Mapping

from forecasting.hierarchy.tree import Hierarchy
from forecasting.many_zones.node_task import NodeResult, NodeTask, coincidence_rows


def node_below(alive: Hierarchy, node: str) -> str | None:
    """The node whose load a single-child total holds (the bottom of its chain of single
    children); None for a leaf or a total of several children."""
    chain = alive.same_load_below(node)
    return chain[-1] if chain else None


def needs_own_run(alive: Hierarchy, task: NodeTask, ok: Mapping[str, NodeResult]) -> bool:
    """Whether a total's task must run: it has several children, or its node below did not
    run (``ok``: the results that ran, by node)."""
    below = node_below(alive, task.node)
    return below is None or below not in ok


def taken_from_below(task: NodeTask, below: NodeResult) -> NodeResult:
    """The result of a single-child total ``task`` from its node below's (module doc)."""
    [(child, _)] = task.children
    named = {key: getattr(below, key).assign(region=task.node)
             for key in ("backtest_summary", "backtest_selected", "backtest_failures",
                         "history", "season_peaks", "peak_check")
             if getattr(below, key, None) is not None}
    years = below.year_peaks
    return NodeResult(
        task.node, task.level, ok=True, months=below.months, energy_paths=below.energy_paths,
        peak_rows=below.peak_rows.assign(region=task.node), peak_paths=below.peak_paths,
        annual_peak_paths=below.annual_peak_paths, measured_peaks=below.measured_peaks,
        errors=below.errors.rename(task.node), **named,
        coincidence=None if years is None else coincidence_rows(task.node, years,
                                                                {child: years}),
        year_peaks=years, data_center_known=False, clock=below.clock,
        data_center_estimated=task.settings.data_center != "none")
