"""Accuracy benchmark: the `selected` forecast against peers, in one run.

Datasets
  (a) us_annual: the built US history (pipelines/us_national.yaml), origins 2012-2022,
      horizons 1-3 years; evidence only, as the pipeline: every model is fitted with the
      interpolated years missing and scored on the published (or spliced) years only;
  (b) dom_monthly_mean / dom_monthly_peak: EIA-930 hourly demand of PJM-DOM
      (../shared/data/eia930, 2018-10 to 2024-12) as monthly mean MW and monthly peak MW,
      origins 2021-12 to 2023-12, horizon 12 months.

`selected` is what the pipeline would publish at each origin: the candidates' backtest, the
choice and the conformal calibration made with only the origins before it
(forecasting/backtest/selected.py). Peers run as they come: naive, drift, seasonal naive,
Prophet with defaults, statsforecast AutoETS and AutoARIMA.

Run from the repository root:  .venv/bin/python benchmarks/accuracy/run.py
(needs the bench extra: .venv/bin/pip install -e '.[bench]'; `make bench` does both).
Writes benchmarks/accuracy/results.csv and results.md.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from peers import AutoARIMAPeer, AutoETSPeer  # noqa: E402

from forecasting.backtest.choose import backtest_and_choose  # noqa: E402
from forecasting.backtest.rolling_origin import run_backtest, summary  # noqa: E402
from forecasting.models.registry import make_model  # noqa: E402
from forecasting.paths import DEFAULT_PIPELINE  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "eia930"
DOM_FILES = [SHARED / "PJM-DOM_2018-10_2020-09.csv", SHARED / "PJM-DOM_2020_2024.csv"]
SEED = 20241219
N_PATHS = 1000


def factory(name, **params):
    return lambda: make_model(name, **params)


def annual_peers():
    return {"naive": factory("naive", log=False), "drift": factory("drift", log=False),
            "prophet_defaults": factory("prophet_defaults"),
            "sf_autoets": AutoETSPeer, "sf_autoarima": AutoARIMAPeer}


def monthly_peers():
    return {**annual_peers(), "seasonal_naive": factory("seasonal_naive", log=False)}


def us_annual():
    from forecasting.backtest.candidates import candidate_factories
    from forecasting.national import build_history_of, load_inputs

    config, data = load_inputs(DEFAULT_PIPELINE)
    history = build_history_of(config, data, DEFAULT_PIPELINE)
    return history.as_series(), candidate_factories(config.baseline.candidates), dict(
        horizon=3, first_origin="2012", last_origin="2022",
        strategy=config.baseline.strategy, fallback=config.baseline.fallback,
        observed=history.observed())


def dom_monthly(agg: str):
    from forecasting.series import load_series

    series, _ = load_series([str(p) for p in DOM_FILES], freq="M", agg=agg)
    candidates = {
        "seasonal_trend": factory("seasonal_trend"),
        "arima_seasonal": factory("arima", seasonal_order=(0, 1, 1)),
        "prophet_levels": factory("prophet", log=False),
    }
    return series, candidates, dict(horizon=12, first_origin="2021-12", last_origin="2023-12",
                                    strategy="ensemble", fallback=None)


def evaluate(name, series, candidates, options, peers):
    started = time.perf_counter()
    choice = backtest_and_choose(series, candidates, horizon=options["horizon"],
                                 first_origin=options["first_origin"],
                                 last_origin=options["last_origin"], n_paths=N_PATHS, seed=SEED,
                                 strategy=options["strategy"], fallback=options["fallback"],
                                 observed=options.get("observed"))
    peer_result = run_backtest(series, peers, horizon=options["horizon"],
                               first_origin=options["first_origin"],
                               last_origin=options["last_origin"], n_paths=N_PATHS, seed=SEED,
                               observed=options.get("observed"))
    ours = choice.result.forecasts
    frame = pd.concat([ours, peer_result.forecasts], ignore_index=True)
    table = summary(frame).rename(columns=str.lower)
    table = table[table["horizon"].astype(str) == "all"].copy()
    table["role"] = ["peer" if m in peers else ("selected" if m == "selected" else "candidate")
                     for m in table["model"]]
    table.insert(0, "dataset", name)
    best_peer = table[table["role"] == "peer"].sort_values("mase").iloc[0]
    selected = table[table["model"] == "selected"].iloc[0]
    failures = len(choice.result.failures) + len(peer_result.failures)
    return table, {
        "dataset": name, "selected_mase": selected["mase"], "best_peer": best_peer["model"],
        "best_peer_mase": best_peer["mase"], "ratio": selected["mase"] / best_peer["mase"],
        "selected_coverage80": selected["coverage80"],
        "best_peer_coverage80": best_peer["coverage80"],
        "final_choice": ", ".join(f"{m} {w:.0%}" for m, w in sorted(choice.weights.items())),
        "failures": failures, "seconds": time.perf_counter() - started,
    }


def main() -> None:
    datasets = [("us_annual", *us_annual(), annual_peers())]
    if all(p.is_file() for p in DOM_FILES):
        for agg, label in (("mean", "dom_monthly_mean"), ("max", "dom_monthly_peak")):
            datasets.append((label, *dom_monthly(agg), monthly_peers()))
    tables, headlines = [], []
    for name, series, candidates, options, peers in datasets:
        print(f"running {name} ...", file=sys.stderr)
        table, headline = evaluate(name, series, candidates, options, peers)
        tables.append(table)
        headlines.append(headline)
    results = pd.concat(tables, ignore_index=True)
    results.to_csv(HERE / "results.csv", index=False, float_format="%.4f")
    write_markdown(results, pd.DataFrame(headlines))


def write_markdown(results: pd.DataFrame, headlines: pd.DataFrame) -> None:
    lines = ["# Accuracy benchmark results", "",
             "Regenerate with `make bench` (or `.venv/bin/python benchmarks/accuracy/run.py`).",
             "", "## Headline: `selected` against the best peer (MASE, lower is better)", "",
             "| dataset | selected MASE | best peer | peer MASE | ratio | selected 80% coverage "
             "| peer 80% coverage | final choice | seconds |",
             "|---|---|---|---|---|---|---|---|---|"]
    for _, h in headlines.iterrows():
        lines.append(f"| {h.dataset} | {h.selected_mase:.3f} | {h.best_peer} | "
                     f"{h.best_peer_mase:.3f} | {h.ratio:.2f} | "
                     f"{100 * h.selected_coverage80:.0f}% | {100 * h.best_peer_coverage80:.0f}% "
                     f"| {h.final_choice} | {h.seconds:.0f} |")
    for dataset, part in results.groupby("dataset", sort=False):
        lines += ["", f"## {dataset}", "",
                  "| model | role | MASE | sMAPE | CRPS | 80% coverage | 80% width | n |",
                  "|---|---|---|---|---|---|---|---|"]
        for _, r in part.sort_values("mase").iterrows():
            lines.append(f"| {r.model} | {r.role} | {r.mase:.3f} | {r.smape:.2f} | {r.crps:.3f} "
                         f"| {100 * r.coverage80:.0f}% | {r.width80:.2f} | {int(r.n)} |")
    (HERE / "results.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
