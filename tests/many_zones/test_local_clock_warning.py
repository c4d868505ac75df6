"""A many-zone run warns about a zone file read on UTC that looks like local time, as a zone
run does. The check ran only in a zone run's reading (`read_zone_inputs`); a many-zone run's
zones are read by their tasks, on Dask workers whose warnings never reach the user, so such a
file in a folder was read 5 to 8 hours off without a word. The task now returns the lines
(`NodeResult.input_warnings`), also when the zone then fails, and the run warns them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.errors import InputError, InputWarning
from forecasting.many_zones.compute import compute_many_zones
from forecasting.many_zones.node_task import NodeTask, run_node
from tests.conftest import run_in_process

# 14 months: one year with both clock changes, too few months for a zone to run (fast)
START, END = "2022-01-01", "2023-02-28 23:00"


def _write(path, zone: str | None):
    """Hourly load labelled on `zone`'s wall clock (None: UTC)."""
    hours = pd.date_range(START, END, freq="h", tz="UTC")
    labels = hours if zone is None else hours.tz_convert(zone)
    t = np.arange(len(hours))
    load = 500 * (1 + 0.2 * np.sin(2 * np.pi * t / 24)) + 40 * np.cos(2 * np.pi * t / 8766)
    pd.DataFrame({"Timestamp": labels.strftime("%Y-%m-%d %H:%M"),
                  "Load (MW)": load.round(1)}).to_csv(path, index=False)
    return path


def _folder(tmp_path):
    folder = tmp_path / "z"
    folder.mkdir()
    _write(folder / "XX-UTC.csv", None)
    _write(folder / "XX-DENVER.csv", "America/Denver")
    config = tmp_path / "zones.yaml"
    config.write_text("region: US48\nseries_dir: z\n")
    return config


def test_a_zone_task_returns_its_files_local_clock_warning_even_when_it_fails(tmp_path):
    local = run_node(NodeTask("XX-DENVER", "zone", ("XX-DENVER",),
                              (str(_write(tmp_path / "XX-DENVER.csv", "America/Denver")),)))
    utc = run_node(NodeTask("XX-UTC", "zone", ("XX-UTC",),
                            (str(_write(tmp_path / "XX-UTC.csv", None)),)))
    assert not local.ok and not utc.ok  # too few months, as meant
    assert len(local.input_warnings) == 1
    line = local.input_warnings[0]
    assert "XX-DENVER.csv" in line and "looks like local time" in line
    assert "series_timezone" in line
    assert utc.input_warnings == ()


def test_the_many_zone_run_warns_each_local_clock_file_once(tmp_path):
    with pytest.warns(InputWarning) as warned, pytest.raises(InputError):  # both zones short
        compute_many_zones(_folder(tmp_path))
    lines = [str(w.message) for w in warned if issubclass(w.category, InputWarning)]
    assert len(lines) == 1
    assert "XX-DENVER.csv" in lines[0] and "looks like local time" in lines[0]


def test_the_forecast_command_shows_the_warning_line(tmp_path, monkeypatch, capsys):
    code, _, err = run_in_process(monkeypatch, capsys, "forecast", "--config",
                                  str(_folder(tmp_path)), "--output-dir",
                                  str(tmp_path / "out"), "--workers", "1", "--quiet")
    assert code == 2  # no zone could be forecast (too short), said in its own line
    warned = [x for x in err.splitlines() if x.startswith("warning:")]
    assert len(warned) == 1 and "XX-DENVER.csv" in warned[0]
    assert "looks like local time" in warned[0]
