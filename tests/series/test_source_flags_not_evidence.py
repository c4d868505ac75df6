"""An hour an EIA-930 file flags (``category`` not ``OKAY``) holds a value the source imputed
(Ruggles and Farnham's cleaned release): it is not evidence. The reader keeps each row's flag,
`forecasting.series.flags` sets the value aside (kept for display), and `load_series`, behind
``dcload backtest/regimes --series``, treats those hours as missing: a month with over 10% of
its hours imputed is left out (neither fitted nor scored), a month with fewer is its OKAY
hours' figure. Before, the imputed values were read as load and only the flags were counted."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from forecasting.series import load_series, read_series
from forecasting.series.clean import CleaningRules
from forecasting.series.flags import set_aside_imputed
from forecasting.series.read import FLAG_COLUMN

HEADER = "date_time,raw demand (MW),category,cleaned demand (MW)"
#: 15% of this month's hours imputed (left out), 5% of that one's (kept, on its OKAY hours)
MOSTLY_IMPUTED, SOME_IMPUTED = "2020-06", "2020-09"
#: the evidence rule of the --series commands (`pipelines.cli.series_input`)
EVIDENCE = {"rules": CleaningRules(max_gap=0), "min_coverage": {"M": 0.90, "Y": 0.99},
            "period_tz": "UTC"}


def load_frame() -> pd.DataFrame:
    """30 months of hourly load (1,000-1,400 MW), UTC hour starts, with each hour's category:
    the first 15% of `MOSTLY_IMPUTED`'s hours and every 20th of `SOME_IMPUTED`'s are flagged
    (ANOMALOUS_REGION, then MISSING) and hold a plausible imputed value, 5% above the load
    (not an outlier: a screen cannot tell it from load, only the flag can)."""
    starts = pd.date_range("2019-01-01 00:00", "2021-06-30 23:00", freq="h")
    load = (1200 + 150 * np.cos(2 * np.pi * (starts.month - 1) / 12)
            + 50 * np.sin(2 * np.pi * starts.hour / 24) + 0.002 * np.arange(len(starts)))
    month = np.asarray(starts.strftime("%Y-%m"))
    category = np.full(len(starts), "OKAY", dtype=object)
    mostly = month == MOSTLY_IMPUTED
    category[mostly & (np.cumsum(mostly) <= 0.15 * 720)] = "ANOMALOUS_REGION"
    some = np.flatnonzero(month == SOME_IMPUTED)
    category[some[::20]] = "MISSING"
    value = np.round(np.where(category == "OKAY", load, 1.05 * load))
    return pd.DataFrame({"start": starts, "category": category, "value": value})


def write_eia930(path: Path, frame: pd.DataFrame, *, flags: bool = True) -> Path:
    """`frame` in EIA-930's layout (UTC, hour ending); without `flags`, no category column."""
    ends = (frame["start"] + pd.Timedelta(hours=1)).dt.strftime("%Y-%m-%d %H:%M:%S")
    raw = np.where(frame["category"] == "OKAY", frame["value"].astype(int).astype(str), "EMPTY")
    if flags:
        lines = [HEADER] + [f"{e},{r},{c},{v:.0f}" for e, r, c, v in
                            zip(ends, raw, frame["category"], frame["value"], strict=True)]
    else:
        lines = ["date_time,cleaned demand (MW)"] + [
            f"{e},{v:.0f}" for e, v in zip(ends, frame["value"], strict=True)]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_the_reader_keeps_each_rows_flag_and_the_set_aside_keeps_the_values(tmp_path):
    frame = load_frame()
    raw = read_series(write_eia930(tmp_path / "ZONE.csv", frame))
    flagged = (frame["category"] != "OKAY").to_numpy()
    assert raw.reads[0].source_flags == {"ANOMALOUS_REGION": 108, "MISSING": 36}
    assert (raw.origin[FLAG_COLUMN].to_numpy() == frame["category"].to_numpy()).all()
    aside = set_aside_imputed(raw)
    assert aside.raw.values.isna().to_numpy().tolist() == flagged.tolist()
    # kept for display, as the file writes them
    assert aside.filled.to_numpy().tolist() == frame["value"][flagged].tolist()
    assert (aside.report.hours, aside.report.by_flag) == (
        144, {"ANOMALOUS_REGION": 108, "MISSING": 36})
    assert aside.report.first.endswith("row 12409, 2020-06-01 01:00:00 (ANOMALOUS_REGION)")


def test_a_month_mostly_imputed_is_left_out_and_the_others_are_their_okay_hours(tmp_path):
    frame = load_frame()
    path = write_eia930(tmp_path / "ZONE.csv", frame)
    monthly, report = load_series(path, freq="M", agg="mean", **EVIDENCE)
    # before: 2020-06 a mean of 100% of its hours, imputed ones included
    assert np.isnan(monthly[MOSTLY_IMPUTED])
    assert monthly.notna().sum() == len(monthly) - 1
    okay = frame[(frame["start"].dt.strftime("%Y-%m") == SOME_IMPUTED)
                 & (frame["category"] == "OKAY")]["value"]
    assert monthly[SOME_IMPUTED] == pytest.approx(okay.mean(), rel=1e-12)  # before: all hours
    assert report.imputed.hours == 144 and report.cleaning.missing == 144
    assert {d["period"] for d in report.resampling.empty} == {MOSTLY_IMPUTED}
    text = "\n".join(report.summary())
    assert ("144 hour(s) imputed by the source (EIA-930 category not OKAY): "
            "ANOMALOUS_REGION 108, MISSING 36" in text and "not used as evidence" in text)
    assert "144 row(s) flagged by the source as imputed" in text
    assert json.dumps(report.to_dict()) and report.to_dict()["imputed"]["hours"] == 144


def test_a_file_without_a_flag_column_is_read_as_before(tmp_path):
    """The same values without the category column: nothing is set aside, and the report has
    no line or key about imputed hours (a guard: this held before the change too)."""
    frame = load_frame()
    path = write_eia930(tmp_path / "ZONE.csv", frame, flags=False)
    raw = read_series(path)
    assert FLAG_COLUMN not in raw.origin.columns and set_aside_imputed(raw).raw is raw
    monthly, report = load_series(path, freq="M", agg="mean", **EVIDENCE)
    assert monthly.notna().all()
    assert monthly[MOSTLY_IMPUTED] == pytest.approx(
        frame[frame["start"].dt.strftime("%Y-%m") == MOSTLY_IMPUTED]["value"].mean())
    assert "imputed" not in report.to_dict()
    assert not any("imputed" in line for line in report.summary())


def test_backtest_series_neither_fits_nor_scores_a_mostly_imputed_month(cli, tmp_path):
    series, out = write_eia930(tmp_path / "ZONE.csv", load_frame()), tmp_path / "bt.csv"
    done = cli("backtest", "--series", str(series), "--freq", "M", "--agg", "mean",
               "--series-tz", "UTC", "--horizon", "3", "--models", "seasonal_naive,drift",
               "--draws", "100", "--first-origin", "2020-03", "--out", str(out))
    assert done.returncode == 0, done.stderr
    rows = pd.read_csv(out, dtype={"origin": str, "period": str})
    # before: 2020-06 scored (observed) on its imputed hours
    assert MOSTLY_IMPUTED not in set(rows["period"])
    assert SOME_IMPUTED in set(rows.loc[rows["observed"], "period"])
    assert "144 hour(s) imputed by the source (EIA-930 category not OKAY)" in done.stderr
    assert "1 period(s) without enough evidence left out of the tests (first 2020-06)" \
        in done.stderr


def test_regimes_series_leaves_a_mostly_imputed_month_out(cli, tmp_path):
    series = write_eia930(tmp_path / "ZONE.csv", load_frame())
    done = cli("regimes", "--series", str(series), "--freq", "M", "--series-tz", "UTC",
               "--json")
    assert done.returncode == 0, done.stderr
    segments = json.loads(done.stdout)["segments"]
    assert sum(s["n_points"] for s in segments) == 29  # before: 30, 2020-06 included
    assert "not used as evidence" in done.stderr
