"""The backtest of what each node of a many-zone run publishes, not of its own model.

A total of several children has a model of its own, fitted for the reconciliation test
(`reconciliation.json`; a single-child total takes its child's result and backtest,
`forecasting.many_zones.same_load`), but a run publishes, for each node
(`forecasting.many_zones.assemble`):

- bottom-up (``published: bottom_up``): a zone its own forecast; a total the sum of its
  zones' sample paths;
- MinT (``published: mint``): every node its reconciled forecast;
- a total with a single child (``same_load``): that child's paths, whichever of the two.

So zones.csv's ``backtest_mase`` and ``backtest_coverage80`` score that forecast
(`published_scores`), and ``backtest_of`` says which it is:

- a zone publishing its own forecast: its own backtest of `selected` on monthly energy
  (MASE and 80% coverage, the horizons weighted by their rows), as before;
- a bottom-up total: the MASE of its zones' backtest P50s summed per (origin, month),
  scaled by its own history's MASE scale; a MinT node: the MASE of its P50 reconciled out
  of sample (each origin with a projection from the other origins' errors). Both over the
  (origin, month) pairs every node of the run shares, as the per-level table of
  reconciliation.json, whose mean over a level they are (`node_backtest_mase`). No
  coverage: the published bands are summed or reconciled sample paths, which the backtest
  did not draw, and a sum of P10s is not the P10 of a sum;
- a single-child total: its child's scores, the same forecast.

A node that did not run (a failed total publishing the sum of its zones) has none: without
its own hours there is no actual or scale of its own to score against.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from forecasting.hierarchy.mint import projection, reconcile
from forecasting.hierarchy.tree import Hierarchy
from forecasting.many_zones.node_task import NodeResult

LEVELS = ("top", "region", "ba", "zone")
#: zones.csv ``backtest_of``: what a node's backtest columns score
OWN = "its own forecast"
SUMMED = "its zones' forecasts summed (MASE of summed P50s; no coverage)"
RECONCILED = "its MinT-reconciled forecast (MASE; no coverage)"


def same_load_text(child: str) -> str:
    """``backtest_of`` of a single-child total: its child's scores."""
    return f"{child}'s: the same load and forecast"


def node_backtest_mase(summing: np.ndarray, results: Sequence[NodeResult],
                       hierarchy: Hierarchy, independent: Sequence[str]
                       ) -> dict[str, dict[str, float]]:
    """Node -> its backtest MASE of `selected`'s monthly energy P50 as forecast
    (``mase_base``), as its leaves' forecasts summed (``mase_bottom_up``; a leaf's own) and
    after MinT (``mase_reconciled``), over the (origin, month) pairs every node has; {}
    when a node has no backtest rows or the nodes share no pair. ``summing`` has a row per
    result (its node's leaves) and a column per leaf of ``hierarchy``, every leaf among the
    results; only the ``independent`` nodes (`assemble.independent_nodes`) are reconciled,
    every node's reconciled value being the sum of its reconciled leaves. Honest out of
    sample: the rows of each origin are reconciled with a projection whose W comes from the
    other origins' errors only."""
    frames = []
    for r in results:
        rows = r.backtest_selected
        if rows is None or rows.empty:
            return {}
        rows = rows[(rows["metric"] == "energy_gwh") & (rows["period"].str.len() == 7)]
        frames.append(rows.set_index(["origin", "period"])[["actual", "p50", "mase_scale"]]
                      .add_prefix(f"{r.node}|"))
    table = pd.concat(frames, axis=1, join="inner")
    if table.empty:
        return {}
    nodes = [r.node for r in results]
    actual = np.stack([table[f"{n}|actual"].to_numpy() for n in nodes], axis=1)
    p50 = np.stack([table[f"{n}|p50"].to_numpy() for n in nodes], axis=1)
    scale = np.stack([table[f"{n}|mase_scale"].to_numpy() for n in nodes], axis=1)
    origins = table.index.get_level_values("origin").to_numpy()
    keep = [nodes.index(n) for n in independent]
    leaves = [keep.index(nodes.index(leaf)) for leaf in hierarchy.leaves]
    reconciled = np.empty_like(p50)
    for origin in np.unique(origins):
        mine = origins == origin
        others = actual[~mine][:, keep] - p50[~mine][:, keep]
        p, _ = projection(summing[keep], others if len(others) else None)
        leaf_values = reconcile(p, p50[mine][:, keep].T)[leaves]
        reconciled[mine] = (summing @ leaf_values).T
    summed = (summing @ p50[:, [nodes.index(leaf) for leaf in hierarchy.leaves]].T).T
    with np.errstate(divide="ignore", invalid="ignore"):
        mase = {name: np.nanmean(np.abs(actual - values) / scale, axis=0) for name, values in
                (("mase_base", p50), ("mase_bottom_up", summed),
                 ("mase_reconciled", reconciled))}
    return {node: {name: float(m[i]) for name, m in mase.items()}
            for i, node in enumerate(nodes)}


def level_means(by_node: dict[str, dict[str, float]], hierarchy: Hierarchy) -> list[dict]:
    """Per level (top to zone), its nodes' mean of each MASE of `node_backtest_mase`,
    rounded to 4 decimals (reconciliation.json's ``backtest``; `mint_helps` reads it)."""
    out = []
    for level in LEVELS:
        pick = [n for n in by_node if hierarchy.level[n] == level]
        if pick:
            out.append({"level": level, "nodes": len(pick),
                        **{name: round(float(np.nanmean([by_node[n][name] for n in pick])), 4)
                           for name in ("mase_base", "mase_bottom_up", "mase_reconciled")}})
    return out


def own_scores(result: NodeResult) -> dict[str, float]:
    """A node's own backtest of `selected` on monthly energy: MASE and 80% coverage, its
    horizons weighted by their rows ({} without such rows)."""
    summary = result.backtest_summary
    if summary is None or summary.empty:
        return {}
    chosen = summary[(summary["model"] == "selected") & (summary["metric"] == "energy_gwh")
                     & (summary.get("frequency", "monthly") == "monthly")]
    if chosen.empty:
        return {}
    weights = chosen["n"].astype(float)
    return {"backtest_mase": float((chosen["MASE"] * weights).sum() / weights.sum()),
            "backtest_coverage80": float((chosen["coverage80"] * weights).sum()
                                         / weights.sum())}


def published_scores(alive: Hierarchy, by_node: dict[str, NodeResult], ran: Sequence[str],
                     note: dict, by_node_mase: dict[str, dict[str, float]]) -> dict[str, dict]:
    """Node of ``ran`` -> its zones.csv ``backtest_of``, ``backtest_mase`` and
    ``backtest_coverage80`` (module docstring): ``note`` is the run's reconciliation note
    (``published``, ``same_load``), ``by_node_mase`` `node_backtest_mase`'s. A score the
    run cannot give is left out (an empty cell)."""
    mint = note.get("published") == "mint"
    same_load = note.get("same_load", {})
    out: dict[str, dict] = {}
    for node in ran:
        if node in same_load:
            continue
        if node in alive.leaves and not mint:
            out[node] = {"backtest_of": OWN, **own_scores(by_node[node])}
            continue
        name = "mase_reconciled" if mint else "mase_bottom_up"
        value = by_node_mase.get(node, {}).get(name, np.nan)
        out[node] = {"backtest_of": RECONCILED if mint else SUMMED,
                     **({"backtest_mase": value} if np.isfinite(value) else {})}
    for node, child in same_load.items():
        out[node] = {**out.get(child, {}), "backtest_of": same_load_text(child)}
    return out
