"""`regimes` and `backtest` take several files after one `--series` (as the synopsis reads
and as `zones init` takes them), and `--series` repeated still works, with the same result;
files that follow no --series, or both forms at once (their order would be lost), are a
command-line mistake naming --series. In process (typer's runner), small monthly files."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from forecasting.errors import InputError
from pipelines.cli import app


@pytest.fixture
def parts(tmp_path):
    """Two generic monthly load files, 2019-2021 and 2022-2024."""
    months = pd.period_range("2019-01", "2024-12", freq="M")
    t = np.arange(len(months))
    load = 1000 + 2 * t + 80 * np.sin(2 * np.pi * t / 12)
    files = []
    for name, rows in (("a.csv", slice(0, 36)), ("b.csv", slice(36, None))):
        pd.DataFrame({"month": months[rows].astype(str), "load_mw": load[rows].round(1)}
                     ).to_csv(tmp_path / name, index=False)
        files.append(str(tmp_path / name))
    return files


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def test_regimes_takes_files_after_one_series_as_when_repeated(parts):
    one = invoke("regimes", "--series", *parts, "--json")
    assert one.exit_code == 0, one.output
    repeated = invoke("regimes", "--series", parts[0], "--series", parts[1], "--json")
    assert repeated.exit_code == 0, repeated.output
    start = one.stdout.index("{")
    assert json.loads(one.stdout[start:]) == json.loads(repeated.stdout[start:])
    assert json.loads(one.stdout[start:])["segments"][0]["start"] == "2019-01"


def test_backtest_takes_files_after_one_series_as_when_repeated(parts, tmp_path):
    common = ("--horizon", "3", "--models", "seasonal_naive", "--draws", "100")
    one = invoke("backtest", "--out", str(tmp_path / "one.csv"), "--series", *parts, *common)
    assert one.exit_code == 0, one.output
    repeated = invoke("backtest", "--series", parts[0], "--series", parts[1], "--out",
                      str(tmp_path / "repeated.csv"), *common)
    assert repeated.exit_code == 0, repeated.output
    table = pd.read_csv(tmp_path / "one.csv", dtype={"origin": str})
    assert table["origin"].max() == "2024-11"  # both files were read
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "repeated.csv").read_bytes()


@pytest.mark.parametrize("args", [("{a}",), ("--series", "{a}", "{b}", "--series", "{b}")],
                         ids=["no-series", "both-forms"])
def test_files_out_of_place_are_a_command_line_mistake(parts, tmp_path, args):
    args = [a.format(a=parts[0], b=parts[1]) for a in args]
    done = invoke("regimes", *args)
    assert isinstance(done.exception, InputError), done.output
    assert done.exception.field == "--series" and parts[-1 if len(args) > 1 else 0] in str(
        done.exception)
    done = invoke("backtest", "--horizon", "3", "--out", str(tmp_path / "x.csv"), *args)
    assert isinstance(done.exception, InputError) and done.exception.field == "--series"
    assert not (tmp_path / "x.csv").exists()
