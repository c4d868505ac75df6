"""How much of a month may be missing before its mean and peak stop standing for the month?

The coverage rule of `forecasting.zones.history` (`MONTH_COMPLETE`) decides which months are
fitted and scored. This benchmark takes every fully covered month (coverage >= 0.999) of every
zone file of `../shared/data/eia930_2020_2024/zones/`, removes one run of L consecutive hours
at a random place (seed 0), and compares what is left with the whole month:

- ``mean_error``: |mean of the hours left / mean of every hour - 1|;
- ``peak_missed``: the share of months whose largest hour was in the removed run, and
  ``peak_under_p95``: the 95th percentile of 1 - (largest hour left / largest hour);
- beside them ``year_on_year``: the zone's median |mean of a month / the same month a year
  before - 1|, the error of seasonal naive, which the forecasts beat but not by much.

A coverage rule is safe where the measurement error is small against that forecast error.

    .venv/bin/python benchmarks/month_coverage/run.py --write
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from forecasting.zones.history import build_history, period_labels, period_table  # noqa: E402
from forecasting.zones.read import read_zone_files  # noqa: E402

ZONES = ROOT.parent / "shared" / "data" / "eia930_2020_2024" / "zones"
RUNS = (8, 24, 36, 48, 72)  # hours removed
SEED = 0


def month_rows(path: Path, rng: np.random.Generator) -> list[dict]:
    load = build_history(read_zone_files([path])).load
    table = period_table(load, "M")
    year_on_year = float((table["avg_mw"] / table["avg_mw"].shift(12) - 1).abs().median())
    labels = period_labels(load.index, "M")
    rows = []
    for period in table.index[table["coverage"] >= 0.999]:
        hours = load[labels == period].to_numpy(dtype=float)
        for run in RUNS:
            start = int(rng.integers(0, len(hours) - run))
            left = np.delete(hours, np.arange(start, start + run))
            rows.append({"zone": path.stem, "period": str(period), "hours_removed": run,
                         "coverage": 1 - run / len(hours),
                         "mean_error": abs(np.nanmean(left) / np.nanmean(hours) - 1),
                         "peak_under": 1 - np.nanmax(left) / np.nanmax(hours),
                         "year_on_year": year_on_year})
    return rows


def summary(rows: pd.DataFrame) -> pd.DataFrame:
    by = rows.groupby("hours_removed")
    zones = rows.groupby("zone")["year_on_year"].first()
    return pd.DataFrame({
        "coverage": by["coverage"].median(),
        "mean_error_median": by["mean_error"].median(),
        "mean_error_p95": by["mean_error"].quantile(0.95),
        "peak_missed": by["peak_under"].apply(lambda v: float((v > 0).mean())),
        "peak_under_p95": by["peak_under"].quantile(0.95),
        "year_on_year_median": float(zones.median()),
        "months": by.size(),
    }).round(4).reset_index()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zones-dir", type=Path, default=ZONES)
    parser.add_argument("--write", action="store_true", help="write results.md and results.csv")
    args = parser.parse_args()
    started = time.perf_counter()
    rng = np.random.default_rng(SEED)
    rows = pd.DataFrame([row for path in sorted(args.zones_dir.glob("*.csv"))
                         for row in month_rows(path, rng)])
    table = summary(rows)
    seconds = time.perf_counter() - started
    print(table.to_string(index=False))
    if not args.write:
        return
    table.to_csv(HERE / "results.csv", index=False)
    text = [
        "# Missing hours in a month: what they do to its mean and peak",
        "",
        "Regenerate: `.venv/bin/python benchmarks/month_coverage/run.py --write` "
        f"(about {seconds:.0f} s).",
        "",
        f"{rows['zone'].nunique()} zones, {rows['period'].nunique()} calendar months, every "
        "fully covered month with one run of consecutive hours removed at a random place "
        "(see the docstring).",
        "",
        "```",
        table.to_string(index=False),
        "```",
        "",
        "Reading: a month with 90% of its hours (three days missing) still has its mean within "
        f"{table['mean_error_median'].iloc[-1]:.2%} (median; "
        f"{table['mean_error_p95'].iloc[-1]:.2%} at the 95th percentile), against a "
        f"{table['year_on_year_median'].iloc[0]:.1%} median year-on-year change of a month's "
        "mean. So `forecasting.zones.history.MONTH_COMPLETE` is 0.90: such a month is fitted "
        "and scored rather than breaking the zone's modelling window.",
        "",
    ]
    (HERE / "results.md").write_text("\n".join(text))


if __name__ == "__main__":
    main()
