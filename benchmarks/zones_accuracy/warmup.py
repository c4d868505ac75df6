"""Does `selected` gain from more warm-up origins? The zones run with the 6 warm-up origins
of `run.py` (results_by_zone.csv) against the same run with as many as each series allows
(`--warmup 24`: every month from the 12th of the history to 2022-11; warmup24/), on the pools
both scored and the same scored origins, peers and paths' seed.

Warm-up origins are never scored; they are the evidence `selected` has at the first scored
origins: its rule's weights and the conformal factors of its bands. The zone pipeline itself
decides from the whole history it has (`forecasting.zones.config.BacktestConfig`), so the
longer warm-up is the closer picture of what it does.

Per variant and metric, both runs' four numbers of issue 12 (median ratio to the best peer,
share at most 1.1, largest, median 80% coverage); and, over 2000 resamples of the zones, the
90% interval of the default variant's mean median ratio with 24 minus with 6.

    .venv/bin/python benchmarks/zones_accuracy/run.py --warmup 24 \\
        --pools plus_level plus_both plus_both_arima plus_both_theta \\
        --cache benchmarks/zones_accuracy/.cache_w24 \\
        --out benchmarks/zones_accuracy/warmup24 --write
    .venv/bin/python benchmarks/zones_accuracy/warmup.py
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# run.py and verdict.py beside this file
from run import DEFAULT_POOL, DEFAULT_RULE, HERE, PEERS, markdown
from verdict import DRAWS, mean_median, per_variant, resampled_gaps

LONG = HERE / "warmup24"


def ratios(table: pd.DataFrame, variant: str) -> pd.Series:
    ok = table[table["status"] == "ok"].set_index(["zone", "metric"])
    best = ok[[f"mase_{p}" for p in PEERS]].min(axis=1)
    return ok[f"mase_selected_{variant}"] / best


def paired_interval(short: pd.Series, long: pd.Series) -> tuple[float, float, float]:
    """(long - short) mean over metrics of the median over zones, and its 90% interval over
    resampled zones (both runs resampled alike)."""
    both = pd.concat({"short": short, "long": long}, axis=1).dropna()
    zones = both.index.get_level_values("zone").to_numpy()
    metrics = both.index.get_level_values("metric").to_numpy()
    ratios = {name: both[name].to_numpy() for name in ("short", "long")}
    low, high = np.quantile(resampled_gaps(zones, metrics, ratios, "short")["long"], [0.05, 0.95])
    every = np.ones(len(zones), dtype=int)
    gap = mean_median(ratios["long"], metrics, every) - mean_median(ratios["short"], metrics, every)
    return gap, float(low), float(high)


def main() -> None:
    short = pd.read_csv(HERE / "results_by_zone.csv")
    long = pd.read_csv(LONG / "results_by_zone.csv")
    variants = sorted({c for c in long.columns if c.startswith("mase_selected_")}
                      & set(short.columns))
    keep = ["zone", "metric", "status", *[f"mase_{p}" for p in PEERS]]
    cols = [*variants, *[c.replace("mase_", "coverage80_") for c in variants]]
    rows = {}
    for name, table in (("6", short), ("24", long)):
        rows[name] = per_variant(table[keep + cols]).set_index(["variant", "metric"])
    numbers = ["median_ratio", "share_at_most_1.1", "max_ratio", "median_coverage80"]
    side = rows["6"][numbers].join(rows["24"][numbers], lsuffix="_w6", rsuffix="_w24")
    side = side[[f"{n}_{w}" for n in numbers for w in ("w6", "w24")]].reset_index()
    default = f"{DEFAULT_POOL}_{DEFAULT_RULE}"
    lines = ["# More warm-up origins for `selected` (issue 12)", "",
             "Regenerate: see the docstring of `benchmarks/zones_accuracy/warmup.py`. "
             "`_w6`: 6 warm-up origins (results_by_zone.csv); `_w24`: as many as the series "
             "allows, up to 24 (warmup24/results_by_zone.csv).", "", markdown(side), ""]
    for variant in sorted({v.removeprefix("mase_selected_") for v in variants}):
        diff, low, high = paired_interval(ratios(short, variant), ratios(long, variant))
        lines.append(f"- `{variant}`{' (the zone default)' if variant == default else ''}: "
                     f"mean median ratio {diff:+.4f} with 24 (90% interval {low:+.4f} to "
                     f"{high:+.4f} over {DRAWS} resamples of the zones)")
    lines.append("")
    (LONG / "compare.md").write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
