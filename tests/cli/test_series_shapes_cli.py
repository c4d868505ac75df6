"""A user's own load file through the real CLI: every common shape read (sampling inferred
and said on stderr), every bad one refused with exit 2 and one line naming file, row, field."""

from __future__ import annotations

import gzip
import json

import numpy as np
import pandas as pd
import pytest

from forecasting.models.registry import models_for
from forecasting.paths import ROOT

ZONE = ROOT.parent / "shared" / "data" / "eia930_2020_2024" / "zones" / "PJM-DOM.csv"


def _load(n: int) -> np.ndarray:
    rng = np.random.default_rng(7)
    return np.round(1000 + 5 * np.arange(n) + rng.normal(0, 20, n), 3)


def _hourly(tmp_path):
    # two years: regimes of a sub-annual series needs them to tell its season from growth
    when = pd.date_range("2023-01-01", periods=24 * 732, freq="h")
    path = tmp_path / "iso zone.csv"
    pd.DataFrame({"when": when.strftime("%Y-%m-%d %H:%M:%S"), "load": _load(len(when))}).to_csv(
        path, index=False)
    return path, ["--freq", "D"], "hourly", "D"


def _daily_gz(tmp_path):
    days = pd.date_range("2021-01-01", "2022-12-31", freq="D")  # two years, as above
    path = tmp_path / "utility.csv.gz"
    text = pd.DataFrame({"Day": days.strftime("%Y-%m-%d"), "MWh": _load(len(days))}).to_csv(
        index=False)
    path.write_bytes(gzip.compress(text.encode()))
    return path, [], "daily", "M"


def _monthly_parquet(tmp_path):
    months = pd.date_range("2019-01-01", periods=36, freq="MS")
    path = tmp_path / "sales.parquet"
    pd.DataFrame({"billing month": months.date, "sales": _load(36)}).to_parquet(path)
    return path, [], "monthly", "M"


def _annual_two_columns(tmp_path):
    path = tmp_path / "peaks.csv"
    rows = [f"{y},{v}" for y, v in zip(range(2000, 2016), _load(16), strict=True)]
    path.write_text("Year,Peak GW\n" + "\n".join(rows) + "\n")
    return path, [], "annual", "Y"


def _monthly_directory(tmp_path):
    folder = tmp_path / "region"
    folder.mkdir()
    months = pd.period_range("2019-01", periods=36, freq="M")
    values = _load(36)
    for part in (slice(0, 20), slice(18, 36)):  # overlapping files of one region
        pd.DataFrame({"period": months[part].astype(str), "v": values[part]}).to_csv(
            folder / f"part{part.start:02d}.csv", index=False)
    return folder, [], "monthly", "M"


@pytest.mark.parametrize(
    "make", [_hourly, _daily_gz, _monthly_parquet, _annual_two_columns, _monthly_directory]
)
def test_each_shape_is_read_without_flags_and_its_sampling_is_said(cli, tmp_path, make):
    path, extra, sampling, freq = make(tmp_path)
    done = cli("regimes", "--series", str(path), *extra, "--json")
    assert done.returncode == 0, done.stderr
    assert f"sampling inferred: {sampling}" in done.stderr
    assert json.loads(done.stdout)["frequency"] == freq


REFUSALS = {
    "one row": ("period,value\n2019-01-01,5\n", [], ["row 1", "needs at least"]),
    "conflicting years": ("yr,twh\n2019,10\n2020,11\n2021,12\n2020,13\n2022,14\n", [],
                          ["rows 2 and 4", "2020", "11", "13"]),
    "bad timestamp": ("when,mw\n2023-01-01 00:00,5\n2023-01-01 01:00,6\n2023-13-45 02:00,7\n",
                      ["--date-col", "when"], ["row 3", "field 'when'", "cannot parse"]),
    "mixed frequencies": ("d,a\n2019-01-01,5\n2019-02-01,5\n2019-03-01,5\n2019-03-02,5\n"
                          "2019-03-03,5\n", [], ["row 1", "field 'd'", "mixed frequencies"]),
    "negative": ("d,a\n2019-01-01,5\n2019-01-02,-5\n", [], ["row 2", "field 'a'", "negative"]),
    "not numeric": ("d,a\n2019-01-01,5\n2019-01-02,five\n", ["--value-col", "a"],
                    ["row 2", "field 'a'", "not a number"]),
    "empty values": ("d,a\n2019-01-01,\n2019-01-02,\n", [], ["rows 1-2", "field 'a'", "empty"]),
    "several numeric": ("d,east,west\n2019-01-01,5,6\n2019-01-02,5,6\n", [],
                        ["'east', 'west'", "--value-col"]),
    "finer freq": ("m,v\n2019-01,5\n2019-02,6\n2019-03,7\n2019-04,8\n2019-05,9\n",
                   ["--freq", "D"], ["field 'freq'", "monthly", "finer"]),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_each_refusal_is_exit_2_and_one_line(cli, tmp_path, case):
    text, extra, expected = REFUSALS[case]
    path = tmp_path / "mine.csv"
    path.write_text(text)
    done = cli("regimes", "--series", str(path), *extra)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert "mine.csv" in lines[0]
    for fragment in expected:
        assert fragment in lines[0]


def test_a_file_that_is_not_text_is_refused(cli, tmp_path):
    path = tmp_path / "load.csv"
    path.write_bytes(b"date,load\n2019\x00\x01\x02,\x00\xff\n")
    done = cli("backtest", "--series", str(path), "--horizon", "1", "--out", str(tmp_path / "o"))
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "load.csv" in done.stderr and "not a text file" in done.stderr
    assert not (tmp_path / "o").exists()


def _monthly_zone(tmp_path):
    if not ZONE.exists():
        pytest.skip(f"shared data not available: {ZONE}")
    hourly = pd.read_csv(ZONE, usecols=["date_time", "cleaned demand (MW)"])
    month = pd.to_datetime(hourly["date_time"]).dt.to_period("M")
    means = hourly.groupby(month)["cleaned demand (MW)"].mean()
    path = tmp_path / "monthly.csv"
    pd.DataFrame({"month": means.index.to_timestamp().strftime("%Y-%m-%d"),
                  "load": means.round(3).to_numpy()}).to_csv(path, index=False)
    return path


@pytest.mark.slow
def test_backtest_and_regimes_on_a_monthly_series_of_real_zone_load(cli, tmp_path):
    path = _monthly_zone(tmp_path)
    out = tmp_path / "bt.csv"
    # every model, at four origins (the default runs from a third into the series to the
    # second-to-last month: 40 origins of 15 models, minutes of a CI run for the same
    # behaviour)
    done = cli("backtest", "--series", str(path), "--freq", "M", "--horizon", "12",
               "--models", "all", "--first-origin", "2023-06", "--last-origin", "2023-09",
               "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "sampling inferred: monthly" in done.stderr
    rows = pd.read_csv(out)
    assert (rows["model"] == "selected").sum() > 0
    assert sorted(set(rows["origin"].astype(str))) == ["2023-06", "2023-07", "2023-08",
                                                       "2023-09"]
    # every monthly model of the registry but the peer Prophet-with-defaults, and `selected`
    monthly = {m for m in models_for("M") if m != "prophet_defaults"}
    assert set(rows["model"]) == monthly | {"selected"}
    done = cli("regimes", "--series", str(path), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["frequency"] == "M"
    assert result["segments"][0]["start"] == "2020-01"
    assert result["segments"][-1]["end"] == "2024-12"
