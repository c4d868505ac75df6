"""The national report's decomposition: each scenario's baseline and AI parts, as means that
add up and medians that need not.

The engine keeps baseline + ai == total on every path (`scenarios/engine.py`), so the parts'
means add up to the total's mean in every year; medians do not add (moderate-ai 2030 in the
default run: baseline P50 311.6 + AI P50 146.9 = 458.5 TWh against a total P50 of 439). The
page had stacked the two P50s under "the two parts add up to the total in every year" (fuzz
round 7a D7), so the stack's top was no quantity of the run. The chart now stacks the means
(its top is the total's mean) and the table gives each part's mean and median beside the
total's, both from forecast.csv; the history rows are decomposition.csv's decomposed years.

Where a supply limit binds, the engine takes the load it removes from the AI part first and
from the baseline only once the AI part is used up (`scenarios/constraints.py`), so an AI part
that shrinks to 0 where the extrapolated conventional load fills the limits is that rule at
work, not the scenario's view of AI: `capped` names the decomposed scenarios whose limits
removed load on some path, for the page to say so where the parts are shown.
"""

from __future__ import annotations

import pandas as pd

PARTS = ("baseline", "ai", "total")


def decomposition_view(decomposition: pd.DataFrame | None,
                       forecast: pd.DataFrame) -> dict | None:
    """`rows` for the table, `stack` (scenario, year, component, twh) for the charts and
    `capped` (scenario names); None for a run without decomposition.csv."""
    if decomposition is None:
        return None
    history = decomposition[decomposition["scenario"] == "history"]
    wide = history.pivot_table(index="year", columns="component", values="twh", sort=True)
    rows = [{"scenario": "history", "year": int(year), "baseline": r["baseline"], "ai": r["ai"],
             "total": r["baseline"] + r["ai"], "p50": None} for year, r in wide.iterrows()]
    stack = [history[["scenario", "year", "component", "twh"]]]
    capped = []
    twh = forecast[forecast["metric"] == "twh"]
    for scenario in dict.fromkeys(decomposition.loc[decomposition["scenario"] != "history",
                                                    "scenario"]):
        part = twh[twh["scenario"] == scenario]
        by = {c: part[part["component"] == c].set_index("year") for c in PARTS}
        if any(frame.empty for frame in by.values()):
            continue
        for year in by["total"].index:
            rows.append({"scenario": scenario, "year": int(year),
                         **{c: float(by[c].at[year, "mean"]) for c in PARTS},
                         "p50": {c: float(by[c].at[year, "p50"]) for c in PARTS}})
        for component in ("baseline", "ai"):
            stack.append(pd.DataFrame({"scenario": scenario, "year": by[component].index,
                                       "component": component,
                                       "twh": by[component]["mean"].to_numpy()}))
        removed = part[part["component"] == "removed_by_cap"]
        if not removed.empty and float(removed["mean"].max()) > 0:
            capped.append(scenario)
    return {"rows": rows, "stack": pd.concat(stack, ignore_index=True), "capped": capped}
