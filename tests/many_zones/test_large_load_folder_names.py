"""A many-zone run's large-load folders are never ignored in silence: a subfolder of
``large_loads_dir`` naming no zone (``kappa_eastt``) and a file named as ``contracts.csv`` or
``assumptions.csv`` only in another case (``Contracts.csv``) are one line naming it before
any zone runs; an empty folder of a zone fails that zone naming the missing file. (Each ran
every zone as "trend", byte-identical to a run without ``large_loads_dir``, exit 0.) A folder
is the zone's whatever its case (``Kappa_East``)."""

from __future__ import annotations

import pytest

from forecasting.errors import InputError
from forecasting.many_zones.plan import hierarchy_of, large_load_dir, leaf_tasks, zone_files
from forecasting.zones.config import ManyZonesConfig
from forecasting.zones.read import read_large_loads


def config_of(tmp_path, *folders: str, files=("contracts.csv", "assumptions.csv")):
    (tmp_path / "zones").mkdir()
    for zone in ("KAPPA-EAST", "LAMBDA"):
        (tmp_path / "zones" / f"{zone}.csv").write_text("when,mw\n")
    (tmp_path / "ll").mkdir()
    for folder in folders:
        (tmp_path / "ll" / folder).mkdir()
        for name in files:
            (tmp_path / "ll" / folder / name).write_text("x\n")
    return ManyZonesConfig(series_dir=str(tmp_path / "zones"),
                           large_loads_dir=str(tmp_path / "ll"))


def test_a_folder_naming_no_zone_is_refused_naming_it(tmp_path):
    config = config_of(tmp_path, "kappa_eastt")
    with pytest.raises(InputError) as caught:
        zone_files(config)
    assert caught.value.field == "large_loads_dir" and "kappa_eastt" in caught.value.file
    assert "named for no zone" in caught.value.message and "KAPPA-EAST" in caught.value.message


def test_a_folder_named_for_a_total_says_queues_belong_to_its_zones(tmp_path):
    # `ll/kappa` only asked "is it KAPPA-EAST's?" (fuzz 10a D6)
    config = config_of(tmp_path, "kappa")
    with pytest.raises(InputError) as caught:
        zone_files(config)
    assert "KAPPA is a total of the run; a queue belongs to one of its zones: KAPPA-EAST" \
        in caught.value.message, caught.value.message


def test_a_folder_of_a_zone_the_pattern_leaves_out_is_left_alone(tmp_path):
    config = config_of(tmp_path, "lambda", "kappa_east")
    config = config.model_copy(update={"pattern": "KAPPA*.csv"})
    assert list(zone_files(config)) == ["KAPPA-EAST"]
    assert large_load_dir(config, "KAPPA-EAST").name == "kappa_east"


@pytest.mark.parametrize("name", ["Contracts.csv", "ASSUMPTIONS.CSV"])
def test_a_large_load_file_named_in_another_case_is_refused_naming_the_expected_name(
        tmp_path, name):
    config = config_of(tmp_path, "kappa_east")
    expected = name.lower()
    (tmp_path / "ll" / "kappa_east" / expected).rename(tmp_path / "ll" / "kappa_east" / name)
    with pytest.raises(InputError) as caught:
        zone_files(config)
    assert caught.value.file.endswith(name) and f"rename it {expected}" in caught.value.message


def test_an_empty_folder_of_a_zone_fails_that_zone_naming_the_missing_file(tmp_path):
    config = config_of(tmp_path, "lambda", files=())
    files = zone_files(config)
    tasks = {t.node: t for t in leaf_tasks(config, hierarchy_of(config, files), files)}
    assert tasks["LAMBDA"].large_loads is not None and tasks["KAPPA-EAST"].large_loads is None
    with pytest.raises(InputError, match="contracts.csv: file not found"):
        read_large_loads(tasks["LAMBDA"].large_loads, None)


def test_a_folder_in_another_case_is_the_zones_and_two_folders_of_one_zone_are_refused(
        tmp_path):
    config = config_of(tmp_path, "Kappa_East", ".git")
    assert large_load_dir(config, "KAPPA-EAST").name == "Kappa_East"
    assert zone_files(config)  # a hidden folder is not looked at
    (tmp_path / "ll" / "KAPPA-EAST").mkdir()
    with pytest.raises(InputError, match="'KAPPA-EAST' and 'Kappa_East' are both zone "
                                         "KAPPA-EAST's"):
        zone_files(config)
