"""``pattern`` is matched in any case, as the default suffix match is (``*.csv`` takes a
Windows export's ``BETA.CSV``); a hidden file (``.hidden.csv``, macOS's ``._ACME-EAST.csv``)
is never a zone; and the load files ``pattern`` leaves out are named in one warning line
when the run is planned, rather than dropped without a word."""

from __future__ import annotations

import pytest

from forecasting.errors import InputWarning
from forecasting.many_zones.compute import compute_many_zones
from forecasting.many_zones.plan import zone_files
from forecasting.zones.config import ManyZonesConfig


def folder_of(tmp_path, *names: str):
    folder = tmp_path / "z"
    folder.mkdir()
    for name in names:
        (folder / name).write_bytes(b"")
    return folder


def test_a_pattern_takes_the_suffix_in_any_case(tmp_path):
    folder = folder_of(tmp_path, "ACME-EAST.csv", "BETA.CSV", "GAMMA.Csv", "DELTA.parquet")
    files = zone_files(ManyZonesConfig(series_dir=str(folder), pattern="*.csv"))
    assert list(files) == ["ACME-EAST", "BETA", "GAMMA"]


@pytest.mark.parametrize("pattern", [None, "*.csv"])
def test_hidden_files_are_not_zones(tmp_path, pattern):
    folder = folder_of(tmp_path, "ACME-EAST.csv", "._ACME-EAST.csv", ".hidden.csv")
    files = zone_files(ManyZonesConfig(series_dir=str(folder), pattern=pattern))
    assert list(files) == ["ACME-EAST"]


class Planned(Exception):
    """Raised in place of running the zones: the test needs the plan only."""


def stop(fn, tasks, what=""):
    raise Planned


def test_the_run_names_the_load_files_a_pattern_leaves_out(tmp_path):
    folder = folder_of(tmp_path, "ACME-EAST.csv", "BETA.csv.gz", "GAMMA.parquet", "notes.txt",
                       ".hidden.parquet")
    config = tmp_path / "zones.yaml"
    config.write_text(f"region: US48\nseries_dir: {folder}\npattern: '*.csv'\n")
    with pytest.warns(InputWarning) as warned, pytest.raises(Planned):
        compute_many_zones(config, map_tasks=stop)
    lines = [str(w.message) for w in warned if issubclass(w.category, InputWarning)]
    assert len(lines) == 1, lines
    assert "pattern '*.csv' leaves out 2 load file(s)" in lines[0]
    assert "BETA.csv.gz, GAMMA.parquet" in lines[0]
    assert "notes.txt" not in lines[0] and ".hidden" not in lines[0]


def test_no_warning_when_the_pattern_leaves_no_load_file_out(tmp_path, recwarn):
    folder = folder_of(tmp_path, "ACME-EAST.csv", "BETA.CSV", "notes.txt")
    config = tmp_path / "zones.yaml"
    config.write_text(f"region: US48\nseries_dir: {folder}\npattern: '*.csv'\n")
    with pytest.raises(Planned):
        compute_many_zones(config, map_tasks=stop)
    assert not [w for w in recwarn if issubclass(w.category, InputWarning)]
