"""Accuracy across many zones: `selected` (under each selection rule) and every candidate
against the same peers, on the monthly mean MW and monthly peak MW of every zone file.

For each zone file of `../shared/data/eia930_2020_2024/zones/` (or `--zones-dir`):

- the series: the zone's hourly load read and cleaned as the zone pipeline does
  (`forecasting.zones.read`, `forecasting.zones.history`); per complete month (coverage >=
  0.90) the evidence-hour mean MW and the largest hour (MW); other months are missing, and
  every model is fitted on the run of complete months before the origin (`AfterLastGap`);
- scored origins 2022-12 to 2023-12 (monthly), h = 1-12, every model scored with the same
  code (`forecasting.backtest.rolling_origin`), MASE scaled by the in-sample seasonal
  (lag-12) differences up to each origin;
- candidates are also backtested at the 6 warm-up origins before 2022-12 (where the series
  allows 12 months of training), so that `selected` at 2022-12 has evidence to choose from,
  as the pipeline has when it runs; those warm-up rows are never scored here;
- `selected` is rebuilt at each origin from what was known then
  (`forecasting.backtest.selected`), once per candidate pool of `POOLS` and rule of `RULES`,
  from the same candidate paths (`selected_<pool>_<rule>`);
- peers (never part of any choice): seasonal naive, Prophet with defaults, and statsforecast
  AutoETS and AutoARIMA as they come (`benchmarks/accuracy/peers.py`).

Per zone and metric: the MASE of every model, the ratio of each rule's `selected` to the best
peer, its 80% coverage, and the seconds of the zone's backtest. The summary per rule and
metric: the median ratio, the share of zones at most 1.1, the largest ratio, the median
coverage. Zones run as Dask tasks on a local cluster (`--workers`, default 2).

    .venv/bin/python benchmarks/zones_accuracy/run.py --write           # every zone
    .venv/bin/python benchmarks/zones_accuracy/run.py --every 4 --write  # every 4th zone
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks" / "accuracy"))

from forecasting.backtest.selection import STRATEGIES  # noqa: E402
from forecasting.zones.config import BacktestConfig  # noqa: E402

HERE = Path(__file__).resolve().parent
ZONES = ROOT / ".." / "shared" / "data" / "eia930_2020_2024" / "zones"
FIRST, LAST, HORIZON, WARMUP, MIN_TRAIN = "2022-12", "2023-12", 12, 6, 12
N_PATHS = 200
SEED = 11
#: every candidate scored. `arima` (statsmodels ARIMA with the project's order search) is not:
#: the first pass on every 4th zone had it at 1.5-1.9x the best peer (median) and it took 40%
#: of a zone's time; its rows stay in git history (commit 3598dba, results.md)
CANDIDATES = ("seasonal_naive", "seasonal_trend", "seasonal_level", "seasonal_shrunk_trend",
              "harmonic_shrunk_trend", "harmonic_smoothed_level", "damped_ets",
              "local_linear_trend", "regime_trend", "auto_ets", "auto_arima", "auto_theta",
              "prophet")
PEERS = ("peer_seasonal_naive", "peer_prophet_defaults", "peer_autoets", "peer_autoarima")
#: candidate pools `selected` chooses from: AutoETS, the seasonal trend and damped ETS with the
#: seasonal level and the shrunk trend (`plus_both`), with AutoTheta added (`plus_both_theta`,
#: the zone default before the harmonic models), and with the two harmonic models added to
#: that (the zone default since: verdict.md); the two harmonic models alone, with AutoETS, and
#: with AutoETS and damped ETS. Pools dropped when the harmonic models came, none of which
#: led on any metric, keep their rows at commit 0181751 (results.md): `all` (every candidate),
#: `sf` (statsforecast's three), `plus_level`, `plus_shrunk`, `plus_both_arima`, `shrunk`;
#: three more were dropped at commit 4b60176.
THREE = ("auto_ets", "seasonal_trend", "damped_ets")
PLUS_BOTH = (*THREE, "seasonal_level", "seasonal_shrunk_trend")
HARMONIC = ("harmonic_shrunk_trend", "harmonic_smoothed_level")
POOLS = {
    "plus_both": PLUS_BOTH,
    "plus_both_theta": (*PLUS_BOTH, "auto_theta"),
    "plus_both_theta_harmonic": (*PLUS_BOTH, "auto_theta", *HARMONIC),
    "harmonic": HARMONIC,
    "harmonic_ets": ("auto_ets", *HARMONIC),
    "harmonic_ets_damped": ("auto_ets", "damped_ets", *HARMONIC),
}
#: the pool and rule of the zone pipeline's default (`forecasting.zones.config.BacktestConfig`)
DEFAULT_POOL, DEFAULT_RULE = "plus_both_theta_harmonic", "ensemble"  # by verdict.md (issue 12)
assert POOLS[DEFAULT_POOL] == tuple(BacktestConfig().candidates), "zone default moved"
assert DEFAULT_RULE == BacktestConfig().strategy, "zone default rule moved"
#: `selected` widens its bands as the zone default does (monthly factors, independent draw)
WIDENING = BacktestConfig().widening
#: `selected` keeps to the zone run's physical limits (`forecasting/backtest/plausible.py`)
#: and widens by season (`season_widening.py`), as `zones.backtest.load_backtest` asks
LIMITS = dict(limits=True, season=12)
#: rule name -> (strategy, fallback) of `forecasting.backtest.selected.with_selected`
#: (`best`, one model per origin, is not scored any more: at commit 4b60176 it was the worst
#: rule of every pool, median 1.01-1.08x the best peer)
RULES = {rule: (rule, None) for rule in STRATEGIES if rule != "best"}


def factories(names, complete: pd.Series | None = None):
    """Each model wrapped as the zone run wraps it (`AfterLastGap`): fitted after the last
    missing month, or with ``complete`` (the monthly mean's months, for the peak series: the
    zone run's energy months) after the last month that is not complete, a complete month
    without a peak (its measured hours under 90% of it) left in as a missing value for the
    model to take as it can (`forecasting.zones.backtest.load_backtest`)."""
    from peers import AutoARIMAPeer, AutoETSPeer

    from forecasting.models.registry import make_model
    from forecasting.zones.backtest import AfterLastGap

    special = {"peer_seasonal_naive": lambda: make_model("seasonal_naive"),
               "peer_prophet_defaults": lambda: make_model("prophet_defaults"),
               "peer_autoets": AutoETSPeer, "peer_autoarima": AutoARIMAPeer}
    out = {}
    for name in names:
        inner = special.get(name) or (lambda name=name: make_model(name))
        out[name] = lambda inner=inner: AfterLastGap(inner(), complete)
    return out


def zone_series(path: Path) -> dict[str, pd.Series]:
    from forecasting.zones.backtest import monthly_load
    from forecasting.zones.history import build_history
    from forecasting.zones.read import read_zone_files

    load = monthly_load(build_history(read_zone_files([str(path)])))
    hours = np.asarray(load["energy_gwh"].index.days_in_month, dtype=float) * 24.0
    return {"mean_mw": (load["energy_gwh"] * 1000.0 / hours).rename("mean_mw"),
            "peak_mw": load["peak_mw"]}


def months_of(series_by_metric: dict, metric: str) -> pd.Series | None:
    """The complete months of the peak series (the monthly mean's), as the zone run takes its
    energy's months for the peak metric; None for the mean (its own)."""
    if metric != "peak_mw":
        return None
    return series_by_metric["mean_mw"].notna()


def pool_of(result, names):
    """`result` with only the models `names` (their rows and paths)."""
    from dataclasses import replace

    keep = result.forecasts["model"].isin(names).to_numpy()
    return replace(result, forecasts=result.forecasts[keep].reset_index(drop=True),
                   paths={k: v for k, v in result.paths.items() if k[0] in names})


def scored_span(series: pd.Series) -> pd.Series | None:
    """`series` from its first evidence month to the last scored outcome, or None when it
    starts too late for `MIN_TRAIN` months before the first scored origin."""
    first, last = pd.Period(FIRST, "M"), pd.Period(LAST, "M")
    seen = series.loc[:last + HORIZON].dropna()
    if seen.empty or seen.index[0] > first - MIN_TRAIN:
        return None
    return series.loc[seen.index[0]:last + HORIZON]


def candidates_backtest(series: pd.Series, names, warmup: int = WARMUP,
                        complete: pd.Series | None = None):
    """The candidates `names` backtested on `series` (a `scored_span`): the scored origins and
    the `warmup` ones before them that the series allows (``complete``: `factories`)."""
    from forecasting.backtest.rolling_origin import run_backtest

    first, last = pd.Period(FIRST, "M"), pd.Period(LAST, "M")
    warm = max(first - warmup, series.index[0] + MIN_TRAIN - 1)
    return run_backtest(series, factories(names, complete), horizon=HORIZON, first_origin=warm,
                        last_origin=last, n_paths=N_PATHS, seed=SEED)


def zone_backtests(path: str, candidates=CANDIDATES, cache: str | None = None,
                   refit: tuple[str, ...] = (), warmup: int = WARMUP) -> dict:
    """(metric -> (candidates' backtest, peers' backtest, seconds) or a status string, and
    whether it came from the cache) for one zone file. With `cache`, read from (or written
    to) `<cache>/<zone>.pkl`, so that pools and rules can be rescored without refitting (the
    file records the candidates and peers it holds, not their settings: after changing a
    model, name it in `refit` to backtest it again and replace its rows and paths; a
    candidate of `candidates` that the file lacks is backtested and added)."""
    from forecasting.backtest.rolling_origin import run_backtest

    zone = Path(path).stem
    stored = Path(cache) / f"{zone}.pkl" if cache else None
    if stored is not None and stored.exists():
        with stored.open("rb") as handle:
            saved = pickle.load(handle)
        if (set(saved["candidates"]) <= set(candidates) and saved["peers"] == PEERS
                and saved.get("warmup", WARMUP) == warmup):
            # candidates added since the file was written are backtested and added to it
            missing = tuple(c for c in candidates if c not in saved["candidates"])
            if refit or missing:
                saved["metrics"] = refitted(path, saved["metrics"],
                                            tuple(dict.fromkeys((*refit, *missing))), warmup)
                saved["candidates"] = tuple(candidates)
                with stored.open("wb") as handle:
                    pickle.dump(saved, handle)
            return saved["metrics"], True
    out: dict = {}
    try:
        series_by_metric = zone_series(Path(path))
    except Exception as exc:  # noqa: BLE001 - a zone that cannot be read is a row, not a crash
        series_by_metric = {}
        out = {m: f"unreadable: {exc}" for m in ("mean_mw", "peak_mw")}
    first, last = pd.Period(FIRST, "M"), pd.Period(LAST, "M")
    for metric, series in series_by_metric.items():
        t0 = time.perf_counter()
        series = scored_span(series)
        if series is None:
            out[metric] = "too short"
            continue
        try:
            complete = months_of(series_by_metric, metric)
            ours = candidates_backtest(series, candidates, warmup, complete)
            theirs = run_backtest(series, factories(PEERS, complete), horizon=HORIZON,
                                  first_origin=first, last_origin=last, n_paths=N_PATHS,
                                  seed=SEED)
        except Exception as exc:  # noqa: BLE001
            out[metric] = f"failed: {exc}"
            continue
        out[metric] = (ours, theirs, round(time.perf_counter() - t0, 2))
    if stored is not None:
        stored.parent.mkdir(parents=True, exist_ok=True)
        with stored.open("wb") as handle:
            pickle.dump({"candidates": tuple(candidates), "peers": PEERS, "warmup": warmup,
                         "metrics": out}, handle)
    return out, False


def refitted(path: str, metrics: dict, names: tuple[str, ...], warmup: int = WARMUP) -> dict:
    """`metrics` (as `zone_backtests` returns them) with the candidates `names` backtested
    again on the same series and origins. Each model's paths come from its own generator
    (`rolling_origin.origin_rng`: seed, name, origin), so the result is what a run from
    scratch would give."""
    from dataclasses import replace

    out = dict(metrics)
    by_metric = None
    for metric, done in metrics.items():
        if isinstance(done, str):
            continue
        ours, theirs, seconds = done
        by_metric = by_metric or zone_series(Path(path))
        new = candidates_backtest(scored_span(by_metric[metric]), names, warmup,
                                  months_of(by_metric, metric))
        keep = ~ours.forecasts["model"].isin(names).to_numpy()
        # in the order of a run from scratch: by model name, then origin
        frame = (pd.concat([ours.forecasts[keep], new.forecasts], ignore_index=True)
                 .sort_values("model", kind="mergesort", ignore_index=True))
        paths = {k: v for k, v in ours.paths.items() if k[0] not in names} | new.paths
        paths = {k: paths[k] for k in sorted(paths, key=lambda key: key[0])}
        failures = sorted([f for f in ours.failures if f.alias not in names] + new.failures,
                          key=lambda failure: failure.alias)
        out[metric] = (replace(ours, forecasts=frame, paths=paths, failures=failures),
                       theirs, seconds)
    return out


def score_zone(path: str, candidates=CANDIDATES, rules=RULES, pools=POOLS,
               cache: str | None = None, refit: tuple[str, ...] = (),
               warmup: int = WARMUP) -> list[dict]:
    """Every model's and every rule's scores on one zone (rows of the per-zone table)."""
    from forecasting.backtest.rolling_origin import summary
    from forecasting.backtest.selected import with_selected

    zone = Path(path).stem
    rows = []
    first, last = pd.Period(FIRST, "M"), pd.Period(LAST, "M")
    backtests, cached = zone_backtests(path, candidates, cache, refit, warmup)
    seconds = sum(v[2] for v in backtests.values() if not isinstance(v, str))
    for metric, done in backtests.items():
        if isinstance(done, str):
            rows.append({"zone": zone, "metric": metric, "status": done})
            continue
        ours, theirs, backtest_seconds = done
        frames = [theirs.forecasts, ours.forecasts]
        for pool, names in pools.items():
            for rule, (strategy, fallback) in rules.items():
                chosen = with_selected(pool_of(ours, names), strategy=strategy,
                                       fallback=fallback, widening=WIDENING,
                                       **LIMITS).forecasts
                frames.append(chosen[chosen["model"] == "selected"]
                              .assign(model=f"selected_{pool}_{rule}"))
        frame = pd.concat(frames, ignore_index=True)
        origin = pd.PeriodIndex(frame["origin"].astype(str), freq="M")
        frame = frame[(origin >= first) & (origin <= last)]
        # score every model on the same outcomes: the (origin, period) pairs all of them have
        count = frame.groupby(["origin", "period"])["model"].transform("nunique")
        frame = frame[count.to_numpy() == frame["model"].nunique()]
        table = summary(frame)
        table = table[table["horizon"].astype(str) == "all"].set_index("model")
        if table.empty or not np.isfinite(table["n"]).all():
            rows.append({"zone": zone, "metric": metric,
                         "status": "no outcome that every model forecast"})
            continue
        row = {"zone": zone, "metric": metric, "status": "ok", "n": int(table["n"].min()),
               "seconds": backtest_seconds}
        failed = sorted({f.alias for f in ours.failures} | {f.alias for f in theirs.failures})
        row["failed_models"] = " ".join(failed)
        for model, values in table.iterrows():
            row[f"mase_{model}"] = float(values["MASE"])
            if model.startswith("selected_"):
                row[f"coverage80_{model}"] = float(values["coverage80"])
        rows.append(row)
    for row in rows:
        row["zone_seconds"] = round(seconds, 2)
        row["cached"] = cached
    return rows


def summarise(table: pd.DataFrame) -> pd.DataFrame:
    ok = table[table["status"] == "ok"].copy()
    peers = [f"mase_{p}" for p in PEERS]
    ok["best_peer"] = ok[peers].min(axis=1)
    out = []
    models = [c[5:] for c in ok.columns if c.startswith("mase_") and c[5:] not in PEERS]
    for metric, part in ok.groupby("metric"):
        for model in models:
            ratio = part[f"mase_{model}"] / part["best_peer"]
            ratio = ratio[np.isfinite(ratio)]
            coverage = part.get(f"coverage80_{model}")
            out.append({
                "metric": metric, "model": model, "zones": int(len(ratio)),
                "median_ratio": round(float(ratio.median()), 3),
                "share_at_most_1.1": round(float((ratio <= 1.1).mean()), 3),
                "max_ratio": round(float(ratio.max()), 3),
                "median_coverage80": (round(float(coverage.median()), 3)
                                      if coverage is not None else np.nan),
            })
    return pd.DataFrame(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zones-dir", type=Path, default=ZONES)
    parser.add_argument("--every", type=int, default=1, help="every k-th zone file (sorted)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--write", action="store_true", help="rewrite results.md/csv")
    parser.add_argument("--cache", type=Path, default=HERE / ".cache",
                        help="folder of each zone's backtests (reused when the candidates "
                        "match; delete it to refit)")
    parser.add_argument("--refit", nargs="+", default=(), choices=CANDIDATES,
                        metavar="CANDIDATE", help="backtest these candidates again in the "
                        "cached zones (after a change to their code or defaults)")
    parser.add_argument("--warmup", type=int, default=WARMUP,
                        help="warm-up origins before the first scored one (as many as the "
                        "series allows, at most this; use another --cache)")
    parser.add_argument("--pools", nargs="+", default=tuple(POOLS), choices=tuple(POOLS),
                        metavar="POOL", help="score only these pools (and backtest only "
                        "their candidates; use another --cache)")
    parser.add_argument("--out", type=Path, default=HERE,
                        help="folder --write writes results.md/csv to")
    args = parser.parse_args()
    files = sorted(args.zones_dir.glob("*.csv"))[:: args.every]
    pools = {name: POOLS[name] for name in args.pools}
    # every candidate is scored alone; with --pools, only the pools' candidates are backtested
    candidates = (CANDIDATES if tuple(args.pools) == tuple(POOLS) else
                  tuple(c for c in CANDIDATES if any(c in names for names in pools.values())))
    from distributed import Client, LocalCluster

    start = time.perf_counter()
    with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        futures = client.map(score_zone, [str(f) for f in files], pure=False,
                             candidates=candidates, pools=pools, cache=str(args.cache),
                             refit=tuple(args.refit), warmup=args.warmup)
        results = client.gather(futures)
    wall = time.perf_counter() - start
    table = pd.DataFrame([row for rows in results for row in rows])
    table = table.sort_values(["zone", "metric"], kind="mergesort").reset_index(drop=True)
    summary_table = summarise(table)
    print(summary_table.to_string(index=False))
    ok = table[table["status"] == "ok"]
    per_zone = ok.groupby("zone")["zone_seconds"].first()
    print(f"{len(files)} zones, wall {wall:.0f} s with {args.workers} workers, "
          f"{per_zone.median():.1f} s per zone (median, both metrics)")
    if args.write:
        args.out.mkdir(parents=True, exist_ok=True)
        table.to_csv(args.out / "results_by_zone.csv", index=False, float_format="%.4f",
                     lineterminator="\n")
        summary_table.to_csv(args.out / "results.csv", index=False, lineterminator="\n")
        write_markdown(summary_table, table, files, wall, args)


def markdown(frame: pd.DataFrame) -> str:
    cells = [[str(c) for c in frame.columns]] + [
        ["" if isinstance(v, float) and np.isnan(v) else f"{v:g}" if isinstance(v, float)
         else str(v) for v in row] for row in frame.itertuples(index=False)]
    lines = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * len(cells[0])]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in cells[1:]])


def shown(path: Path) -> str:
    """`path` relative to the repository when it is inside it."""
    path = path.resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def write_markdown(summary_table, table, files, wall, args) -> None:
    ok = table[table["status"] == "ok"]
    per_zone = ok.groupby("zone")["zone_seconds"].first()
    cached = table.groupby("zone")["cached"].first().fillna(False).sum()
    rules = summary_table[summary_table["model"].str.startswith("selected_")]
    others = summary_table[~summary_table["model"].str.startswith("selected_")]
    lines = [
        "# Accuracy across zones (issue 12)",
        "",
        "Regenerate: `.venv/bin/python benchmarks/zones_accuracy/run.py --write"
        + (f" --every {args.every}" if args.every != 1 else "")
        + (f" --warmup {args.warmup}" if args.warmup != WARMUP else "")
        + (f" --pools {' '.join(args.pools)}" if tuple(args.pools) != tuple(POOLS) else "")
        + (f" --out {shown(args.out)}" if args.out.resolve() != HERE else "")
        + (f" --cache {shown(args.cache)}" if args.cache.resolve() != HERE / ".cache" else "")
        + "`",
        "",
        f"Zones: {len(files)} files of `{args.zones_dir.name}/`"
        + (f" (every {args.every}th, sorted by name)" if args.every != 1 else "")
        + f"; {int((table['status'] != 'ok').sum())} zone-metric pairs not scored "
        "(too short or unreadable, see results_by_zone.csv). Scored origins "
        f"{FIRST}..{LAST} monthly, h = 1-{HORIZON}, after up to {args.warmup} warm-up origins "
        f"(never scored), {N_PATHS} paths, seed {SEED}. Ratio: "
        "MASE / the best of the four peers on the same zone and metric.",
        "",
        f"Time: {wall:.0f} s wall with {args.workers} Dask workers"
        + (f" ({int(cached)} of {len(files)} zones' backtests read from `--cache`, timed when "
           "they were computed)" if cached else "")
        + f"; the backtest of a zone (both metrics, every candidate and peer, "
        f"{args.workers} workers sharing 2 cores) {per_zone.median():.1f} s median, "
        f"{per_zone.max():.1f} s at most; each rule and pool's choices take about a second "
        "per zone and metric.",
        "",
        "## `selected`, by selection rule",
        "",
        f"The zone pipeline's default (`forecasting.zones.config.BacktestConfig`) is "
        f"`selected_{DEFAULT_POOL}_{DEFAULT_RULE}`: pool `{DEFAULT_POOL}` "
        f"({', '.join(POOLS[DEFAULT_POOL])}), rule `{DEFAULT_RULE}`.",
        "",
        markdown(rules),
        "",
        "## Each candidate alone (its MASE / the best peer)",
        "",
        markdown(others),
        "",
    ]
    (args.out / "results.md").write_text("\n".join(lines))


if __name__ == "__main__":
    main()
