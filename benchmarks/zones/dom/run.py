"""Zone benchmark (issue #14): the DOM load backtest, `selected` against the peers.

Runs the zone run's own load backtest (`forecasting.zones.backtest.load_backtest` with the
settings of `pipelines/pjm_dom.yaml`, so the tables are those of the zone run's
backtest_forecasts.csv / backtest_summary.csv): the total load of Dominion over its whole
evidence history, four metrics (monthly energy and peak at h = 1-12 months, annual energy and
peak at h = 1-3 years), every candidate, the peers (seasonal naive, Prophet with defaults,
statsforecast AutoETS and AutoARIMA) and `selected`, scored the same way in the same run.

Acceptance (issue #14): `selected` MASE at most 0.85x the best peer on annual energy and annual
peak, at most 0.9x on monthly peak; 80% coverage of `selected` between 70% and 90%.

With `--zones`, the same rule (candidates, strategy, peers) runs on a few other zones fixed in
advance (`OTHER_ZONES`, EIA-930 2020-2024, ../shared/data/eia930_2020_2024/zones/), monthly
metrics, origins every 3 months: a check that the rule is not tuned to DOM.

Run from the repository root:
    .venv/bin/python benchmarks/zones/dom/run.py [--zones] [--seeds N]
Writes benchmarks/zones/dom/results.csv (every model's scores), seeds.csv (the DOM headline
with each of --seeds seeds), headline.csv (selected / best peer against the thresholds) and
results.md (and zones.csv with --zones).

    .venv/bin/python benchmarks/zones/dom/run.py --candidates A,B,... [--seeds N]
runs only the seeds' DOM backtests with those candidates in place of the config's and writes
`candidates.md` (the same seed table, to compare a candidate set with the config's; the
config's own tables are left as they are).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from forecasting.backtest.rolling_origin import summary  # noqa: E402
from forecasting.backtest.selected import with_selected  # noqa: E402
from forecasting.io.zone_config_file import load_zone_config  # noqa: E402
from forecasting.models.registry import MODELS  # noqa: E402
from forecasting.zones.backtest import (  # noqa: E402
    BASE_PLUS_DC,
    annual_result,
    load_backtest,
    model_name,
    monthly_load,
)
from forecasting.zones.history import build_history  # noqa: E402
from forecasting.zones.read import read_zone_files  # noqa: E402
from forecasting.zones.run import origin_split  # noqa: E402

CONFIG = ROOT / "pipelines" / "pjm_dom.yaml"
ZONES_DIR = ROOT.parent / "shared" / "data" / "eia930_2020_2024" / "zones"
#: chosen before looking at any result: other data-center-light and -heavy zones, four ISOs
OTHER_ZONES = ("PJM-PEP", "ERCO-NRTH", "CISO-PGAE", "NYIS-ZONJ")
#: metric -> largest allowed selected / best-peer MASE ratio (None: reported only)
THRESHOLDS = {"annual_energy_gwh": 0.85, "annual_peak_mw": 0.85, "monthly_peak_mw": 0.90,
              "monthly_energy_gwh": None}
COVERAGE = (0.70, 0.90)


def run(history, bt, seed, **changes):
    series = monthly_load(history)
    options = dict(horizon=bt.horizon, annual_horizon=bt.annual_horizon, step=bt.step,
                   min_train=bt.min_train, first_origin=bt.first_origin,
                   n_paths=bt.n_paths, seed=seed, strategy=bt.strategy, widening=bt.widening,
                   hourly=history.load, split=None) | changes
    return load_backtest(series, {m: MODELS[m] for m in bt.candidates},
                         {m: MODELS[m] for m in bt.peers}, **options)


def scores(result, bt, dataset: str) -> pd.DataFrame:
    table = result.summary[result.summary["horizon"].astype(str) == "all"].copy()
    table = table.rename(columns=str.lower)
    table["metric"] = table["frequency"] + "_" + table["metric"]  # e.g. annual_peak_mw
    wrapped = set(zip(table["metric"], table["model"], strict=True))

    def role(metric: str, m: str) -> str:
        if m == "selected":
            return "selected"
        # `<name>+dc`: the candidate fitted on the base plus the data-center trend; then the
        # plain `<name>` of that metric is the peer only
        candidate = (m != model_name(m) or
                     (m in bt.candidates and (metric, m + BASE_PLUS_DC) not in wrapped))
        return " & ".join(r for r, ok in (("candidate", candidate), ("peer", m in bt.peers))
                          if ok)
    table["role"] = [role(metric, m) for metric, m in zip(table["metric"], table["model"],
                                                           strict=True)]
    table.insert(0, "dataset", dataset)
    return table[["dataset", "metric", "model", "role", "mase", "crps", "coverage80", "width80",
                  "smape", "n"]]


def annual_rule(result, series_by_kind, bt, dataset: str) -> pd.DataFrame:
    """Diagnostic, not published: the selection rule run on the annual rows themselves (choice
    by annual MASE, conformal factors per annual horizon) over the candidates' annual paths,
    instead of aggregating the monthly `selected` paths as the zone forecast does."""
    frames = []
    for kind, (ours, _) in result.results.items():
        candidates = [m for m in ours.models if m != "selected"]
        annual = annual_result(ours, series_by_kind[kind], kind, years=bt.annual_horizon,
                               models=candidates)
        rows = with_selected(annual, strategy=bt.strategy).forecasts
        table = summary(rows[rows["model"] == "selected"], quantiles=annual.quantiles)
        table = table[table["horizon"].astype(str) == "all"].rename(columns=str.lower)
        frames.append(table.assign(model="selected_annual_rule", metric=f"annual_{kind}",
                                   role="diagnostic", dataset=dataset))
    return pd.concat(frames, ignore_index=True)[["dataset", "metric", "model", "role", "mase",
                                                 "crps", "coverage80", "width80", "smape",
                                                 "n"]]


def headline(table: pd.DataFrame, bt) -> pd.DataFrame:
    rows = []
    for (dataset, metric), part in table.groupby(["dataset", "metric"], sort=False):
        peers = part[part["model"].isin(bt.peers)].sort_values("mase", kind="mergesort")
        sel = part[part["model"] == "selected"].iloc[0]  # never the diagnostic row
        best = peers.iloc[0]
        ratio = sel["mase"] / best["mase"]
        limit = THRESHOLDS.get(metric) if dataset == "PJM-DOM" else None
        limit = float("nan") if limit is None else limit
        cov_ok = COVERAGE[0] <= sel["coverage80"] <= COVERAGE[1]
        rows.append({
            "dataset": dataset, "metric": metric, "selected_mase": sel["mase"],
            "best_peer": best["model"], "best_peer_mase": best["mase"], "ratio": ratio,
            "threshold": limit, "ratio_met": "" if pd.isna(limit) else
            ("met" if ratio <= limit else "NOT met"),
            "selected_coverage80": sel["coverage80"], "coverage_met": bool(cov_ok),
            "selected_crps": sel["crps"], "best_peer_crps": best["crps"], "n": int(sel["n"]),
        })
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zones", action="store_true", help="also run OTHER_ZONES (monthly)")
    parser.add_argument("--seeds", type=int, default=5,
                        help="DOM runs with the config's seed and the next SEEDS - 1 (default 5)")
    parser.add_argument("--candidates", help="comma-separated candidates to run in place of "
                        "the config's (seeds only; writes candidates.md)")
    parser.add_argument("--out", default="candidates.md",
                        help="with --candidates, the file to write beside this script "
                        "(default candidates.md)")
    args = parser.parse_args()
    config = load_zone_config(CONFIG)
    bt = config.backtest
    if args.candidates:
        compare_candidates(config, args.candidates.split(","), args.seeds, args.out)
        return
    started = time.perf_counter()
    history = build_history(read_zone_files(config.series))
    series = monthly_load(history)
    result = run(history, bt, config.seed, split=origin_split(config))
    seconds = time.perf_counter() - started
    table = pd.concat([scores(result, bt, config.region),
                       annual_rule(result, series, bt, config.region)], ignore_index=True)
    table.to_csv(HERE / "results.csv", index=False, float_format="%.4f")
    heads = [headline(table, bt)]
    by_seed = [heads[0].assign(seed=config.seed)]
    for seed in range(config.seed + 1, config.seed + args.seeds):
        by_seed.append(seed_headline(history, bt, config, seed))
    by_seed = pd.concat(by_seed, ignore_index=True)
    by_seed.to_csv(HERE / "seeds.csv", index=False, float_format="%.4f")
    zones = None
    if args.zones:
        parts = []
        for zone in OTHER_ZONES:
            print(f"running {zone} ...", file=sys.stderr)
            other = build_history(read_zone_files([ZONES_DIR / f"{zone}.csv"]))
            parts.append(scores(run(other, bt, config.seed, step=3, first_origin=None),
                                bt, zone))
        zones = pd.concat(parts, ignore_index=True)
        zones = zones[zones["metric"].str.startswith("monthly")]
        zones.to_csv(HERE / "zones.csv", index=False, float_format="%.4f")
        heads.append(headline(zones, bt))
    heads = pd.concat(heads, ignore_index=True)
    heads.to_csv(HERE / "headline.csv", index=False, float_format="%.4f")
    write_markdown(table, heads, result, bt, seconds, zones, by_seed)


def seed_headline(history, bt, config, seed: int) -> pd.DataFrame:
    """The DOM headline of the backtest `bt` with the paths' seed `seed`."""
    print(f"running DOM with seed {seed} ...", file=sys.stderr)
    result = run(history, bt, seed, split=origin_split(config))
    return headline(scores(result, bt, config.region), bt).assign(seed=seed)


def compare_candidates(config, candidates: list[str], seeds: int,
                       out: str = "candidates.md") -> None:
    """The seed table of the DOM backtest with `candidates` in place of the config's."""
    bt = config.backtest.model_copy(update={"candidates": candidates})
    history = build_history(read_zone_files(config.series))
    by_seed = [seed_headline(history, bt, config, seed)
               for seed in range(config.seed, config.seed + seeds)]
    lines = ["# PJM-DOM load backtest with other candidates", "",
             "Regenerate: `.venv/bin/python benchmarks/zones/dom/run.py --candidates "
             f"{','.join(candidates)} --seeds {seeds}"
             f"{'' if out == 'candidates.md' else f' --out {out}'}`.", "",
             f"Candidates {', '.join(candidates)} ({bt.strategy}) in place of the config's "
             f"{', '.join(config.backtest.candidates)} (results.md); everything else as there.",
             "", *seed_summary(pd.concat(by_seed, ignore_index=True))]
    (HERE / out).write_text("\n".join(lines))
    print("\n".join(lines))


def _fmt_ratio(h) -> str:
    if pd.isna(h.threshold):
        return f"{h.ratio:.2f} (reported only)"
    return f"{h.ratio:.2f} (<= {h.threshold:.2f}: {h.ratio_met})"


def seed_summary(by_seed: pd.DataFrame) -> list[str]:
    """Markdown lines: each DOM metric's ratio and coverage with every seed and their mean.
    The sample paths (200 per forecast) and the weather years drawn for the peaks are random,
    so one seed's ratio moves by a few hundredths and its coverage by a few rows."""
    seeds = sorted(by_seed["seed"].unique())
    lines = ["## Over seeds: the same DOM backtest with the paths' seeds "
             f"{', '.join(map(str, seeds))}", "",
             "| metric | ratio per seed | mean ratio | 80% coverage per seed | mean coverage | "
             "seeds meeting both |", "|---|---|---|---|---|---|"]
    for metric, part in by_seed.groupby("metric", sort=False):
        limit = part["threshold"].iloc[0]
        ratio, cover = part["ratio"].to_numpy(), part["selected_coverage80"].to_numpy()
        ok_ratio = ratio <= limit if pd.notna(limit) else np.ones(len(ratio), dtype=bool)
        ok_cover = (cover >= COVERAGE[0]) & (cover <= COVERAGE[1])
        mean_ratio = (f"{ratio.mean():.3f}" if pd.isna(limit) else
                      f"{ratio.mean():.3f} (<= {limit:.2f}: "
                      f"{'met' if ratio.mean() <= limit else 'NOT met'})")
        in_range = COVERAGE[0] <= cover.mean() <= COVERAGE[1]
        lines.append(
            f"| {metric} | {' '.join(f'{r:.3f}' for r in ratio)} | {mean_ratio} | "
            f"{' '.join(f'{100 * c:.0f}%' for c in cover)} | {100 * cover.mean():.1f}% "
            f"({'met' if in_range else 'NOT met'}) | {int((ok_ratio & ok_cover).sum())} of "
            f"{len(ratio)} |")
    return lines + [""]


def write_markdown(table, heads, result, bt, seconds, zones, by_seed) -> None:
    lines = [
        "# Zone benchmark: PJM-DOM load backtest", "",
        "Regenerate: `.venv/bin/python benchmarks/zones/dom/run.py --zones` (see README.md).",
        f"DOM backtest: {seconds:.0f} s; candidates {', '.join(bt.candidates)} "
        f"({bt.strategy}); peers {', '.join(bt.peers)}; origins every {bt.step} months; "
        f"{bt.n_paths} paths; failures: {len(result.failures)}.", "",
        "## Headline: `selected` against the best peer (MASE, lower is better)", "",
        "| dataset | metric | selected MASE | best peer | peer MASE | ratio | selected 80% "
        "coverage (70-90%) | selected CRPS | peer CRPS | rows |",
        "|---|---|---|---|---|---|---|---|---|---|"]
    for h in heads.itertuples():
        cov = f"{100 * h.selected_coverage80:.0f}% ({'met' if h.coverage_met else 'NOT met'})"
        lines.append(f"| {h.dataset} | {h.metric} | {h.selected_mase:.3f} | {h.best_peer} | "
                     f"{h.best_peer_mase:.3f} | {_fmt_ratio(h)} | {cov} | "
                     f"{h.selected_crps:.1f} | {h.best_peer_crps:.1f} | {h.n} |")
    lines += [""] + seed_summary(by_seed)
    choices = "; ".join(
        f"{kind}: " + ", ".join(f"{m} {w:.0%}" for m, w in sorted(c.weights.items()))
        for kind, c in result.choices.items())
    lines += ["", f"Final choice with all rows (what the rule would pick now): {choices}.", "",
              "`selected_annual_rule` (role `diagnostic`, not published, not in the headline): "
              "the same rule run on the annual rows themselves; see README.md.", ""]
    for source in (table, zones):
        if source is None:
            continue
        for (dataset, metric), part in source.groupby(["dataset", "metric"], sort=False):
            lines += [f"## {dataset} {metric}", "",
                      "| model | role | MASE | CRPS | 80% coverage | 80% width | sMAPE | rows |",
                      "|---|---|---|---|---|---|---|---|"]
            for r in part.sort_values("mase", kind="mergesort").itertuples():
                lines.append(f"| {r.model} | {r.role} | {r.mase:.3f} | {r.crps:.1f} | "
                             f"{100 * r.coverage80:.0f}% | {r.width80:.0f} | {r.smape:.2f} | "
                             f"{int(r.n)} |")
            lines.append("")
    (HERE / "results.md").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
