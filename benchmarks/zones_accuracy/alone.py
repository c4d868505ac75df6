"""Variants of one candidate backtested alone on every zone of the zones run, and their MASE
divided by the best peer's of `results_by_zone.csv` (used by `shrinkage.py` and
`harmonics.py`).

The same series, origins (2022-12..2023-12), horizon (12), paths (200) and seed (11) as
`run.py`; the peers there were scored on the outcomes every model of that run forecast, the
variants here on all of their own, which differ only where some model of the run failed on an
origin.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from run import FIRST, HERE, HORIZON, LAST, N_PATHS, PEERS, SEED, ZONES

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
