"""A zone's large-load pipeline in a many-zone run: its new load is in no history, so no
total's model can forecast it; reconciling it (as before) spread one zone's contracts over
the whole grid. Found by fuzzing: with Dominion's pipeline, Tallahassee's 2035 energy rose
21% and Dominion's base fell 36%. Now the new load is left out of the reconciliation and
added to its zone and every total above it: an unrelated zone does not move, and every
parent is still the sum of its children on every path."""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.contracts import FORECAST_COLUMNS
from forecasting.hierarchy.tree import build_hierarchy
from forecasting.many_zones.assemble import assemble
from forecasting.many_zones.node_task import NodeResult

MONTHS = tuple(f"2025-{m:02d}" for m in range(1, 13))
ORIGINS = [f"{o}/{p}" for o in ("2022-12", "2023-06") for p in
           [f"2023-{m:02d}" for m in range(1, 13)]]
LEVELS = {"PJM-DOM": 10_000.0, "TAL": 300.0}


def node_result(node: str, level: str, total: float, new: float, rng) -> NodeResult:
    n = 50
    base = total + rng.normal(0, 0.01 * total, size=(n, len(MONTHS)))
    new_dc = np.full((n, len(MONTHS)), new) * np.linspace(0.1, 1.0, len(MONTHS))
    errors = pd.Series(rng.normal(0, 0.02 * total, len(ORIGINS)), index=ORIGINS, name=node)
    summary = pd.DataFrame(columns=["model", "metric", "frequency", "n", "MASE", "coverage80"])
    return NodeResult(node, level, ok=True, months=MONTHS,
                      energy_paths={"base": base, "data_center": new_dc,
                                    "new_data_center": new_dc},
                      peak_rows=pd.DataFrame(columns=FORECAST_COLUMNS), errors=errors,
                      backtest_summary=summary, data_center_known=new > 0)


def reconciled(new_dom: float) -> pd.DataFrame:
    h = build_hierarchy(["PJM-DOM", "TAL"], "US48")
    rng = np.random.default_rng(0)
    results = []
    for node in h.nodes:
        leaves = h.leaves_under(node) if node not in h.leaves else [node]
        total = sum(LEVELS[leaf] for leaf in leaves)
        results.append(node_result(node, h.level[node], total,
                                   new_dom if node == "PJM-DOM" else 0.0, rng))
    forecast = assemble(h, results, "US48").forecast
    monthly = forecast[(forecast["metric"] == "energy_gwh") & (forecast["period"] == "2025-12")]
    return monthly.pivot_table(index="region", columns="component", values="mean")


def test_a_zones_pipeline_stays_in_its_zone_and_the_totals_above_it():
    without, with_pipeline = reconciled(0.0), reconciled(20_000.0)
    # Tallahassee does not take Dominion's contracts
    assert abs(with_pipeline.loc["TAL", "total"] / without.loc["TAL", "total"] - 1) < 0.01
    # Dominion's base is its own whatever its contracts
    assert abs(with_pipeline.loc["PJM-DOM", "base"] / without.loc["PJM-DOM", "base"] - 1) < 0.01
    added = with_pipeline.loc["PJM-DOM", "total"] - without.loc["PJM-DOM", "total"]
    assert abs(added - 20_000.0) < 200
    for table in (without, with_pipeline):
        assert np.isclose(table.loc["US48", "total"],
                          table.loc["PJM-DOM", "total"] + table.loc["TAL", "total"])


def test_a_total_some_of_whose_zones_failed_counts_and_names_only_the_others():
    h = build_hierarchy(["PJM-DOM", "TAL"], "US48")
    rng = np.random.default_rng(0)
    results = [node_result(node, h.level[node], 300.0, 0.0, rng) for node in h.nodes
               if node in ("US48", "TAL")]
    results.append(NodeResult("PJM-DOM", "zone", ok=False, reason="PJM-DOM.csv: no data"))
    zones = assemble(h, results, "US48").zones.set_index("region")
    assert zones.loc["US48", "status"] == "ok" and zones.loc["US48", "leaves"] == 1
    assert zones.loc["US48", "reason"] == "1 of its 2 zones failed; its numbers are the other 1's"
    assert zones.loc["PJM-DOM", "status"] == "failed"
