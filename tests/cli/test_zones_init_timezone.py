"""The zone's clock (its months, seasons and hours of the day): `zones init --timezone` writes
it, the default America/New_York taken for UTC files is said rather than silent, and a name of
the tz database's folders (``Pacific``, ``America``) is one line naming the option or the
config row (it had been an IsADirectoryError traceback wherever a clock is read)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.conftest import one_error_line, run_cli


def _hourly(path):
    """An hourly UTC load file 2021-2024 (`time`, `load_mw`)."""
    hours = pd.date_range("2021-01-01", "2024-12-31 23:00", freq="h")
    t = np.arange(len(hours))
    load = 500 * (1 + 0.2 * np.sin(2 * np.pi * t / 24)
                  + 0.15 * np.cos(2 * np.pi * hours.dayofyear.to_numpy() / 365.25))
    pd.DataFrame({"time": hours.strftime("%Y-%m-%d %H:%M:%S"),
                  "load_mw": load.round(1)}).to_csv(path, index=False)
    return path


def test_timezone_is_written_and_the_default_is_said(tmp_path):
    series = _hourly(tmp_path / "zone.csv")
    pacific = run_cli("zones", "init", "PSEI", "--series", str(series), "--timezone",
                      "America/Los_Angeles", "--out", str(tmp_path / "p.yaml"))
    assert pacific.returncode == 0, pacific.stderr
    text = (tmp_path / "p.yaml").read_text()
    assert "timezone: America/Los_Angeles" in text and "series_timezone: UTC" in text
    assert "the default" not in pacific.stderr

    default = run_cli("zones", "init", "X", "--series", str(series), "--out",
                      str(tmp_path / "d.yaml"))
    assert default.returncode == 0, default.stderr
    assert "timezone: America/New_York" in (tmp_path / "d.yaml").read_text()
    assert "America/New_York, the default" in default.stderr and "--timezone" in default.stderr

    from forecasting.io.zone_config_file import load_zone_config

    assert load_zone_config(tmp_path / "p.yaml").timezone == "America/Los_Angeles"


@pytest.mark.parametrize("option,name", [("--timezone", "Pacific"), ("--series-tz", "America"),
                                         ("--timezone", "Nowhere/Else")])
def test_a_folder_of_the_tz_database_is_no_time_zone(tmp_path, option, name):
    series = _hourly(tmp_path / "zone.csv")
    out = tmp_path / "x.yaml"
    line = one_error_line(run_cli("zones", "init", "X", "--series", str(series), option, name,
                                   "--out", str(out)))
    assert f"'{option}'" in line and f"unknown time zone '{name}'" in line, line
    assert not out.exists()


def test_a_config_whose_timezone_is_a_folder_is_one_line_naming_its_row(tmp_path):
    series = _hourly(tmp_path / "zone.csv")
    config = tmp_path / "x.yaml"
    assert run_cli("zones", "init", "X", "--series", str(series), "--out",
                   str(config)).returncode == 0
    lines = config.read_text().splitlines()
    row = next(i for i, line in enumerate(lines, 1) if line.startswith("timezone:"))
    lines[row - 1] = "timezone: Pacific"
    config.write_text("\n".join(lines) + "\n")
    line = one_error_line(run_cli("forecast", "--config", str(config)))
    assert f"row {row}, field 'timezone'" in line and "unknown time zone 'Pacific'" in line, line
