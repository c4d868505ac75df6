"""A many-zone folder of one utility's local-time exports, each with a temperature column
beside the load: ``series_timezone`` and ``column`` read every zone file as a zone config's
do, every node's clock follows the files' when nothing else gives one, and a change to
either is a new task (the task cache does not reuse results read the other way)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.errors import InputError
from forecasting.many_zones.plan import hierarchy_of, leaf_tasks, parent_tasks, zone_files
from forecasting.zones.config import ManyZonesConfig
from pipelines.engine.task_cache import task_key

CLOCK = "America/Chicago"


def export(path, load: pd.Series) -> None:
    """`load` (UTC hour starts) as a utility exports it: local labels, load and temperature."""
    local = load.index.tz_convert(CLOCK).strftime("%Y-%m-%d %H:%M")
    pd.DataFrame({"when": local, "load_mw": load.round(1).to_numpy(),
                  "temp_f": 60.0 + np.arange(len(load)) % 17}).to_csv(path, index=False)


@pytest.fixture
def folder(tmp_path):
    hours = pd.date_range("2023-01-01", "2023-12-31 23:00", freq="h", tz="UTC")
    truth = {}
    for zone, level in (("AAA", 500.0), ("BBB", 900.0)):
        truth[zone] = pd.Series(level + 50 * np.sin(np.arange(len(hours)) / 5.0), hours)
        export(tmp_path / f"{zone}.csv", truth[zone])
    return tmp_path, truth


def test_every_zone_file_is_read_on_the_folders_clock_and_column(folder):
    path, truth = folder
    config = ManyZonesConfig(series_dir=str(path), series_timezone=CLOCK, column="load_mw")
    files = zone_files(config)
    tasks = leaf_tasks(config, hierarchy_of(config, files), files)
    assert [t.node for t in tasks] == ["AAA", "BBB"]
    for task in tasks:
        [raw] = task.read(list(task.files))
        expected = truth[task.node].round(1)
        assert raw.values.index.equals(expected.index)  # the true hours: none lost or twice
        assert np.array_equal(raw.values.to_numpy(), expected.to_numpy())
        assert task.settings.timezone == CLOCK  # no regions table: the files' clock
    [top] = parent_tasks(config, hierarchy_of(config, files), files)
    assert top.settings.timezone == CLOCK and top.column == "load_mw"


def test_without_column_a_file_of_two_numeric_columns_is_refused_naming_them(folder):
    path, _ = folder
    config = ManyZonesConfig(series_dir=str(path), series_timezone=CLOCK)
    files = zone_files(config)
    [task, _] = leaf_tasks(config, hierarchy_of(config, files), files)
    with pytest.raises(InputError) as raised:
        task.read(list(task.files))
    assert "load_mw" in str(raised.value) and "temp_f" in str(raised.value)


def test_a_change_of_clock_or_column_is_a_new_task(folder):
    path, _ = folder

    def keys(**reading):
        config = ManyZonesConfig(series_dir=str(path), **reading)
        files = zone_files(config)
        return [task_key(t) for t in leaf_tasks(config, hierarchy_of(config, files), files)]

    local = keys(series_timezone=CLOCK, column="load_mw")
    assert local == keys(series_timezone=CLOCK, column="load_mw")
    assert local != keys(series_timezone="UTC", column="load_mw")
    assert local != keys(series_timezone=CLOCK, column="temp_f")


def test_an_unknown_folder_clock_is_refused():
    with pytest.raises(ValueError, match="Mars/Olympus"):
        ManyZonesConfig(series_dir="z", series_timezone="Mars/Olympus")
