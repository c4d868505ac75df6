"""Are the 50/50 and 90/10 season peaks calibrated? A held-out-year check of the weather years.

The zone forecast's 50/50 and 90/10 summer and winter peaks are the median and 90th percentile,
over the historical weather years, of the season's largest hour at a typical month's base load
(`forecasting.zones.weather_years.season_peak_by_weather`). This benchmark holds out each
complete season of a zone in turn (summer Y of a complete year Y; winter Y/Y+1, December of Y
with January-February of Y + 1, when Y and Y + 1 are both complete) and asks where its actual
peak falls among the peaks the other complete years' weather gives, at its own level
(`forecasting.zones.peak_check`, which each zone run also writes as peak_check.csv):

- weather years: `weather_years` of the zone's hourly load with the season's calendar years
  removed (Y; Y and Y + 1 for a winter) (no data-center component: the base is the whole
  load; the hours the source imputed, an EIA-930 category not OKAY, are in no shape);
- the typical month m: B_m = (the mean of monthly averages of m's year) x (month m's usual
  share of its year among the other years), so the level is the season's and the
  month-to-month weather is not (the year's own annual mean still holds a little of its
  weather, which favours neither method);
- the actual: the season's largest measured hour (imputed ones skipped), June-September of Y
  (summer) or December of Y, January and February of Y + 1 (winter; ``year`` is Y,
  ``label`` "Y/Y+1");
- its randomised PIT among the n weather-year peaks, (#below + U (1 + #equal)) / (n + 1),
  U ~ U(0, 1) from a fixed seed: uniform on (0, 1) when the actual is one more draw from the
  same distribution, whatever n. The share of PIT > 0.9 says whether the held-out year is one
  more weather year like the others (`above_90_10_pit`, target 10%); it is not how often the
  published 90/10 is exceeded;
- the published 90/10 (`forecasting.zones.peak_quantiles.predictive_peak`, as the forecast
  and peak_check.csv compute it) and 50/50 (the median of the weather-year peaks): the share
  of seasons whose actual peak is above them, `above_90_10` and `above_50_50` (targets 10% and
  50%), the figures the README and the zone report quote. The 90th percentile of the n peaks
  themselves, the 90/10 before predictive_peak, was exceeded in 23% of summers and 26% of
  winters (`above_90_10_sample`);
- the prior of predictive_peak: the median over the EIA-930 zones' cases with at least two
  weather years of the sd of their log peaks, per season (printed; `PRIOR_LOG_SD`).

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

from forecasting.zones.history import ZoneHistory, build_history  # noqa: E402
from forecasting.zones.peak_check import held_out_peaks  # noqa: E402
from forecasting.zones.read import read_zone_files  # noqa: E402

HERE = Path(__file__).resolve().parent
SHARED = ROOT / ".." / "shared" / "data"
ZONES = SHARED / "eia930_2020_2024" / "zones"
DOM = ("pjm_dom/DOM_hourly_2005_2018.csv", "eia930/PJM-DOM_2018-10_2020-09.csv",
       "eia930/PJM-DOM_2020_2024.csv")
SEED = 7
METHODS = ("anomaly", "shape only")


def held_out_cases(zone: str, group: str, history: ZoneHistory, rng) -> list[dict]:
    """One row per (held-out year, season, method) of `forecasting.zones.peak_check`, with the
    actual's randomised PIT among the weather-year peaks (one U per year and season, shared
    by the two methods)."""
    none = pd.Series(dtype=float)  # no data-center component: the base is the whole load
    checks = {method: held_out_peaks(history.load, none, anomaly=method == "anomaly",
                                     detail=True, imputed=history.imputed)
              for method in METHODS}
    rows = []
    for i in range(len(checks[METHODS[0]])):
        u = rng.uniform()
        for method in METHODS:
            row = checks[method].iloc[i]
            rows.append({
                "group": group, "zone": zone, "year": int(row["year"]),
                "season": row["season"], "label": row["label"], "method": method,
                "weather_years": int(row["weather_years"]), "actual_mw": row["actual_mw"],
                "peak_50_50_mw": row["peak_50_50_mw"], "peak_90_10_mw": row["peak_90_10_mw"],
                "sample_90_10_mw": row["sample_90_10_mw"], "log_sd": row["log_sd"],
                "pit": (row["below"] + u * (1 + row["equal"])) / (row["weather_years"] + 1),
            })
    return rows


def summarise(cases: pd.DataFrame) -> pd.DataFrame:
    out = []
    for (group, season, method), part in cases.groupby(["group", "season", "method"],
                                                       sort=False):
        out.append({
            "group": group, "season": season, "method": method, "cases": len(part),
            "above_90_10": round(float((part["actual_mw"] > part["peak_90_10_mw"]).mean()), 3),
            "above_50_50": round(float((part["actual_mw"] > part["peak_50_50_mw"]).mean()), 3),
            "above_90_10_sample": round(float(
                (part["actual_mw"] > part["sample_90_10_mw"]).mean()), 3),
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
        history = build_history(read_zone_files([path]))
        rows += held_out_cases(path.stem, "EIA-930 zones 2020-2024", history, rng)
    dom = [SHARED / name for name in DOM]
    if all(p.is_file() for p in dom):
        history = build_history(read_zone_files(dom))
        rows += held_out_cases("PJM-DOM", "Dominion 2005-2024", history, rng)
    cases = pd.DataFrame(rows)
    summary = summarise(cases)
    prior = cases[(cases["group"] == "EIA-930 zones 2020-2024") & (cases["method"] == "anomaly")
                  & (cases["weather_years"] >= 2)].groupby("season")["log_sd"].median()
    print("median sd of log season peaks (predictive_peak's PRIOR_LOG_SD):",
          {k: round(float(v), 4) for k, v in prior.items()})
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
            f"Cases: each complete season of {len(files)} EIA-930 zone files and of Dominion "
            "2005-2024, held out in turn: summer Y of each complete year, winter Y/Y+1 "
            "(December of Y, January-February of Y+1) where Y and Y+1 are both complete, "
            "with every year the season spans held out. `above_90_10` and "
            "`above_50_50`: the share of them whose actual peak is above the 90/10 and 50/50 "
            "the forecast publishes (targets 10% and 50%); `above_90_10_sample`: above the "
            "90th percentile of the weather-year peaks themselves (the 90/10 before "
            "`predictive_peak`); the `_pit` columns: the actual's randomised rank among the "
            "weather-year peaks (is the held-out year one more weather year like them?).",
            "",
            "Prior of `predictive_peak` (median sd of log season peaks over the zones' cases "
            "with two or more weather years): "
            + ", ".join(f"{k} {v:.4f}" for k, v in prior.items()) + ".",
            "",
            markdown(summary),
            "",
        ]))


if __name__ == "__main__":
    main()
