"""A many-zone run's large-load folders: a folder named as the zone's file (``PJM-DOM``) is
the zone's as ``pjm_dom`` is, and a folder missing one of its two files is still the zone's,
so the zone fails naming the file instead of running without its data-center pipeline (both
were ignored in silence: the zone published with the statistical trend, exit 0)."""

from __future__ import annotations

import pytest

from forecasting.errors import InputError
from forecasting.many_zones.plan import hierarchy_of, large_load_dir, leaf_tasks, zone_files
from forecasting.zones.config import ManyZonesConfig
from forecasting.zones.read import read_large_loads
from pipelines.engine.task_cache import task_key


@pytest.fixture
def folders(tmp_path):
    (tmp_path / "zones").mkdir()
    for zone in ("PJM-DOM", "PJM-DPL", "TAL"):
        (tmp_path / "zones" / f"{zone}.csv").write_text("when,mw\n")
    (tmp_path / "ll" / "PJM-DOM").mkdir(parents=True)
    (tmp_path / "ll" / "PJM-DOM" / "contracts.csv").write_text("project\n")
    (tmp_path / "ll" / "PJM-DOM" / "assumptions.csv").write_text("parameter\n")
    (tmp_path / "ll" / "pjm_dpl").mkdir()
    (tmp_path / "ll" / "pjm_dpl" / "assumptions.csv").write_text("parameter\n")
    (tmp_path / "ll" / "tal").mkdir()  # an empty folder is still the zone's
    return ManyZonesConfig(series_dir=str(tmp_path / "zones"),
                           large_loads_dir=str(tmp_path / "ll"))


def test_folders_named_either_way_are_the_zones_and_a_half_folder_is_kept(folders):
    assert large_load_dir(folders, "PJM-DOM").name == "PJM-DOM"
    assert large_load_dir(folders, "PJM-DPL").name == "pjm_dpl"
    assert large_load_dir(folders, "TAL").name == "tal"


def test_a_half_folder_fails_its_zone_naming_the_missing_file(folders, tmp_path):
    files = zone_files(folders)
    tasks = {t.node: t for t in leaf_tasks(folders, hierarchy_of(folders, files), files)}
    assert tasks["PJM-DPL"].large_loads is not None
    task_key(tasks["PJM-DPL"])  # the task cache keys it without the missing file
    with pytest.raises(InputError, match="contracts.csv: file not found"):
        read_large_loads(tasks["PJM-DPL"].large_loads, None)
