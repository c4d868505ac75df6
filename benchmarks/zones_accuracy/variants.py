"""What else was tried on the harmonic shrunk trend, and not kept: each variant of
`variant_models.py` alone on every zone, against the best peer of the zones run.

For each zone file and metric of `run.py` (the same series, origins 2022-12..2023-12, h = 12,
200 paths, seed 11), the harmonic shrunk trend and the harmonic smoothed level as they are,
on 48 and 60-month windows, and the variants: a calendar column (the month's share of
weekend days and federal holidays; or its number of days), a Huber fit, the level moved to
the last 6 or 12 months' gap from the centre line, that gap carried forward as an AR(1), and
the shape fitted on 60 months under a 36-month level. Each MASE is divided by the best peer's
MASE in `results_by_zone.csv` (so run `run.py --write` first), with the medians of either half
of the zones (sorted by name, odd and even positions). The medians' noise from the 200 paths
alone is about 0.005 (the same model written twice, as `as it is` and `refitted here`).

    .venv/bin/python benchmarks/zones_accuracy/variants.py   # writes variants.md and .csv
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# run.py beside this file (first on the path, also in the Dask workers)
sys.path.insert(0, str(Path(__file__).resolve().parent))
from alone import backtest_alone, halves_intro, ratio_rows, write_tables, zones_run


def variants() -> dict:
    from variant_models import HarmonicSplitWindows, HarmonicVariant

    from forecasting.models.harmonic_shrunk_trend import HarmonicShrunkTrend
    from forecasting.models.harmonic_smoothed_level import HarmonicSmoothedLevel
    return {
        "harmonic shrunk trend, as it is": HarmonicShrunkTrend,
        "harmonic shrunk trend, refitted here": HarmonicVariant,
        "harmonic shrunk trend, 48 months": lambda: HarmonicShrunkTrend(window=48),
        "harmonic shrunk trend, 60 months": lambda: HarmonicShrunkTrend(window=60),
        "harmonic smoothed level, as it is": HarmonicSmoothedLevel,
        "harmonic smoothed level, 48 months": lambda: HarmonicSmoothedLevel(window=48),
        "harmonic smoothed level, 60 months": lambda: HarmonicSmoothedLevel(window=60),
        "+ off-day share": lambda: HarmonicVariant(off_days=True),
        "+ days in month": lambda: HarmonicVariant(days_in_month=True),
        "Huber fit, c = 2": lambda: HarmonicVariant(huber=2.0),
        "level at the last 6 months": lambda: HarmonicVariant(level_months=6),
        "level at the last 12 months": lambda: HarmonicVariant(level_months=12),
        "last month's gap carried, AR(1)": lambda: HarmonicVariant(carry=1),
        "last 3 months' gap carried, AR(1)": lambda: HarmonicVariant(carry=3),
        "shape on 60 months, level on 36": HarmonicSplitWindows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    wide, wall = backtest_alone(variants, args.workers)
    _, best_peer = zones_run()
    out = ratio_rows({name: wide[name] for name in variants()}, best_peer, halves=True)
    out = out.sort_values(["metric", "median_ratio"], kind="stable")
    write_tables("variants", "Variants of the harmonic shrunk trend, not kept (issue 12)",
                 "its docstring and `variant_models.py`",
                 halves_intro(wall, args.workers), out)


if __name__ == "__main__":
    main()
