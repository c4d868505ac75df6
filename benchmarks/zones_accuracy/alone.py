"""Variants of one candidate backtested alone on every zone of the zones run, and their MASE
divided by the best peer's of `results_by_zone.csv`, and the tables of their ratios (used by
`shrinkage.py`, `harmonics.py` and `variants.py`).

The same series, origins (2022-12..2023-12), horizon (12), paths (200) and seed (11) as
`run.py`; the peers there were scored on the outcomes every model of that run forecast, the
variants here on all of their own, which differ only where some model of the run failed on an
origin.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from run import FIRST, HERE, HORIZON, LAST, N_PATHS, PEERS, SEED, ZONES, markdown

from forecasting.models.base import Model

Variants = Callable[[], dict[str, Callable[[], Model]]]


def zone_scores(path: str, variants: Variants) -> list[dict]:
    """(zone, metric, model, mase) rows of every variant of `variants()` on one zone file."""
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
        models = {name: (lambda make=make: AfterLastGap(make()))
                  for name, make in variants().items()}
        result = run_backtest(series, models, horizon=HORIZON, first_origin=first,
                              last_origin=last, n_paths=N_PATHS, seed=SEED)
        table = summary(result.forecasts)
        table = table[table["horizon"].astype(str) == "all"]
        for model, mase in zip(table["model"], table["MASE"], strict=True):
            rows.append({"zone": Path(path).stem, "metric": metric, "model": model,
                         "mase": float(mase)})
    return rows


def backtest_alone(variants: Variants, workers: int) -> tuple[pd.DataFrame, float]:
    """Every variant's MASE per (zone, metric) (one column each) over every zone file, on a
    local Dask cluster of `workers`, and the wall seconds."""
    from distributed import Client, LocalCluster

    files = sorted(ZONES.glob("*.csv"))
    start = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        rows = client.gather(client.map(zone_scores, [str(f) for f in files], pure=False,
                                        variants=variants))
    wall = time.perf_counter() - start
    scores = pd.DataFrame([r for part in rows for r in part])
    return scores.pivot_table(index=["zone", "metric"], columns="model", values="mase"), wall


def zones_run() -> tuple[pd.DataFrame, pd.Series]:
    """The zones run's scored rows (index zone, metric) and their best peer's MASE."""
    runs = pd.read_csv(HERE / "results_by_zone.csv")
    runs = runs[runs["status"] == "ok"].set_index(["zone", "metric"])
    return runs, runs[[f"mase_{p}" for p in PEERS]].min(axis=1)


def ratio_rows(columns: dict[str, pd.Series], best_peer: pd.Series, *,
               halves: bool = False) -> pd.DataFrame:
    """Per (metric, column of `columns`): the zones scored, the median of MASE / `best_peer`
    (with `halves`, also over the zones at odd and even positions by name, so that one half
    cannot carry a choice), the share of zones at most 1.1 and the largest ratio."""
    zones = sorted(best_peer.index.get_level_values("zone").unique())
    half = {zone: i % 2 for i, zone in enumerate(zones)}
    rows = []
    for name, mase in columns.items():
        ratio = (mase / best_peer).dropna()
        ratio = ratio[np.isfinite(ratio)]
        for metric, part in ratio.groupby(level="metric"):
            row = {"metric": metric, "model": name, "zones": int(len(part)),
                   "median_ratio": round(float(part.median()), 3)}
            if halves:
                which = np.array([half[z] for z in part.index.get_level_values("zone")])
                row["median_odd_half"] = round(float(part[which == 0].median()), 3)
                row["median_even_half"] = round(float(part[which == 1].median()), 3)
            row["share_at_most_1.1"] = round(float((part <= 1.1).mean()), 3)
            row["max_ratio"] = round(float(part.max()), 3)
            rows.append(row)
    return pd.DataFrame(rows)


def write_tables(stem: str, title: str, see: str, intro: str, out: pd.DataFrame) -> None:
    """`out` as `<stem>.csv` and `<stem>.md` beside this file (a title, the command that
    regenerates it, `intro`, the table), and printed."""
    out.to_csv(HERE / f"{stem}.csv", index=False, lineterminator="\n")
    lines = [f"# {title}", "",
             f"Regenerate: `.venv/bin/python benchmarks/zones_accuracy/{stem}.py` (after "
             f"`run.py --write`; see {see}).", "", intro, "", markdown(out), ""]
    (HERE / f"{stem}.md").write_text("\n".join(lines))
    print(out.to_string(index=False))


def halves_intro(wall: float, workers: int) -> str:
    """The sentence under the title of a table of `ratio_rows(..., halves=True)`."""
    return (f"Each variant alone, its MASE / the best peer of `results_by_zone.csv`; the "
            f"medians also over the zones at odd and even positions (by name); {wall:.0f} s "
            f"wall with {workers} workers.")
