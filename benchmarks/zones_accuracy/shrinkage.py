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
from pathlib import Path

# run.py beside this file (first on the path, also in the Dask workers, which inherit a path
# where benchmarks/accuracy/run.py comes first): the series, the settings, the peers, tables
sys.path.insert(0, str(Path(__file__).resolve().parent))
from alone import backtest_alone, ratio_rows, write_tables, zones_run

from forecasting.models.seasonal_shrunk_trend import SeasonalShrunkTrend

THRESHOLDS = (1.0, 1.5, 2.0, 3.0, 4.0, 6.0)


def variants() -> dict:
    return {f"t{t:g}": (lambda t=t: SeasonalShrunkTrend(slope_threshold=t)) for t in THRESHOLDS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    wide, wall = backtest_alone(variants, args.workers)
    runs, best_peer = zones_run()
    default = SeasonalShrunkTrend().slope_threshold
    reference = {"seasonal_level (run.py)": runs["mase_seasonal_level"],
                 f"seasonal_shrunk_trend t0={default:g} (run.py)":
                 runs["mase_seasonal_shrunk_trend"]}
    columns = {**reference, **{f"seasonal_shrunk_trend t0={c[1:]}": wide[c] for c in wide}}
    out = ratio_rows(columns, best_peer).sort_values(["metric", "model"], kind="mergesort")
    write_tables("shrinkage", "The shrunk trend's slope threshold (issue 12)", "its docstring",
                 f"The candidate alone, its MASE / the best peer of `results_by_zone.csv`; "
                 f"{wall:.0f} s wall with {args.workers} workers.", out)

if __name__ == "__main__":
    main()
