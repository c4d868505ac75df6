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

With `--cache DIR` (the zone backtests `run.py` keeps) it also combines the candidates' point
forecasts (`p50`, on the rows `run.py` scores: origins FIRST..LAST, the (origin, period) pairs
every model has) with non-negative weights summing to 1:

- `best_combination`: per zone, the weights that minimise that zone's MASE, chosen after the
  outcomes (an oracle; a linear program, exact) - no combination of these candidates does
  better on that zone;
- `best_fixed_combination_loo`: one weight vector per metric, fitted to minimise the mean log
  MASE / best peer over all *other* zones and scored on the held-out zone (leave one zone
  out): what a fixed combination shipped with the package would score on an unseen zone.

The weights of the fixed combination fitted on every zone are tabulated in `bound.md`. Each
cached model's MASE is checked against `results_by_zone.csv` before anything is combined
(about 4 minutes on one core: 2 x 111 fits of the fixed weights).

    .venv/bin/python benchmarks/zones_accuracy/bound.py   # writes bound.md and bound.csv
    .venv/bin/python benchmarks/zones_accuracy/bound.py --cache benchmarks/zones_accuracy/.cache
"""

from __future__ import annotations

import argparse
import pickle
from pathlib import Path

import numpy as np
import pandas as pd
from run import FIRST, HERE, LAST, PEERS, markdown  # run.py beside this file
from scipy.optimize import linprog, minimize

from forecasting.backtest.rolling_origin import model_scores, observed_only

COMBINATIONS = ("best_combination", "best_fixed_combination_loo")


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


def scored_rows(ours, theirs) -> pd.DataFrame:
    """The rows `run.score_zone` scores (scored origins, pairs every candidate and peer has,
    evidence only), candidates and peers together."""
    frame = pd.concat([theirs.forecasts, ours.forecasts], ignore_index=True)
    origin = pd.PeriodIndex(frame["origin"].astype(str), freq="M")
    frame = frame[(origin >= pd.Period(FIRST, "M")) & (origin <= pd.Period(LAST, "M"))]
    count = frame.groupby(["origin", "period"])["model"].transform("nunique")
    return observed_only(frame[count.to_numpy() == frame["model"].nunique()])


def zone_matrices(cache: Path, table: pd.DataFrame) -> tuple[dict, tuple[str, ...]]:
    """(zone, metric) -> (candidates' p50 matrix, actual, MASE scale) on the scored rows
    whose scale is usable, for every pair `table` scored; each cached model's MASE must be
    the one in `table`."""
    ok = table[table["status"] == "ok"].set_index(["zone", "metric"])
    out, names = {}, ()
    saved = {}
    for zone, metric in ok.index:
        if saved.get("zone") != zone:
            with (cache / f"{zone}.pkl").open("rb") as handle:
                saved = pickle.load(handle) | {"zone": zone}
        names = saved["candidates"]
        ours, theirs, _ = saved["metrics"][metric]
        rows = scored_rows(ours, theirs)
        for model, mase in model_scores(rows).set_index("model")["MASE"].items():
            if abs(mase - ok.loc[(zone, metric), f"mase_{model}"]) > 1e-4:
                raise ValueError(f"{zone} {metric} {model}: cache is not results_by_zone.csv")
        wide = rows.pivot(index=["origin", "period"], columns="model", values="p50")
        first = rows.drop_duplicates(["origin", "period"]).set_index(["origin", "period"])
        first = first.loc[wide.index]
        scale = first["mase_scale"].to_numpy(dtype=float)
        keep = np.isfinite(scale) & (scale > 0)
        out[zone, metric] = (wide[list(names)].to_numpy(dtype=float)[keep],
                             first["actual"].to_numpy(dtype=float)[keep], scale[keep])
    return out, names


def oracle_weights(forecasts: np.ndarray, actual: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """The convex weights minimising mean |forecasts @ w - actual| / scale (a linear program
    in w and the absolute errors t)."""
    n, k = forecasts.shape
    cost = np.concatenate([np.zeros(k), 1.0 / (scale * n)])
    a_ub = np.block([[forecasts, -np.eye(n)], [-forecasts, -np.eye(n)]])
    b_ub = np.concatenate([actual, -actual])
    a_eq = np.concatenate([np.ones(k), np.zeros(n)])[None, :]
    fit = linprog(cost, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=[1.0], bounds=(0, None),
                  method="highs")
    if not fit.success:
        raise RuntimeError(fit.message)
    return np.clip(fit.x[:k], 0.0, None) / np.clip(fit.x[:k], 0.0, None).sum()


def fixed_weights(zones: list[tuple[np.ndarray, np.ndarray, np.ndarray, float]]) -> np.ndarray:
    """One convex weight vector minimising the mean over `zones` of log(MASE / best peer)
    (SLSQP from equal weights and from each candidate alone; the best end point)."""
    k = zones[0][0].shape[1]

    def loss(w):
        value, grad = 0.0, np.zeros(k)
        for forecasts, actual, scale, peer in zones:
            error = forecasts @ w - actual
            mase = np.mean(np.abs(error) / scale)
            value += np.log(mase / peer)
            grad += (np.sign(error) / scale) @ forecasts / len(actual) / mase
        return value / len(zones), grad / len(zones)

    best = None
    for start in [np.full(k, 1.0 / k), *np.eye(k)]:
        fit = minimize(loss, start, jac=True, method="SLSQP", bounds=[(0.0, 1.0)] * k,
                       constraints={"type": "eq", "fun": lambda w: w.sum() - 1.0})
        if best is None or fit.fun < best.fun:
            best = fit
    weights = np.clip(best.x, 0.0, None)
    return weights / weights.sum()


def combination_mase(weights, forecasts, actual, scale) -> float:
    """The MASE of the combined p50 as `run.py` scores it (`model_scores`)."""
    frame = pd.DataFrame({"model": "combination", "actual": actual, "mase_scale": scale,
                          "p50": forecasts @ weights, "crps": np.nan})
    return float(model_scores(frame)["MASE"].iloc[0])


def combinations(cache: Path, table: pd.DataFrame, per_zone: pd.DataFrame):
    """`per_zone` with the combination ratios, and the pooled fixed weights per metric."""
    matrices, names = zone_matrices(cache, table)
    peer = per_zone.set_index(["zone", "metric"])["best_peer_mase"]
    ratios, pooled = {name: {} for name in COMBINATIONS}, {}
    for metric in sorted({key[1] for key in matrices}):
        keys = [key for key in matrices if key[1] == metric and np.isfinite(np.log(peer[key]))]
        data = {key: (*matrices[key], peer[key]) for key in keys}
        pooled[metric] = fixed_weights(list(data.values()))
        for key in keys:
            held_out = fixed_weights([data[other] for other in keys if other != key])
            for name, weights in (("best_combination", oracle_weights(*matrices[key])),
                                  ("best_fixed_combination_loo", held_out)):
                ratios[name][key] = combination_mase(weights, *matrices[key]) / peer[key]
    index = pd.MultiIndex.from_frame(per_zone[["zone", "metric"]])
    for name in COMBINATIONS:
        per_zone[f"{name}_ratio"] = pd.Series(ratios[name]).reindex(index).to_numpy()
    weights = pd.DataFrame(pooled, index=list(names)).rename_axis("candidate").reset_index()
    return per_zone, weights.round(3)


def summarise(per_zone: pd.DataFrame) -> pd.DataFrame:
    rows = []
    whats = [w for w in ("best_candidate", "best_rule", *COMBINATIONS)
             if f"{w}_ratio" in per_zone]
    for metric, part in per_zone.groupby("metric"):
        for what in whats:
            ratio = part[f"{what}_ratio"]
            ratio = ratio[np.isfinite(ratio)]
            rows.append({"metric": metric, "hindsight": what, "zones": int(len(ratio)),
                         "median_ratio": round(float(ratio.median()), 3),
                         "share_at_most_0.9": round(float((ratio <= 0.9).mean()), 3),
                         "share_at_most_1.1": round(float((ratio <= 1.1).mean()), 3),
                         "max_ratio": round(float(ratio.max()), 3)})
    return pd.DataFrame(rows)


def main(*, cache: Path | None = None) -> None:
    table = pd.read_csv(HERE / "results_by_zone.csv")
    per_zone = hindsight(table)
    weights = None
    if cache is not None:
        per_zone, weights = combinations(cache, table, per_zone)
    summary = summarise(per_zone)
    summary.to_csv(HERE / "bound.csv", index=False, lineterminator="\n")
    counts = (per_zone.groupby("metric")["best_candidate"].value_counts()
              .rename("zones").reset_index())
    command = "`.venv/bin/python benchmarks/zones_accuracy/bound.py"
    if cache is not None:
        command += " --cache benchmarks/zones_accuracy/.cache"
    lines = ["# Hindsight bound of the zones run (issue 12)", "",
             f"Regenerate: {command}` (reads "
             "`results_by_zone.csv`; see the docstring).", "",
             "Ratio: the MASE of the model (or rule) picked per zone *after* seeing the "
             "outcomes / the best peer's MASE on that zone.", "",
             markdown(summary), "",
             "Which candidate the hindsight choice picks, by metric:", "",
             markdown(counts), ""]
    if weights is not None:
        lines += ["Combinations of the candidates' p50 (weights >= 0, sum 1): "
                  "`best_combination` is each zone's own best weights, chosen after its "
                  "outcomes; `best_fixed_combination_loo` is one weight vector fitted "
                  "(mean log ratio) on every other zone and scored on the held-out one. "
                  "The fixed weights fitted on every zone, by metric:", "",
                  markdown(weights), ""]
    (HERE / "bound.md").write_text("\n".join(lines), encoding="utf-8")
    print(summary.to_string(index=False))
    if weights is not None:
        print(weights.to_string(index=False))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=None,
                        help="folder of run.py's zone backtests: add the combination rows")
    main(cache=parser.parse_args().cache)
