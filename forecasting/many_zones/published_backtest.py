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
(`published_scores`), and ``backtest_of`` says which it is and on how many backtest
origin-months ((origin, month) pairs) its MASE is:

- a zone publishing its own forecast: its own backtest of `selected` on monthly energy
  (MASE and 80% coverage, the horizons weighted by their rows), as before;
- a bottom-up total: the MASE of its zones' backtest P50s summed per (origin, month),
  scaled by its own history's MASE scale, over the pairs its own subtree shares (the total
  and every zone under it: `summed_backtest`), so its figure depends on its own zones'
  files only. Before, every total was scored on the pairs every node of the run shares:
  one zone file in New England ending mid-June cut Florida's to 5 of its 12 months (1.20
  beside its zones' 1.03 and 0.97; 1.03 on the 12), its forecast byte-identical;
- a MinT node: the MASE of its P50 reconciled out of sample (each origin with a projection
  from the other origins' errors), over the pairs every node of the run shares: reconciling
  one (origin, month) takes every node's forecast of it (`node_backtest_mase`).
  No coverage for either: the published bands are summed or reconciled sample paths, which
  the backtest did not draw, and a sum of P10s is not the P10 of a sum;
- a single-child total: its child's scores, the same forecast.

The reconciliation test (reconciliation.json's ``backtest``, `level_means` of
`node_backtest_mase`, which decides what a run publishes) stays on the pairs every node
shares, bottom-up and MinT alike, so the two are compared on the same months; where every
zone's file is whole (the totals' hours end with their zones') those are every node's own
pairs and a bottom-up total's zones.csv figure is its level's entry. Its
``backtest_projection`` says how the test reconciled each origin: with MinT-shrink, or with
the structural W when the other origins hold fewer than `mint.MIN_ERRORS` error periods
(one origin shared by every node leaves none); a test that did not reconcile as the
forecast would is no evidence for MinT (`mint.mint_tested`).

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
#: reconciliation.json ``backtest_projection`` when no (origin, month) pair is every node's
NO_TEST = {"method": "none", "origin_months": 0, "origins": []}


def own_text(months: int | None) -> str:
    """``backtest_of`` of a zone publishing its own forecast, scored on ``months`` pairs."""
    return "its own forecast" + (f" (on {months} backtest origin-months)" if months else "")


def summed_text(months: int) -> str:
    """``backtest_of`` of a bottom-up total, scored on its subtree's ``months`` pairs."""
    on = (f"on the {months} backtest origin-months it and all its zones have" if months
          else "no backtest origin-month that it and all its zones have")
    return f"its zones' forecasts summed (MASE of summed P50s {on}; no coverage)"


def reconciled_text(months: int) -> str:
    """``backtest_of`` of a node under MinT, scored on the run's ``months`` shared pairs."""
    on = (f"on the {months} backtest origin-months every node shares" if months
          else "no backtest origin-month every node shares")
    return f"its MinT-reconciled forecast (MASE {on}; no coverage)"


def same_load_text(child: str) -> str:
    """``backtest_of`` of a single-child total: its child's scores."""
    return f"{child}'s: the same load and forecast"


def monthly_rows(result: NodeResult) -> pd.DataFrame | None:
    """A node's backtest rows of `selected`'s monthly energy by (origin, period): actual,
    P50 and MASE scale (None without backtest rows)."""
    rows = result.backtest_selected
    if rows is None or rows.empty:
        return None
    rows = rows[(rows["metric"] == "energy_gwh") & (rows["period"].str.len() == 7)]
    return rows.set_index(["origin", "period"])[["actual", "p50", "mase_scale"]]


def node_backtest_mase(summing: np.ndarray, results: Sequence[NodeResult],
                       hierarchy: Hierarchy, independent: Sequence[str]
                       ) -> tuple[dict[str, dict[str, float]], dict]:
    """(node -> its backtest MASE of `selected`'s monthly energy P50 as forecast
    (``mase_base``), as its leaves' forecasts summed (``mase_bottom_up``; a leaf's own) and
    after MinT (``mase_reconciled``), over the (origin, month) pairs every node has; the
    test's ``backtest_projection``: how many such pairs, and per origin the projection's
    method (`mint.projection`'s note) and months). ({}, `NO_TEST`) when a node has no
    backtest rows or the nodes share no pair. ``summing`` has a row per result (its node's
    leaves) and a column per leaf of ``hierarchy``, every leaf among the results; only the
    ``independent`` nodes (`assemble.independent_nodes`) are reconciled, every node's
    reconciled value being the sum of its reconciled leaves. Honest out of sample: the rows
    of each origin are reconciled with a projection whose W comes from the other origins'
    errors only; with fewer than `mint.MIN_ERRORS` of them (one shared origin: none) that
    projection is the structural one, and the note says so."""
    frames = []
    for r in results:
        rows = monthly_rows(r)
        if rows is None:
            return {}, dict(NO_TEST)
        frames.append(rows.add_prefix(f"{r.node}|"))
    table = pd.concat(frames, axis=1, join="inner")
    if table.empty:
        return {}, dict(NO_TEST)
    nodes = [r.node for r in results]
    actual = np.stack([table[f"{n}|actual"].to_numpy() for n in nodes], axis=1)
    p50 = np.stack([table[f"{n}|p50"].to_numpy() for n in nodes], axis=1)
    scale = np.stack([table[f"{n}|mase_scale"].to_numpy() for n in nodes], axis=1)
    origins = table.index.get_level_values("origin").to_numpy()
    keep = [nodes.index(n) for n in independent]
    leaves = [keep.index(nodes.index(leaf)) for leaf in hierarchy.leaves]
    reconciled = np.empty_like(p50)
    tested = []
    for origin in np.unique(origins):
        mine = origins == origin
        others = actual[~mine][:, keep] - p50[~mine][:, keep]
        p, how = projection(summing[keep], others if len(others) else None)
        tested.append({"origin": str(origin), "months": int(mine.sum()), **how})
        leaf_values = reconcile(p, p50[mine][:, keep].T)[leaves]
        reconciled[mine] = (summing @ leaf_values).T
    summed = (summing @ p50[:, [nodes.index(leaf) for leaf in hierarchy.leaves]].T).T
    with np.errstate(divide="ignore", invalid="ignore"):
        mase = {name: np.nanmean(np.abs(actual - values) / scale, axis=0) for name, values in
                (("mase_base", p50), ("mase_bottom_up", summed),
                 ("mase_reconciled", reconciled))}
    methods = sorted({t["method"] for t in tested})
    note = {"method": methods[0] if len(methods) == 1 else "mixed",
            "origin_months": len(table), "origins": tested}
    return ({node: {name: float(m[i]) for name, m in mase.items()}
             for i, node in enumerate(nodes)}, note)


def summed_backtest(results: Sequence[NodeResult], hierarchy: Hierarchy) -> dict[str, dict]:
    """Total of ``results`` -> the backtest of its zones' forecasts summed, as a bottom-up
    run publishes it: ``mase``, the MASE of the summed `selected` monthly energy P50s
    against its own actual and scale, and ``origin_months``, the (origin, month) pairs it
    is scored on: those the total and every zone under it share, and no other node's, so
    a total's figure moves only with its own zones' files (a zone ending early elsewhere
    in the run used to cut it). Left out: a total without such a pair or a leaf."""
    rows = {r.node: monthly_rows(r) for r in results}
    out = {}
    for node, own in rows.items():
        leaves = hierarchy.leaves_under(node)
        if own is None or node in hierarchy.leaves or any(rows.get(z) is None for z in leaves):
            continue
        table = pd.concat([own[["actual", "mase_scale"]],
                           *[rows[z]["p50"].rename(z) for z in leaves]], axis=1, join="inner")
        with np.errstate(divide="ignore", invalid="ignore"):
            score = (np.abs(table["actual"] - table[leaves].sum(axis=1, min_count=len(leaves)))
                     / table["mase_scale"]).to_numpy()
        scored = ~np.isnan(score)
        if scored.any():
            out[node] = {"mase": float(score[scored].mean()), "origin_months": int(scored.sum())}
    return out


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
    horizons weighted by their rows, and ``origin_months``, those rows ({} without such
    rows)."""
    summary = result.backtest_summary
    if summary is None or summary.empty:
        return {}
    chosen = summary[(summary["model"] == "selected") & (summary["metric"] == "energy_gwh")
                     & (summary.get("frequency", "monthly") == "monthly")]
    if chosen.empty:
        return {}
    weights = chosen["n"].astype(float)
    # a summary's "all" row repeats its horizons' rows: counted once
    horizons = chosen[chosen["horizon"].astype(str) != "all"] if "horizon" in chosen else chosen
    return {"backtest_mase": float((chosen["MASE"] * weights).sum() / weights.sum()),
            "backtest_coverage80": float((chosen["coverage80"] * weights).sum()
                                         / weights.sum()),
            "origin_months": int((horizons if len(horizons) else chosen)["n"].sum())}


def published_scores(alive: Hierarchy, by_node: dict[str, NodeResult], ran: Sequence[str],
                     note: dict, by_node_mase: dict[str, dict[str, float]],
                     summed: dict[str, dict]) -> dict[str, dict]:
    """Node of ``ran`` -> its zones.csv ``backtest_of``, ``backtest_mase`` and
    ``backtest_coverage80`` (module docstring): ``note`` is the run's reconciliation note
    (``published``, ``same_load``, ``backtest_projection``), ``by_node_mase``
    `node_backtest_mase`'s (MinT's, on the pairs every node shares) and ``summed``
    `summed_backtest`'s (a bottom-up total's, on its own subtree's pairs). A score the run
    cannot give is left out (an empty cell)."""
    mint = note.get("published") == "mint"
    same_load = note.get("same_load", {})
    out: dict[str, dict] = {}
    for node in ran:
        if node in same_load:
            continue
        if node in alive.leaves and not mint:
            own = own_scores(by_node[node])
            out[node] = {"backtest_of": own_text(own.pop("origin_months", None)), **own}
        elif mint:
            value = by_node_mase.get(node, {}).get("mase_reconciled", np.nan)
            months = note.get("backtest_projection", {}).get("origin_months", 0)
            out[node] = {"backtest_of": reconciled_text(months),
                         **({"backtest_mase": value} if np.isfinite(value) else {})}
        else:
            mine = summed.get(node, {"mase": np.nan, "origin_months": 0})
            out[node] = {"backtest_of": summed_text(mine["origin_months"]),
                         **({"backtest_mase": mine["mase"]} if np.isfinite(mine["mase"])
                            else {})}
    for node, child in same_load.items():
        out[node] = {**out.get(child, {}), "backtest_of": same_load_text(child)}
    return out
