"""`dcload backtest` refuses origins, outputs and series it cannot use with one line naming
the option (or the file) and what the series allows, exit 2 and no CSV written; found by
fuzzing, each was a traceback (or an empty CSV with exit 0)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.conftest import one_error_line, run_cli


def _monthly(tmp_path, months: int, name: str = "load.csv"):
    """A monthly load file from 2020-01 with a yearly season (no other column)."""
    periods = pd.period_range("2020-01", periods=months, freq="M")
    rng = np.random.default_rng(3)
    load = 1000 + 100 * np.sin(2 * np.pi * periods.month / 12) + rng.normal(0, 10, months)
    path = tmp_path / name
    pd.DataFrame({"month": periods.astype(str), "load_mw": np.round(load, 2)}).to_csv(
        path, index=False)
    return path


def _backtest(series, out, *extra):
    return run_cli("backtest", "--series", str(series), "--freq", "M", "--horizon", "12",
                   "--models", "seasonal_naive", "--draws", "100", "--out", str(out), *extra)


@pytest.mark.parametrize(
    ("extra", "option", "says"),
    [
        # the last month has no actual after it
        (["--first-origin", "2024-12"], "--first-origin", "origins run 2020-01..2024-11"),
        (["--first-origin", "2026-01"], "--first-origin", "origins run 2020-01..2024-11"),
        (["--last-origin", "2030-01"], "--last-origin", "origins run 2020-01..2024-11"),
        (["--last-origin", "2024-12"], "--last-origin", "needs a later period"),
        (["--first-origin", "2023-12", "--last-origin", "2022-12"], "--last-origin",
         "2022-12 is before --first-origin 2023-12"),
        # the default first origin is a third in (2021-09): say so and what to give
        (["--last-origin", "2021-06"], "--last-origin",
         "before the default first origin 2021-09"),
        (["--first-origin", "soon"], "--first-origin", "'soon' is not a period"),
        # a day is no month (it was taken as its month)
        (["--first-origin", "2023-06-15"], "--first-origin",
         "'2023-06-15' is not a month written YYYY-MM (the series is monthly)"),
        # seasonal_naive needs two years up to an origin: none up to 2021-06 has them
        (["--first-origin", "2020-06", "--last-origin", "2021-06"], "--last-origin",
         "the first is 2021-12"),
    ],
)  # fmt: skip
def test_an_origin_the_series_cannot_have_is_one_line_naming_the_option(tmp_path, extra,
                                                                          option, says):
    series = _monthly(tmp_path, 60)  # 2020-01..2024-12
    out = tmp_path / "bt.csv"
    line = one_error_line(_backtest(series, out, *extra))
    assert line.startswith(f"error: {option}: "), line
    assert says in line, line
    assert not out.exists()


def test_the_last_origin_with_an_actual_after_it_still_runs(tmp_path):
    series = _monthly(tmp_path, 60)
    out = tmp_path / "bt.csv"
    done = _backtest(series, out, "--first-origin", "2024-11")
    assert done.returncode == 0, done.stderr
    rows = pd.read_csv(out)
    assert set(rows["origin"]) == {"2024-11"} and set(rows["period"]) == {"2024-12"}


def test_out_a_folder_is_one_line_naming_out(tmp_path):
    series = _monthly(tmp_path, 60)
    folder = tmp_path / "results"
    folder.mkdir()
    line = one_error_line(_backtest(series, folder))
    assert line.startswith("error: --out: ") and "folder" in line, line
    assert list(folder.iterdir()) == []


def test_out_below_a_file_is_one_line_naming_out(tmp_path):
    series = _monthly(tmp_path, 60)
    line = one_error_line(_backtest(series, series / "bt.csv"))
    assert line.startswith("error: --out: ") and "is a file" in line, line


def test_a_series_too_short_for_any_origin_is_an_input_error_not_an_empty_csv(tmp_path):
    series = _monthly(tmp_path, 24, name="two years.csv")  # 2020-01..2021-12
    out = tmp_path / "bt.csv"
    done = _backtest(series, out)
    line = one_error_line(done)
    assert line.startswith(f"error: {series}: no origin can be backtested"), line
    assert "24 M periods (2020-01..2021-12)" in line and "at least 24 periods up to it" in line
    assert "seasonal_naive" in line and "at least 25 periods" in line
    assert "Empty DataFrame" not in done.stderr + done.stdout
    assert not out.exists()


def test_every_model_failing_at_every_origin_is_an_input_error_not_an_empty_csv(tmp_path):
    """The built history's models see published years only: the regime trend needs 6, and
    there are 2 by 2005, so none of 2005..2010 can be scored (the periods alone would do)."""
    out = tmp_path / "bt.csv"
    line = one_error_line(run_cli("backtest", "--horizon", "3", "--first-origin", "2005",
                                   "--last-origin", "2010", "--models", "regime_trend",
                                   "--out", str(out)))
    assert "no origin could be backtested" in line and "2005..2010" in line, line
    assert "needs at least 6 observations" in line, line
    assert not out.exists()
