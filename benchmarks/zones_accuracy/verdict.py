"""Issue 12's acceptance, point by point, for every rule and pool the zones run scored, and the
order the zone default is chosen by.

Reads `results_by_zone.csv` (written by `run.py`, no refitting). Per `selected_<pool>_<rule>`
and metric (monthly mean MW, monthly peak MW), with ratio = MASE / the best peer's on the
zone, the four points of the issue:

- `median`: the median ratio over zones at most 0.9;
- `share`: the ratio at most 1.1 on at least 90% of zones;
- `max`: no zone above 1.5;
- `coverage`: the median 80% coverage between 70% and 90%.

The order (fixed before the run that added the shrunk trend and the trimmed rule was read):
most points met over both metrics, then the lower mean of the two median ratios, then the
lower of the two largest ratios. The zone default is the first in that order, unless it
breaks issue 14's Dominion thresholds (`benchmarks/zones/dom/`), which are checked there.

Added after reading that run, where the first row led the default by 0.001 on the mean of
the medians: the default changes only when the first row is ahead of it beyond what the
choice of zones moves. `noise` resamples the zones (with replacement, `DRAWS` times, seed
`SEED`) and gives the 90% interval of each leading row's mean median ratio minus the
default's; an interval holding 0 is a tie, and a tie keeps the default.

The pools `plus_both_arima` and `plus_both_theta` were added after a probe that scored four
extra pools under the ensemble rule on these same zones (with AutoARIMA, AutoTheta or Prophet
added to `plus_both`, and AutoARIMA to `plus_level`), so the first row's lead over the
default, which the resampling puts at 0.0001-0.012, carries that selection too. Likewise the
two harmonic models (and their pools) were added after a prototype of the three-harmonic
shape scored on these same zones, so the lead of `plus_both_theta_harmonic_ensemble`, the
default since, carries that selection as well.

    .venv/bin/python benchmarks/zones_accuracy/verdict.py   # writes verdict.md and verdict.csv
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# run.py beside this file: the zone default, the table's peers, its tables
from run import DEFAULT_POOL, DEFAULT_RULE, HERE, PEERS, markdown

POINTS = ("median", "share", "max", "coverage")
DRAWS, SEED = 2000, 12


def per_variant(table: pd.DataFrame) -> pd.DataFrame:
    """One row per (variant, metric): the four numbers and whether each point is met."""
    ok = table[table["status"] == "ok"]
    best_peer = ok[[f"mase_{p}" for p in PEERS]].min(axis=1)
    variants = sorted(c[5:] for c in ok.columns if c.startswith("mase_selected_"))
    rows = []
    for variant in variants:
        for metric in sorted(ok["metric"].unique()):
            part = ok["metric"] == metric
            ratio = (ok.loc[part, f"mase_{variant}"] / best_peer[part]).dropna()
            ratio = ratio[np.isfinite(ratio)]
            coverage = float(ok.loc[part, f"coverage80_{variant}"].median())
            median, share, worst = (float(ratio.median()), float((ratio <= 1.1).mean()),
                                    float(ratio.max()))
            rows.append({"variant": variant.removeprefix("selected_"), "metric": metric,
                         "median_ratio": round(median, 3), "share_at_most_1.1": round(share, 3),
                         "max_ratio": round(worst, 3), "median_coverage80": round(coverage, 3),
                         "median": median <= 0.9, "share": share >= 0.9, "max": worst <= 1.5,
                         "coverage": 0.7 <= coverage <= 0.9})
    return pd.DataFrame(rows)


def ranking(rows: pd.DataFrame) -> pd.DataFrame:
    """Variants in the order of the module docstring."""
    grouped = rows.groupby("variant")
    order = pd.DataFrame({
        "points_met": grouped[list(POINTS)].sum().sum(axis=1).astype(int),
        "mean_median_ratio": grouped["median_ratio"].mean().round(3),
        "largest_ratio": grouped["max_ratio"].max(),
    })
    order = order.sort_values(["points_met", "mean_median_ratio", "largest_ratio"],
                              ascending=[False, True, True], kind="mergesort")
    return order.reset_index()


def noise(table: pd.DataFrame, variants: list[str], default: str) -> pd.DataFrame:
    """The 90% interval, over resampled zones, of each variant's mean median ratio (the mean
    over the two metrics of the median over zones) minus `default`'s."""
    ok = table[table["status"] == "ok"]
    best_peer = ok[[f"mase_{p}" for p in PEERS]].min(axis=1)
    ratios = {v: (ok[f"mase_selected_{v}"] / best_peer).to_numpy()
              for v in [*variants, default]}
    draws = resampled_gaps(ok["zone"].to_numpy(), ok["metric"].to_numpy(), ratios, default)
    rows = []
    for v in variants:
        low, high = np.quantile(draws[v], [0.05, 0.95])
        rows.append({"variant": v, "minus_default_low": round(float(low), 4),
                     "minus_default_high": round(float(high), 4),
                     "verdict": "ahead" if high < 0 else "behind" if low > 0 else "tie"})
    return pd.DataFrame(rows)


def mean_median(values: np.ndarray, metrics: np.ndarray, weight: np.ndarray) -> float:
    """The mean over metrics of the median of `values` (rows repeated `weight` times)."""
    return float(np.mean([np.median(np.repeat(values[metrics == m], weight[metrics == m]))
                          for m in np.unique(metrics)]))


def resampled_gaps(zones: np.ndarray, metrics: np.ndarray, ratios: dict[str, np.ndarray],
                   against: str) -> dict[str, list[float]]:
    """Each name of `ratios` (one value per row, rows = zone x metric) but `against`: its
    mean median minus `against`'s, over `DRAWS` resamples of the zones with replacement
    (seed `SEED`; every row of a drawn zone counts once per draw)."""
    names = np.unique(zones)
    rng = np.random.default_rng(SEED)
    draws = {v: [] for v in ratios if v != against}
    for _ in range(DRAWS):
        counts = pd.Series(rng.choice(names, size=len(names), replace=True)).value_counts()
        weight = pd.Series(zones).map(counts).fillna(0).to_numpy(dtype=int)
        base = mean_median(ratios[against], metrics, weight)
        for v in draws:
            draws[v].append(mean_median(ratios[v], metrics, weight) - base)
    return draws


def main() -> None:
    table = pd.read_csv(HERE / "results_by_zone.csv")
    rows = per_variant(table)
    order = ranking(rows)
    order.to_csv(HERE / "verdict.csv", index=False, lineterminator="\n")
    default = f"{DEFAULT_POOL}_{DEFAULT_RULE}"
    leading = [v for v in order["variant"].head(5) if v != default]
    ties = noise(table, leading, default)
    shown = rows.assign(**{p: rows[p].map({True: "met", False: "not met"}) for p in POINTS})
    lines = [
        "# Issue 12's acceptance per rule and pool (zones run)",
        "",
        "Regenerate: `.venv/bin/python benchmarks/zones_accuracy/verdict.py` (reads "
        "`results_by_zone.csv`; the order is stated in its docstring).",
        "",
        "Points per metric: median ratio <= 0.9 (`median`), <= 1.1 on at least 90% of zones "
        "(`share`), no zone above 1.5 (`max`), median 80% coverage in 70-90% (`coverage`). "
        "The pools and rules are compared on the same zones they are chosen on, so the "
        "first row's margin is optimistic by the usual selection effect.",
        "",
        "## Order",
        "",
        markdown(order),
        "",
        f"## Against the default (`{default}`), over resampled zones",
        "",
        f"90% interval of the mean median ratio minus the default's ({DRAWS} resamples of the "
        "zones); `tie` when it holds 0.",
        "",
        markdown(ties),
        "",
        "## Every point",
        "",
        markdown(shown),
        "",
    ]
    (HERE / "verdict.md").write_text("\n".join(lines))
    print(order.head(10).to_string(index=False))


if __name__ == "__main__":
    main()
