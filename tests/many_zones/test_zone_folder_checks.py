"""Many-zone folder mistakes that ran with exit 0 or a traceback (found by fuzzing): a
`large_loads_dir` that is not a folder (Dominion published without its pipeline), zone files
whose names differ only in case (one zone counted twice in every total), a file named
``-FOO.csv`` (a BA with an empty name), and a `pattern` reaching outside `series_dir` or
empty (read other folders' files; a traceback)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from forecasting.errors import InputError
from forecasting.many_zones.plan import zone_files
from forecasting.zones.config import ManyZonesConfig


def folder_of(tmp_path, *names: str):
    folder = tmp_path / "z"
    folder.mkdir()
    for name in names:
        (folder / name).write_text("when,mw\n")
    return folder


def test_a_large_loads_dir_that_is_not_a_folder_is_refused(tmp_path):
    folder = folder_of(tmp_path, "PJM-DOM.csv")
    for missing in (tmp_path / "data" / "zone", folder / "PJM-DOM.csv"):
        with pytest.raises(InputError) as raised:
            zone_files(ManyZonesConfig(series_dir=str(folder), large_loads_dir=str(missing)))
        assert raised.value.field == "large_loads_dir"
        assert "would run without their data-center pipelines" in str(raised.value)


def test_zone_names_differing_only_in_case_are_refused_naming_both(tmp_path):
    folder = folder_of(tmp_path, "tal.csv", "TAL.csv")
    with pytest.raises(InputError) as raised:
        zone_files(ManyZonesConfig(series_dir=str(folder)))
    assert "'TAL.csv' and 'tal.csv'" in str(raised.value)


@pytest.mark.parametrize("name", ["-FOO.csv", "FOO-.csv"])
def test_a_file_name_without_its_ba_is_refused(tmp_path, name):
    folder = folder_of(tmp_path, "TAL.csv", name)
    with pytest.raises(InputError, match="is not a zone name") as raised:
        zone_files(ManyZonesConfig(series_dir=str(folder)))
    assert name in raised.value.file


@pytest.mark.parametrize("pattern", ["", "/etc/*", "../other/*.csv", "sub/*.csv"])
def test_a_pattern_outside_the_folder_is_refused(pattern):
    with pytest.raises(ValidationError, match="pattern inside series_dir"):
        ManyZonesConfig(series_dir="z", pattern=pattern)


def test_a_zone_setting_every_zone_refuses_names_the_config_key_once(tmp_path):
    from forecasting.many_zones.compute import _refuse_a_setting_every_zone_refuses
    from forecasting.many_zones.node_task import NodeResult

    config = tmp_path / "zones.yaml"
    config.write_text("series_dir: z\nzone:\n  model_start: '2024-06'\n")
    reason = "zone.model_start: only 7 complete months to model from 2024-06"
    results = [NodeResult(zone, "zone", ok=False, reason=reason, setting="zone.model_start")
               for zone in ("A", "B")]
    with pytest.raises(InputError) as raised:
        _refuse_a_setting_every_zone_refuses(config, results)
    assert raised.value.field == "zone.model_start" and raised.value.row == 3
    assert "every zone of the 2" in str(raised.value)
    mixed = [*results[:1], NodeResult("C", "zone", ok=False, reason="C.csv: file not found")]
    _refuse_a_setting_every_zone_refuses(config, mixed)  # zones refused for their own files
    # a file whose name starts like a key is a file's reason, not a setting's
    files = [NodeResult(z, "zone", ok=False, reason="zone.model_start: row 2: not a number")
             for z in ("A", "B")]
    _refuse_a_setting_every_zone_refuses(config, files)
