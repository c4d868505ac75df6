"""How far any choice among the scored models could go: the hindsight bound of the zones run.

Reads `results_by_zone.csv` (written by `run.py`, no refitting) and, per zone and metric,
takes the smallest MASE of

- any single candidate, chosen per zone *after* the outcomes are known (`best_candidate`);
- any selection rule over any candidate pool (`best_rule`), also chosen per zone afterwards;

and divides it by the best peer's MASE on that zone, as the acceptance ratio does. No rule
that must choose before the outcomes can do better than these per-zone choices made in
hindsight (up to a combination beating all of its members, which the `best_rule` column
measures for the rules the run scored). The summary has the same columns as `results.csv`:
median ratio, share of zones at most 1.1 and at most 0.9, the largest ratio.

    .venv/bin/python benchmarks/zones_accuracy/bound.py   # writes bound.md and bound.csv
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from run import HERE, PEERS, markdown  # run.py beside this file: the table's peers, its tables


def hindsight(table: pd.DataFrame) -> pd.DataFrame:
    """Per zone and metric: the best peer, and the hindsight best candidate and rule."""
    ok = table[table["status"] == "ok"]
    mase = [c for c in ok.columns if c.startswith("mase_")]
    peers = [f"mase_{p}" for p in PEERS]
    rules = [c for c in mase if c.startswith("mase_selected_")]
    candidates = [c for c in mase if c not in peers and c not in rules]
    best_peer = ok[peers].min(axis=1)
    return pd.DataFrame({
        "zone": ok["zone"], "metric": ok["metric"], "best_peer_mase": best_peer,
        "best_candidate": ok[candidates].idxmin(axis=1).str.removeprefix("mase_"),
        "best_candidate_ratio": ok[candidates].min(axis=1) / best_peer,
        "best_rule": ok[rules].idxmin(axis=1).str.removeprefix("mase_selected_"),
        "best_rule_ratio": ok[rules].min(axis=1) / best_peer,
    }).reset_index(drop=True)


def summarise(per_zone: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for metric, part in per_zone.groupby("metric"):
        for what in ("best_candidate", "best_rule"):
            ratio = part[f"{what}_ratio"]
            ratio = ratio[np.isfinite(ratio)]
            rows.append({"metric": metric, "hindsight": what, "zones": int(len(ratio)),
                         "median_ratio": round(float(ratio.median()), 3),
                         "share_at_most_0.9": round(float((ratio <= 0.9).mean()), 3),
                         "share_at_most_1.1": round(float((ratio <= 1.1).mean()), 3),
                         "max_ratio": round(float(ratio.max()), 3)})
    return pd.DataFrame(rows)


def main() -> None:
    table = pd.read_csv(HERE / "results_by_zone.csv")
    per_zone = hindsight(table)
    summary = summarise(per_zone)
    summary.to_csv(HERE / "bound.csv", index=False, lineterminator="\n")
    counts = (per_zone.groupby("metric")["best_candidate"].value_counts()
              .rename("zones").reset_index())
    lines = ["# Hindsight bound of the zones run (issue 12)", "",
             "Regenerate: `.venv/bin/python benchmarks/zones_accuracy/bound.py` (reads "
             "`results_by_zone.csv`; see the docstring).", "",
             "Ratio: the MASE of the model (or rule) picked per zone *after* seeing the "
             "outcomes / the best peer's MASE on that zone.", "",
             markdown(summary), "",
             "Which candidate the hindsight choice picks, by metric:", "",
             markdown(counts), ""]
    (HERE / "bound.md").write_text("\n".join(lines), encoding="utf-8")
    print(summary.to_string(index=False))


if __name__ == "__main__":
    main()
