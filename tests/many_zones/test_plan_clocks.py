"""Each node of a many-zone run keeps its own clock: its BA's time zone from the regions
table (EIA's labels or IANA names), unless the run's settings give one for every zone."""

from __future__ import annotations

import pytest

from forecasting.errors import InputError
from forecasting.many_zones.plan import hierarchy_of, leaf_tasks, parent_tasks
from forecasting.zones.config import ManyZonesConfig, ZoneSettings

TABLE = """SOURCE: a test table
Code,Name,Time Zone,Region
AAA,East BA,Eastern,East
BBB,Texas BA,Central,South
CCC,Desert BA,Arizona,West
DDD,Northern BA,,West
EEE,Coast BA,America/Los_Angeles,West
"""
ZONES = ("AAA", "BBB-NORTH", "BBB-SOUTH", "CCC", "DDD", "EEE")


def plan(tmp_path, table=TABLE, **settings):
    (tmp_path / "zones").mkdir()
    files = {}
    for zone in ZONES:
        files[zone] = tmp_path / "zones" / f"{zone}.csv"
        files[zone].write_text("when,mw\n")
    (tmp_path / "bas.csv").write_text(table)
    config = ManyZonesConfig(series_dir=str(tmp_path / "zones"), regions=str(tmp_path / "bas.csv"),
                             zone=ZoneSettings(**settings))
    hierarchy = hierarchy_of(config, files)
    tasks = leaf_tasks(config, hierarchy, files) + parent_tasks(config, hierarchy, files)
    return {task.node: task.settings.timezone for task in tasks}


def test_each_zone_runs_on_its_balancing_authoritys_clock(tmp_path):
    clocks = plan(tmp_path)
    assert clocks["AAA"] == "America/New_York"
    assert clocks["BBB-NORTH"] == clocks["BBB-SOUTH"] == clocks["BBB"] == "America/Chicago"
    assert clocks["CCC"] == "America/Phoenix"          # Arizona keeps no summer time
    assert clocks["EEE"] == "America/Los_Angeles"      # an IANA name is taken as it is
    assert clocks["DDD"] == "America/New_York"         # no time zone in the table: the default
    # a region whose zones share no one clock, and the top, keep the default
    assert clocks["West"] == clocks["US48"] == "America/New_York"
    assert clocks["South"] == "America/Chicago"


def test_the_runs_own_clock_overrides_the_table(tmp_path):
    clocks = plan(tmp_path, timezone="America/Denver")
    assert set(clocks.values()) == {"America/Denver"}


def test_an_unknown_time_zone_label_names_its_row(tmp_path):
    table = TABLE.replace("Desert BA,Arizona", "Desert BA,Martian")
    with pytest.raises(InputError) as caught:
        plan(tmp_path, table=table)
    assert caught.value.row == 5 and caught.value.field == "Time Zone"
    assert "Martian" in str(caught.value)
