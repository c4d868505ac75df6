"""The committed zones-accuracy run with the zones a later rule moved run again.

A month's peak became evidence only when its measured hours cover 90% of the month
(`forecasting.seasons.peak_is_evidence`), after `results_by_zone.csv` was made. The rule moves
the monthly peak series of the zones with such a month, and the regression candidates were
made to fit across it (a missing month a row left out). The other zones' series, and every
zone's monthly mean, are what the committed run scored (their cached backtests reproduce it
exactly), so the full run for a pool is the committed rows with the moved zones' rows
replaced by a run of those zones alone.

    python benchmarks/zones_accuracy/peak_evidence.py --list DIR   # links the moved zones in DIR
    python benchmarks/zones_accuracy/run.py --zones-dir DIR --pools plus_both_theta_harmonic \
        harmonic_ets --cache OTHER_CACHE --out RERUN --write
    python benchmarks/zones_accuracy/peak_evidence.py --rerun RERUN --write

`--rerun` checks that the rerun's monthly-mean rows equal the committed ones (the substitution
holds only if they do) and writes `peak_evidence.md`: the committed and the substituted summary
of the pools the rerun scored.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import ZONES, summarise  # noqa: E402


def moved_zones(zones_dir: Path) -> list[Path]:
    """Zone files whose load-backtest peak series has a complete month without a peak (one
    whose peak is no evidence): the series the rule moved."""
    from forecasting.zones.backtest import monthly_load
    from forecasting.zones.history import build_history
    from forecasting.zones.read import read_zone_files

    out = []
    for path in sorted(zones_dir.glob("*.csv")):
        series = monthly_load(build_history(read_zone_files([str(path)])))
        if (series["energy_gwh"].notna() & series["peak_mw"].isna()).any():
            out.append(path)
    return out


def substituted(committed: pd.DataFrame, rerun: pd.DataFrame) -> pd.DataFrame:
    """The committed rows with the rerun's zones replaced, the columns the rerun has."""
    columns = [c for c in committed.columns if c in rerun.columns]
    kept = committed[~committed["zone"].isin(set(rerun["zone"]))][columns]
    return pd.concat([kept, rerun[columns]], ignore_index=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", type=Path, help="link the moved zone files in this folder")
    parser.add_argument("--rerun", type=Path, help="run.py --out folder of the moved zones")
    parser.add_argument("--write", action="store_true", help="write peak_evidence.md")
    args = parser.parse_args()
    if args.list:
        args.list.mkdir(parents=True, exist_ok=True)
        for path in moved_zones(ZONES):
            link = args.list / path.name
            if not link.exists():
                link.symlink_to(path.resolve())
            print(path.stem)
        return
    committed = pd.read_csv(HERE / "results_by_zone.csv")
    rerun = pd.read_csv(args.rerun / "results_by_zone.csv")
    mean = [c for c in rerun.columns if c.startswith(("mase_", "coverage80_"))
            and c in committed.columns]
    a = committed[committed["zone"].isin(set(rerun["zone"])) & (committed["metric"] == "mean_mw")]
    b = rerun[rerun["metric"] == "mean_mw"]
    a, b = a.set_index("zone")[mean].sort_index(), b.set_index("zone")[mean].sort_index()
    gap = float(np.nanmax(np.abs(a.to_numpy() - b.to_numpy())))
    if gap > 1e-9:
        raise SystemExit(f"the rerun's monthly-mean rows differ from the committed ones by "
                         f"{gap}: the substitution does not hold")
    pools = [c[len("mase_selected_"):] for c in rerun.columns
             if c.startswith("mase_selected_")]
    before = summarise(committed)
    after = summarise(substituted(committed, rerun))
    keep = [f"selected_{p}" for p in pools]
    table = before[before["model"].isin(keep)].merge(
        after[after["model"].isin(keep)], on=["metric", "model"], suffixes=("", "_now"))
    lines = ["# Zones accuracy with a month's peak evidence only at 90% measured hours", "",
             "Regenerate: see the docstring of `peak_evidence.py` (the moved zones: "
             f"{', '.join(sorted(set(rerun['zone'])))}).", "",
             f"{rerun['zone'].nunique()} zones rerun; their monthly-mean rows equal the "
             "committed ones (largest difference 0), so each row below is the full 111-zone "
             "run of `results_by_zone.csv` with those zones' rows replaced. Columns without "
             "`_now`: the committed run.", "",
             "| " + " | ".join(table.columns) + " |",
             "|" + "---|" * len(table.columns)]
    lines += ["| " + " | ".join(str(v) for v in row) + " |"
              for row in table.itertuples(index=False)]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        (HERE / "peak_evidence.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
