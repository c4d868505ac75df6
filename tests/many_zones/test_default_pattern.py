"""A many-zone config without ``pattern`` takes every load file of ``series_dir`` that the
readers take (.csv, .csv.gz, .parquet, .pq): a folder of gzip or Parquet zone files plans
its zones instead of stopping at "no file matches '*.csv'"; an explicit pattern still
chooses, and two files naming one zone are still refused."""

from __future__ import annotations

import pytest

from forecasting.errors import InputError
from forecasting.many_zones.plan import zone_files
from forecasting.zones.config import ManyZonesConfig


def folder_of(tmp_path, *names: str):
    folder = tmp_path / "z"
    folder.mkdir()
    for name in names:
        (folder / name).write_bytes(b"")
    return folder


def test_without_a_pattern_gzip_and_parquet_zone_files_are_zones(tmp_path):
    folder = folder_of(tmp_path, "TAL.csv.gz", "HST.parquet", "FPL.pq", "DUK.CSV",
                       "README.md", "notes.txt")
    (folder / "old").mkdir()
    files = zone_files(ManyZonesConfig(series_dir=str(folder)))
    assert {zone: path.name for zone, path in files.items()} == {
        "DUK": "DUK.CSV", "FPL": "FPL.pq", "HST": "HST.parquet", "TAL": "TAL.csv.gz"}


def test_an_explicit_pattern_still_chooses_the_files(tmp_path):
    folder = folder_of(tmp_path, "TAL.csv.gz", "HST.csv", "FPL.parquet")
    files = zone_files(ManyZonesConfig(series_dir=str(folder), pattern="*.csv"))
    assert list(files) == ["HST"]
    with pytest.raises(InputError, match="no file matches '\\*.json'"):
        zone_files(ManyZonesConfig(series_dir=str(folder), pattern="*.json"))


def test_without_a_pattern_two_files_naming_one_zone_are_refused_naming_both(tmp_path):
    folder = folder_of(tmp_path, "TAL.csv", "TAL.parquet")
    with pytest.raises(InputError) as raised:
        zone_files(ManyZonesConfig(series_dir=str(folder)))
    message = str(raised.value)
    assert "'TAL.csv'" in message and "'TAL.parquet'" in message
    assert "both name zone 'TAL'" in message and "set pattern" in message


def test_a_folder_without_load_files_names_the_suffixes_taken(tmp_path):
    folder = folder_of(tmp_path, "README.md")
    with pytest.raises(InputError) as raised:
        zone_files(ManyZonesConfig(series_dir=str(folder)))
    message = str(raised.value)
    assert "field 'series_dir'" in message and ".csv.gz" in message and ".parquet" in message
    assert "\n" not in message
