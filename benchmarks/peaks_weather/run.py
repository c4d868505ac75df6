"""Are the 50/50 and 90/10 season peaks calibrated? A held-out-year check of the weather years.

The zone forecast's 50/50 and 90/10 summer and winter peaks are the median and 90th percentile,
over the historical weather years, of the season's largest hour at a typical month's base load
(`forecasting.zones.weather_years.season_peak_by_weather`). This benchmark holds out each
complete year Y of a zone in turn and asks where Y's actual season peak falls among the peaks
the other complete years' weather gives, at Y's own level (`forecasting.zones.peak_check`,
which each zone run also writes as peak_check.csv):

- weather years: `weather_years` of the zone's hourly load with Y's hours removed (no
  data-center component: the base is the whole load);
- Y's typical month m: B_{Y,m} = (Y's mean of monthly averages) x (month m's usual share of
  its year among the other years), so the level is Y's and the month-to-month weather is not
  (Y's own annual mean still holds a little of its weather, which favours neither method);
- the actual: Y's largest evidence hour in June-September (summer) or in its December,
  January and February (winter);
- its randomised PIT among the n weather-year peaks, (#below + U (1 + #equal)) / (n + 1),
  U ~ U(0, 1) from a fixed seed: uniform on (0, 1) when the actual is one more draw from the
  same distribution, whatever n. So the share of PIT > 0.9 is the share of seasons above a
  calibrated 90/10 (target 10%), and > 0.5 above a calibrated 50/50 (target 50%).

Two methods from the same weather years: `anomaly` (the forecast's: each weather year's month
scaled by its anomaly g_{w,m}, a hot summer's higher average with its sharper hours) and
`shape only` (g = 1: the years differ only in their peak-to-average shapes; the forecast's
method until this benchmark).

Zones: every file of `../shared/data/eia930_2020_2024/zones/` (complete years 2020-2024, so
n is at most 4) and Dominion 2005-2024 from its three files (n up to 19).

    .venv/bin/python benchmarks/peaks_weather/run.py --write
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from forecasting.zones.history import build_history  # noqa: E402
from forecasting.zones.peak_check import held_out_peaks  # noqa: E402
from forecasting.zones.read import read_zone_files  # noqa: E402

HERE = Path(__file__).resolve().parent
SHARED = ROOT / ".." / "shared" / "data"
ZONES = SHARED / "eia930_2020_2024" / "zones"
DOM = ("pjm_dom/DOM_hourly_2005_2018.csv", "eia930/PJM-DOM_2018-10_2020-09.csv",
       "eia930/PJM-DOM_2020_2024.csv")
SEED = 7
METHODS = ("anomaly", "shape only")


def held_out_cases(zone: str, group: str, load: pd.Series, rng) -> list[dict]:
    """One row per (held-out year, season, method) of `forecasting.zones.peak_check`, with the
    actual's randomised PIT among the weather-year peaks (one U per year and season, shared
    by the two methods)."""
    none = pd.Series(dtype=float)  # no data-center component: the base is the whole load
    checks = {method: held_out_peaks(load, none, anomaly=method == "anomaly")
              for method in METHODS}
    rows = []
    for i in range(len(checks[METHODS[0]])):
        u = rng.uniform()
        for method in METHODS:
            row = checks[method].iloc[i]
            rows.append({
                "group": group, "zone": zone, "year": int(row["year"]),
                "season": row["season"], "method": method,
                "weather_years": int(row["weather_years"]), "actual_mw": row["actual_mw"],
                "peak_50_50_mw": row["peak_50_50_mw"], "peak_90_10_mw": row["peak_90_10_mw"],
                "pit": (row["below"] + u * (1 + row["equal"])) / (row["weather_years"] + 1),
            })
    return rows


def summarise(cases: pd.DataFrame) -> pd.DataFrame:
    out = []
    for (group, season, method), part in cases.groupby(["group", "season", "method"],
                                                       sort=False):
        out.append({
            "group": group, "season": season, "method": method, "cases": len(part),
            "above_90_10_pit": round(float((part["pit"] > 0.9).mean()), 3),
            "below_10_90_pit": round(float((part["pit"] < 0.1).mean()), 3),
            "above_50_50_pit": round(float((part["pit"] > 0.5).mean()), 3),
            "median_spread_90_10_pct": round(float(
                (part["peak_90_10_mw"] / part["peak_50_50_mw"] - 1).median() * 100), 2),
            "median_abs_error_50_50_pct": round(float(
                (part["peak_50_50_mw"] / part["actual_mw"] - 1).abs().median() * 100), 2),
        })
    return pd.DataFrame(out)


def markdown(frame: pd.DataFrame) -> str:
    cells = [list(map(str, frame.columns))] + [
        [f"{v:g}" if isinstance(v, float) else str(v) for v in row]
        for row in frame.itertuples(index=False)]
    lines = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * len(cells[0])]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in cells[1:]])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zones-dir", type=Path, default=ZONES)
    parser.add_argument("--write", action="store_true", help="rewrite results.md/csv")
    args = parser.parse_args()
    start = time.perf_counter()
    rng = np.random.default_rng(SEED)
    rows = []
    files = sorted(args.zones_dir.glob("*.csv"))
    for path in files:
        load = build_history(read_zone_files([path])).load
        rows += held_out_cases(path.stem, "EIA-930 zones 2020-2024", load, rng)
    dom = [SHARED / name for name in DOM]
    if all(p.is_file() for p in dom):
        load = build_history(read_zone_files(dom)).load
        rows += held_out_cases("PJM-DOM", "Dominion 2005-2024", load, rng)
    cases = pd.DataFrame(rows)
    summary = summarise(cases)
    wall = time.perf_counter() - start
    print(summary.to_string(index=False))
    print(f"{len(files)} zone files and Dominion, {wall:.0f} s")
    if args.write:
        cases.to_csv(HERE / "by_case.csv", index=False, float_format="%.4f",
                     lineterminator="\n")
        summary.to_csv(HERE / "results.csv", index=False, lineterminator="\n")
        (HERE / "results.md").write_text("\n".join([
            "# Season peaks against held-out years (50/50 and 90/10 calibration)",
            "",
            "Regenerate: `.venv/bin/python benchmarks/peaks_weather/run.py --write` "
            f"({wall:.0f} s on one core). Method and columns: the docstring of `run.py`.",
            "",
            f"Cases: each complete year of {len(files)} EIA-930 zone files and of Dominion "
            "2005-2024, held out in turn, for summer and winter. A calibrated 90/10 is "
            "exceeded in 10% of them (`above_90_10_pit`), a calibrated 50/50 in 50%; "
            "`below_10_90_pit` is the share under the 10th percentile (target 10%).",
            "",
            markdown(summary),
            "",
        ]))


if __name__ == "__main__":
    main()
