"""How smooth the harmonic shrunk trend's yearly shape should be, and over how long a window:
the candidate alone on every zone, at several numbers of harmonics K and windows, against the
best peer of the zones run.

For each zone file and metric of `run.py` (the same series, origins 2022-12..2023-12, h = 12,
200 paths, seed 11), `harmonic_shrunk_trend` with K in `HARMONICS` and window in `WINDOWS`
months, and the month-effect `seasonal_shrunk_trend` (eleven month effects, the same slope
rule) on the same windows, are backtested alone; each MASE is divided by the best peer's MASE
in `results_by_zone.csv` (so run `run.py --write` first). K = 6 would be the month effects
again. So that one half of the zones cannot carry the choice, the medians are also given for
the zones sorted by name split in two (odd and even positions). The model's default, K = 3 on
36 months, is chosen here.

    .venv/bin/python benchmarks/zones_accuracy/harmonics.py   # writes harmonics.md and .csv
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# run.py beside this file (first on the path, also in the Dask workers)
sys.path.insert(0, str(Path(__file__).resolve().parent))
from alone import backtest_alone, halves_intro, ratio_rows, write_tables, zones_run

from forecasting.models.harmonic_shrunk_trend import HarmonicShrunkTrend
from forecasting.models.seasonal_shrunk_trend import SeasonalShrunkTrend

HARMONICS = (2, 3, 4, 5)
WINDOWS = (24, 36, 48)


def variants() -> dict:
    out = {}
    for window in WINDOWS:
        out[f"month effects, {window} months"] = (
            lambda w=window: SeasonalShrunkTrend(window=w))
        for k in HARMONICS:
            out[f"K={k}, {window} months"] = (
                lambda k=k, w=window: HarmonicShrunkTrend(harmonics=k, window=w))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    wide, wall = backtest_alone(variants, args.workers)
    _, best_peer = zones_run()
    out = ratio_rows({name: wide[name] for name in variants()}, best_peer, halves=True)
    write_tables("harmonics", "The harmonic shrunk trend's harmonics and window (issue 12)",
                 "its docstring",
                 halves_intro(wall, args.workers), out)


if __name__ == "__main__":
    main()
