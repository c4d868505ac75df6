"""`dcload backtest --series` and `dcload regimes --series` use evidence only, as a zone
history does (fuzz round 5, D4 and D6). An EIA-930 file writes 0 for the hours a balancing
authority did not report (`MISSING`): in a file whose other hours are large those zeros are no
data, not 0 MW of load; and a month with evidence for under 90% of its hours is left out
(neither fitted nor scored), never scaled up to a whole month."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

HEADER = "date_time,raw demand (MW),category,cleaned demand (MW)"
#: a month of zeros and the first 40% of the next (an outage), and a month with 60% of its hours
ZERO_MONTH, HALF_ZERO_MONTH, HALF_MONTH = "2020-05", "2020-06", "2021-03"


def eia930_file(path: Path) -> Path:
    """30 months of hourly load (1,000-1,400 MW, a season and a day), EIA-930's layout
    (UTC, hour ending), with `ZERO_MONTH`'s hours and the first 40% of `HALF_ZERO_MONTH`'s
    written MISSING, 0 and the last 40% of `HALF_MONTH`'s hours absent."""
    ends = pd.date_range("2019-01-01 01:00", "2021-07-01 00:00", freq="h")
    starts = ends - pd.Timedelta(hours=1)
    load = (1200 + 150 * np.cos(2 * np.pi * (starts.month - 1) / 12)
            + 50 * np.sin(2 * np.pi * starts.hour / 24) + 0.002 * np.arange(len(ends)))
    month = starts.strftime("%Y-%m")
    half_zero = month == HALF_ZERO_MONTH
    zero = (month == ZERO_MONTH) | (half_zero & (np.cumsum(half_zero) <= 0.4 * 720))
    half = month == HALF_MONTH
    gone = half & (np.cumsum(half) > 0.6 * 744)
    lines = [HEADER]
    for end, value, missing, absent in zip(ends, load, zero, gone, strict=True):
        if not absent:
            lines.append(f"{end:%Y-%m-%d %H:%M:%S},EMPTY,MISSING,0" if missing else
                         f"{end:%Y-%m-%d %H:%M:%S},{value:.0f},OKAY,{value:.0f}")
    path.write_text("\n".join(lines) + "\n")
    return path


def test_backtest_scores_no_zero_or_partial_month(cli, tmp_path: Path):
    series, out = eia930_file(tmp_path / "ZONE.csv"), tmp_path / "bt.csv"
    done = cli("backtest", "--series", str(series), "--freq", "M", "--agg", "sum",
               "--horizon", "3", "--models", "seasonal_naive,drift", "--draws", "100",
               "--first-origin", "2020-03", "--out", str(out))
    assert done.returncode == 0, done.stderr
    rows = pd.read_csv(out, dtype={"origin": str, "period": str})
    scored = set(rows.loc[rows["observed"], "period"])
    # before: 2020-05 scored as 0 MWh, 2020-06 as 60% of its load, 2021-03 scaled up from
    # 60% of its hours, each observed = True
    assert not {ZERO_MONTH, HALF_ZERO_MONTH, HALF_MONTH} & set(rows["period"])
    assert scored == {f"2020-{m:02d}" for m in (4, 7, 8, 9, 10, 11, 12)} | {
        f"2021-{m:02d}" for m in (1, 2, 4, 5, 6)}
    assert rows["actual"].min() > 1000 * 24 * 28  # no month is energy of its evidence alone
    assert "taken as no data" in done.stderr and "1032 zero value(s)" in done.stderr


def test_regimes_leaves_zero_and_partial_months_out(cli, tmp_path: Path):
    series = eia930_file(tmp_path / "ZONE.csv")
    done = cli("regimes", "--series", str(series), "--freq", "M", "--json")
    assert done.returncode == 0, done.stderr
    segments = json.loads(done.stdout)["segments"]
    # before: 29 points (the zero month alone left out; 2020-06's zeros and 2021-03's half
    # month taken as load)
    assert sum(s["n_points"] for s in segments) == 27
    assert "outliers: 0" in done.stderr  # before: the hours after the outage were screened
