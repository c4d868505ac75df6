"""`dcload zones init`: an --out that is a folder, a folder given as --series, and a file whose
load column cannot be told apart are one line saying what the user can do (exit 2, nothing
written or left behind); found by fuzzing (tracebacks, a stray temporary file, and advice to
use a --value-col that `zones init` does not have; it takes --column))."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tests.conftest import one_error_line, run_cli


def _hourly(path, **extra):
    """An hourly load file 2021-2024 (`time`, `load_mw`, and any `extra` columns)."""
    hours = pd.date_range("2021-01-01", "2024-12-31 23:00", freq="h")
    t = np.arange(len(hours))
    load = 500 * (1 + 0.2 * np.sin(2 * np.pi * t / 24)
                  + 0.15 * np.cos(2 * np.pi * hours.dayofyear.to_numpy() / 365.25))
    columns = {"time": hours.strftime("%Y-%m-%d %H:%M:%S"), "load_mw": load.round(1)}
    columns.update({name: f(t) for name, f in extra.items()})
    pd.DataFrame(columns).to_csv(path, index=False)
    return path


def test_out_a_folder_is_one_line_naming_out_and_leaves_nothing_behind(tmp_path):
    series = _hourly(tmp_path / "zone.csv")
    folder = tmp_path / "configs"
    folder.mkdir()
    before = sorted(tmp_path.iterdir())
    for force in ([], ["--force"]):
        line = one_error_line(run_cli("zones", "init", "X", "--series", str(series),
                                       "--out", str(folder), *force))
        assert line.startswith("error: --out: ") and "is a folder" in line, line
        assert "x.yaml" in line  # what to give instead
        assert sorted(tmp_path.iterdir()) == before  # no .configs.tmp beside it
        assert list(folder.iterdir()) == []


def test_out_below_a_file_is_one_line_naming_out(tmp_path):
    series = _hourly(tmp_path / "zone.csv")
    line = one_error_line(run_cli("zones", "init", "X", "--series", str(series), "--out",
                                   str(series / "x.yaml")))
    assert line.startswith("error: --out: ") and "is a file" in line, line


def test_a_file_with_two_numeric_columns_says_what_a_zone_can_read(tmp_path):
    series = _hourly(tmp_path / "with weather.csv", temp_f=lambda t: 60 + (t % 7))
    out = tmp_path / "x.yaml"
    line = one_error_line(run_cli("zones", "init", "X", "--series", str(series), "--out",
                                   str(out)))
    assert "with weather.csv" in line and "'load_mw', 'temp_f'" in line, line
    assert "choose the load column with --column" in line, line
    assert "--value-col" not in line and "value_col" not in line, line  # not an option here
    assert not out.exists()
    done = run_cli("zones", "init", "X", "--series", str(series), "--column", "load_mw",
                   "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert 'column: "load_mw"' in out.read_text()

    from forecasting.io.zone_config_file import load_zone_config
    from forecasting.zones.read import read_zone_inputs

    [raw], _ = read_zone_inputs(load_zone_config(out))  # the zone run reads that column
    assert raw.reads[0].value_col == "load_mw"
    line = one_error_line(run_cli("zones", "init", "X", "--series", str(series), "--column",
                                   "temp_c", "--out", str(tmp_path / "y.yaml")))
    assert "temp_c" in line, line


def test_a_folder_as_series_is_refused_and_the_help_says_so(tmp_path):
    folder = tmp_path / "zone files"
    folder.mkdir()
    _hourly(folder / "a.csv")
    out = tmp_path / "x.yaml"
    line = one_error_line(run_cli("zones", "init", "X", "--series", str(folder), "--out",
                                   str(out)))
    assert "zone files" in line and "is a folder" in line and "load files" in line, line
    assert not out.exists()
    helped = run_cli("zones", "init", "--help")
    assert helped.returncode == 0
    text = " ".join(helped.stdout.replace("│", " ").split())
    assert "not a folder" in text and "or a folder" not in text


def test_force_still_replaces_a_config_file(tmp_path):
    series = _hourly(tmp_path / "zone.csv")
    out = tmp_path / "x.yaml"
    out.write_text("old\n")
    done = run_cli("zones", "init", "X", "--series", str(series), "--out", str(out), "--force")
    assert done.returncode == 0, done.stderr
    assert "region: \"X\"" in out.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.yaml", "zone.csv"]
