"""Should the zone forecast re-anchor on a level step in its last months? Measured on the real
steps of the EIA-930 zones, and not kept.

A zone whose load stepped up (a member merged into the balancing authority, a block of data
centers connected) a few months before its history ends is forecast partly at the old level:
the candidates' seasonal shapes and levels are fitted on years before the step (fuzz round 4,
#11). One remedy is to detect a late step and raise the history before it by the step before
fitting. This script measures that remedy where it would act.

Detector: the year-on-year log change r_t = log y_t - log y_(t-12); for each split with 3 (or
6) to 12 months after it, the mean change after minus the mean of the 12 months before, d,
its t statistic on the spread of the months before (floor 0.01), and every month after moved
the same way by at least d / 2. A step is the split with the largest |t| among those with
|d| >= 8% (or 15%) and |t| >= 4; the values before it are multiplied by exp(d).

For each zone file and metric of `run.py` (origins 2022-12..2023-12, h = 12, 200 paths, seed
11) where the detector fires at some scored origin, four candidates are backtested as they are
and with the adjustment, and each MASE divided by the best peer's in `results_by_zone.csv`
(so run `run.py --write` first); `equal of three` is the geometric mean of the P50s of auto
ETS and the two harmonic models, a stand-in for `selected`.

    .venv/bin/python benchmarks/zones_accuracy/late_step.py   # writes late_step.md and .csv
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

# run.py beside this file
sys.path.insert(0, str(Path(__file__).resolve().parent))
from alone import write_tables, zones_run
from run import FIRST, HORIZON, LAST, N_PATHS, SEED, ZONES, markdown, scored_span, zone_series

from forecasting.models.base import Model

CANDIDATES = ("auto_ets", "harmonic_shrunk_trend", "harmonic_smoothed_level", "seasonal_level")
EQUAL_OF = CANDIDATES[:3]
SETTINGS = {"loose (8%, 3 months after)": dict(min_size=0.08, min_after=3),
            "strict (15%, 6 months after)": dict(min_size=0.15, min_after=6)}


def late_step(series: pd.Series, *, min_size: float, min_after: int, max_after: int = 12,
              min_t: float = 4.0) -> tuple[int, float] | None:
    """(position of the first month at the new level, log step) of the detector above, or
    None."""
    logs = np.log(series.to_numpy(dtype=float))
    change = np.full(len(logs), np.nan)
    change[12:] = logs[12:] - logs[:-12]
    best = None
    for after_months in range(min_after, max_after + 1):
        split = len(logs) - after_months
        before, after = change[max(split - 12, 0):split], change[split:]
        before, after = before[~np.isnan(before)], after[~np.isnan(after)]
        if len(before) < 9 or len(after) < min_after:
            continue
        step = after.mean() - before.mean()
        t = step / (max(before.std(ddof=1), 0.01) * np.sqrt(1 / len(before) + 1 / len(after)))
        same_way = np.all(np.sign(step) * (after - before.mean()) >= abs(step) / 2)
        if abs(step) >= min_size and abs(t) >= min_t and same_way and (
                best is None or abs(t) > best[2]):
            best = (split, float(step), abs(t))
    return None if best is None else best[:2]


def after_last_gap(series: pd.Series) -> pd.Series:
    missing = np.flatnonzero(series.isna().to_numpy())
    return series.iloc[int(missing[-1]) + 1:] if len(missing) else series


class StepAdjusted(Model):
    """`inner` fitted on the values after the last gap, those before a detected late step
    multiplied by the step."""

    name = "step_adjusted"

    def __init__(self, inner: Model, *, setting: dict) -> None:
        self.inner, self.setting = inner, setting

    def fit(self, series: pd.Series) -> StepAdjusted:
        values = after_last_gap(series)
        found = late_step(values, **self.setting) if len(values) >= 24 else None
        if found:
            values = values.copy()
            values.iloc[:found[0]] *= np.exp(found[1])
        self.inner.fit(values)
        return self

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        return self.inner.sample_paths(horizon, n, rng)


def flagged(series: pd.Series, setting: dict) -> int:
    """Scored origins at which the detector fires on the history up to the origin."""
    origins = pd.period_range(FIRST, LAST, freq="M")
    return sum(1 for origin in origins
               if len(h := after_last_gap(series.loc[:origin])) >= 24
               and late_step(h, **setting))


def scores(series: pd.Series, setting: dict) -> dict[str, float]:
    """MASE of each candidate as it is and adjusted, and of the equal combination of three."""
    from forecasting.backtest.rolling_origin import run_backtest
    from forecasting.models.registry import make_model
    from forecasting.zones.backtest import AfterLastGap

    models = {}
    for name in CANDIDATES:
        models[name] = lambda name=name: AfterLastGap(make_model(name))
        models[f"{name}, adjusted"] = (
            lambda name=name: StepAdjusted(make_model(name), setting=setting))
    result = run_backtest(series, models, horizon=HORIZON, first_origin=pd.Period(FIRST, "M"),
                          last_origin=pd.Period(LAST, "M"), n_paths=N_PATHS, seed=SEED)
    rows = result.forecasts[result.forecasts["observed"]]
    p50 = rows.pivot_table(index=["origin", "period"], columns="model", values="p50").dropna()
    first = rows.groupby(["origin", "period"])[["actual", "mase_scale"]].first().loc[p50.index]
    p50["equal of three"] = np.exp(np.log(p50[list(EQUAL_OF)]).mean(axis=1))
    p50["equal of three, adjusted"] = np.exp(
        np.log(p50[[f"{n}, adjusted" for n in EQUAL_OF]]).mean(axis=1))
    error = (p50.sub(first["actual"], axis=0)).abs().div(first["mase_scale"], axis=0)
    return error.mean().to_dict()


def main() -> None:
    started = time.perf_counter()
    runs, best = zones_run()
    series = {}
    for path in sorted(ZONES.glob("*.csv")):
        try:
            by_metric = zone_series(path)
        except Exception:  # noqa: BLE001 - unreadable zones are not scored in run.py either
            continue
        for metric, values in by_metric.items():
            values = scored_span(values)
            if values is not None and (path.stem, metric) in best.index:
                series[(path.stem, metric)] = values
    rows = []
    for label, setting in SETTINGS.items():
        for (zone, metric), values in series.items():
            fired = flagged(values, setting)
            if not fired:
                continue
            mase = scores(values, setting)
            row = {"setting": label, "zone": zone, "metric": metric, "origins_fired": fired}
            for name in ("equal of three", *CANDIDATES):
                row[name] = round(mase[name] / best[(zone, metric)], 3)
                row[f"{name}, adjusted"] = round(mase[f"{name}, adjusted"] / best[(zone, metric)],
                                                 3)
            rows.append(row)
            print(label, zone, metric, fired, flush=True)
    out = pd.DataFrame(rows)
    medians = out.groupby("setting", sort=False).median(numeric_only=True).round(3)
    medians.insert(0, "series", out.groupby("setting", sort=False).size())
    intro = (f"{len(series)} zone-metric series scored; the detector fired at some scored origin "
             f"on the series below. Ratios: MASE / the best peer. Medians per setting:\n\n"
             + markdown(medians.reset_index())
             + f"\n\n{time.perf_counter() - started:.0f} s wall, one process.")
    write_tables("late_step", "A late level step re-anchored, where it fires (not kept)",
                 "its docstring", intro, out)


if __name__ == "__main__":
    main()
