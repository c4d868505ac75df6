"""`dcload backtest --series FILE --agg max` (issue 12's comparison on a user's own zone)
fits and scores peaks as the zone run does: a month's peak is its largest measured hour (an
EIA-930 hour whose category is not OKAY is the source's guess), and a month whose measured
hours cover under 90% of it is neither fitted nor scored. Before: the max of every hour
present, imputed ones included, at any coverage the month kept."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from tests.conftest import one_error_line

HEADER = "date_time,raw demand (MW),category,cleaned demand (MW)"
#: a month whose largest hour is imputed, and one with 14% of its hours imputed (New York
#: months, the CLI's periods for a UTC file)
GUESSED_PEAK_MONTH, SHORT_MONTH = "2020-08", "2020-11"
GUESS_MW, SHORT_MW = 1400, 1500  # above the month's hours, within the outlier screen's reach


def eia930_file(path: Path, *, all_imputed: bool = False) -> tuple[Path, pd.Series, float]:
    """30 months of hourly load (1,000-1,400 MW, a season and a day) in EIA-930's layout (UTC,
    hour ending); in `GUESSED_PEAK_MONTH` one hour is imputed at `GUESS_MW`, in `SHORT_MONTH`
    every 7th hour is imputed, at `SHORT_MW`. Returns the path and each month's largest
    measured hour (New York months), with `SHORT_MONTH`'s measured share."""
    ends = pd.date_range("2019-01-01 01:00", "2021-07-01 00:00", freq="h")
    starts = ends - pd.Timedelta(hours=1)
    load = np.asarray(1200 + 150 * np.cos(2 * np.pi * (starts.month - 1) / 12)
                      + 50 * np.sin(2 * np.pi * starts.hour / 24)
                      + 0.002 * np.arange(len(ends))).round()
    month = starts.tz_localize("UTC").tz_convert("America/New_York").strftime("%Y-%m")
    short = month == SHORT_MONTH
    imputed = short & (np.cumsum(short) % 7 == 1)  # every 7th hour: 103 of 721, 14.3%
    load[imputed] = SHORT_MW
    guess = int(np.flatnonzero(month == GUESSED_PEAK_MONTH)[100])
    load[guess], imputed[guess] = GUESS_MW, True
    measured = pd.Series(load).where(~imputed)
    measured_peaks = measured.groupby(month).max()
    short_share = measured[short].count() / short.sum()
    if all_imputed:
        imputed[:] = True
    lines = [HEADER] + [f"{end:%Y-%m-%d %H:%M:%S},{value:.0f},{'MISSING' if flag else 'OKAY'},"
                        f"{value:.0f}" for end, value, flag in zip(ends, load, imputed,
                                                                   strict=True)]
    path.write_text("\n".join(lines) + "\n")
    return path, measured_peaks, short_share


def backtest(cli, series: Path, out: Path, agg: str = "max"):
    return cli("backtest", "--series", str(series), "--freq", "M", "--agg", agg,
               "--horizon", "3", "--models", "seasonal_level,drift", "--draws", "100",
               "--first-origin", "2020-06", "--out", str(out))


def test_backtest_of_peaks_scores_measured_peaks_and_not_the_short_month(cli, tmp_path):
    series, measured_peaks, share = eia930_file(tmp_path / "ZONE.csv")
    out = tmp_path / "bt.csv"
    done = backtest(cli, series, out)
    assert done.returncode == 0, done.stderr
    rows = pd.read_csv(out, dtype={"origin": str, "period": str})
    actual = rows.drop_duplicates("period").set_index("period")["actual"]
    # before: 2020-08 scored at the imputed 1,400 MW, 2020-11 at the imputed 1,500 MW
    assert actual[GUESSED_PEAK_MONTH] == measured_peaks[GUESSED_PEAK_MONTH] < GUESS_MW
    assert SHORT_MONTH not in set(rows["period"])
    assert rows["observed"].all() and "outliers: 0" in done.stderr  # no guess screened
    said = [line for line in done.stderr.splitlines() if "peaks that are no evidence" in line]
    assert len(said) == 1 and f"{SHORT_MONTH} ({share:.1%} measured)" in said[0] and share < 0.9
    assert "1 period(s) without enough evidence left out of the tests" in done.stderr
    # energy and average keep the imputed hours: the month is scored under --agg mean
    done = backtest(cli, series, out, agg="mean")
    assert done.returncode == 0, done.stderr
    assert SHORT_MONTH in set(pd.read_csv(out, dtype={"period": str})["period"])


def test_backtest_of_peaks_of_a_file_measuring_nothing_is_one_error_line(cli, tmp_path):
    series, _, _ = eia930_file(tmp_path / "ZONE.csv", all_imputed=True)
    out = tmp_path / "bt.csv"
    line = one_error_line(backtest(cli, series, out))
    assert "ZONE.csv" in line and "no M period's peak is evidence" in line
    assert not out.exists()
