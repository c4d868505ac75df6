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

import numpy as np
import pandas as pd

# run.py beside this file (first on the path, also in the Dask workers)
sys.path.insert(0, str(Path(__file__).resolve().parent))
from alone import backtest_alone, zones_run
from run import HERE, markdown

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
    runs, best_peer = zones_run()
    zones = sorted(runs.index.get_level_values("zone").unique())
    half = {zone: i % 2 for i, zone in enumerate(zones)}
    out = []
    for name in variants():
        ratio = (wide[name] / best_peer).dropna()
        ratio = ratio[np.isfinite(ratio)]
        for metric, part in ratio.groupby(level="metric"):
            which = np.array([half[z] for z in part.index.get_level_values("zone")])
            out.append({"metric": metric, "model": name, "zones": int(len(part)),
                        "median_ratio": round(float(part.median()), 3),
                        "median_odd_half": round(float(part[which == 0].median()), 3),
                        "median_even_half": round(float(part[which == 1].median()), 3),
                        "share_at_most_1.1": round(float((part <= 1.1).mean()), 3),
                        "max_ratio": round(float(part.max()), 3)})
    out = pd.DataFrame(out)
    out.to_csv(HERE / "harmonics.csv", index=False, lineterminator="\n")
    lines = ["# The harmonic shrunk trend's harmonics and window (issue 12)", "",
             "Regenerate: `.venv/bin/python benchmarks/zones_accuracy/harmonics.py` (after "
             "`run.py --write`; see its docstring).", "",
             f"Each variant alone, its MASE / the best peer of `results_by_zone.csv`; the "
             f"medians also over the zones at odd and even positions (by name); {wall:.0f} s "
             f"wall with {args.workers} workers.", "", markdown(out), ""]
    (HERE / "harmonics.md").write_text("\n".join(lines))
    print(out.to_string(index=False))


if __name__ == "__main__":
    main()
