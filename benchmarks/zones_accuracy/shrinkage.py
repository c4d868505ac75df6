"""How much of its slope the seasonal shrunk trend should keep: the candidate alone on every
zone, at several `slope_threshold` values, against the best peer of the zones run.

For each zone file and metric of `run.py` (the same series, origins 2022-12..2023-12, h = 12,
200 paths, seed 11), `seasonal_shrunk_trend` with slope_threshold t0 in `THRESHOLDS` is
backtested alone and its MASE divided by the best peer's MASE in `results_by_zone.csv` (so run
`run.py --write` first). The peers there were scored on the outcomes every model of that run
forecast; the candidate here on all of its own, which differ only where some model of the run
failed on an origin. t0 = 1 is the empirical-Bayes shrinkage; larger t0 keep less of a slope
measured on two to four years whose months move together (the model's default, the candidate
of the zones run, is t0 = 3, chosen here).

    .venv/bin/python benchmarks/zones_accuracy/shrinkage.py   # writes shrinkage.md and .csv
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

# run.py beside this file (first on the path, also in the Dask workers, which inherit a path
# where benchmarks/accuracy/run.py comes first): the series, the settings, the peers, tables
sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import FIRST, HERE, HORIZON, LAST, N_PATHS, PEERS, SEED, ZONES, markdown

from forecasting.models.seasonal_shrunk_trend import SeasonalShrunkTrend

THRESHOLDS = (1.0, 1.5, 2.0, 3.0, 4.0, 6.0)


def zone_scores(path: str) -> list[dict]:
    from run import scored_span, zone_series

    from forecasting.backtest.rolling_origin import run_backtest, summary
    from forecasting.zones.backtest import AfterLastGap

    first, last = pd.Period(FIRST, "M"), pd.Period(LAST, "M")
    try:
        by_metric = zone_series(Path(path))
    except Exception:  # noqa: BLE001 - unreadable zones are not scored in run.py either
        return []
    rows = []
    for metric, series in by_metric.items():
        series = scored_span(series)
        if series is None:
            continue
        models = {f"t{t:g}": (lambda t=t: AfterLastGap(SeasonalShrunkTrend(slope_threshold=t)))
                  for t in THRESHOLDS}
        result = run_backtest(series, models, horizon=HORIZON, first_origin=first,
                              last_origin=last, n_paths=N_PATHS, seed=SEED)
        table = summary(result.forecasts)
        table = table[table["horizon"].astype(str) == "all"]
        for model, mase in zip(table["model"], table["MASE"], strict=True):
            rows.append({"zone": Path(path).stem, "metric": metric, "model": model,
                         "mase": float(mase)})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    from distributed import Client, LocalCluster

    files = sorted(ZONES.glob("*.csv"))
    start = time.perf_counter()
    with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        rows = client.gather(client.map(zone_scores, [str(f) for f in files], pure=False))
    wall = time.perf_counter() - start
    scores = pd.DataFrame([r for part in rows for r in part])
    wide = scores.pivot_table(index=["zone", "metric"], columns="model", values="mase")
    runs = pd.read_csv(HERE / "results_by_zone.csv")
    runs = runs[runs["status"] == "ok"].set_index(["zone", "metric"])
    best_peer = runs[[f"mase_{p}" for p in PEERS]].min(axis=1)
    default = SeasonalShrunkTrend().slope_threshold
    reference = {"seasonal_level (run.py)": runs["mase_seasonal_level"],
                 f"seasonal_shrunk_trend t0={default:g} (run.py)":
                 runs["mase_seasonal_shrunk_trend"]}
    columns = {**reference, **{f"seasonal_shrunk_trend t0={c[1:]}": wide[c] for c in wide}}
    out = []
    for name, mase in columns.items():
        ratio = (mase / best_peer).dropna()
        for metric, part in ratio.groupby(level="metric"):
            part = part[np.isfinite(part)]
            out.append({"metric": metric, "model": name, "zones": int(len(part)),
                        "median_ratio": round(float(part.median()), 3),
                        "share_at_most_1.1": round(float((part <= 1.1).mean()), 3),
                        "max_ratio": round(float(part.max()), 3)})
    out = pd.DataFrame(out).sort_values(["metric", "model"], kind="mergesort")
    out.to_csv(HERE / "shrinkage.csv", index=False, lineterminator="\n")
    lines = ["# The shrunk trend's slope threshold (issue 12)", "",
             "Regenerate: `.venv/bin/python benchmarks/zones_accuracy/shrinkage.py` (after "
             "`run.py --write`; see its docstring).", "",
             f"The candidate alone, its MASE / the best peer of `results_by_zone.csv`; "
             f"{wall:.0f} s wall with {args.workers} workers.", "", markdown(out), ""]
    (HERE / "shrinkage.md").write_text("\n".join(lines))
    print(out.to_string(index=False))


if __name__ == "__main__":
    main()
