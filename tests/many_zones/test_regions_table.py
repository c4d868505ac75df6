"""The regions table of a many-zone run (`regions:`, EIA's balancing_authority_acronyms.csv
layout): an empty table, a code given twice with two regions and a code without a region
are refused in one line naming the row and field; a byte-order mark is read as UTF-8."""

from __future__ import annotations

from pathlib import Path

import pytest

from forecasting.errors import InputError
from forecasting.zones.read import read_ba_regions, read_ba_time_zones

SHIPPED = "/work/shared/data/eia930_2020_2024/balancing_authority_acronyms.csv"
TABLE = ("SOURCE: https://www.eia.gov/realtime_grid/#/status, \"Balancing Authority Acronyms\"\r\n"
         "Code,Name,Time Zone,Region\r\n"
         "PJM,\"PJM Interconnection, LLC\",Eastern,Mid-Atlantic\r\n"
         "TAL,City of Tallahassee,Eastern,Florida\r\n")


def write(tmp_path, text: str | bytes):
    path = tmp_path / "balancing_authority_acronyms.csv"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


@pytest.mark.parametrize("text", ["", "SOURCE: x\n", "SOURCE: x\r\n\r\n"])
def test_an_empty_table_is_refused_in_one_line(tmp_path, text):
    path = write(tmp_path, text)
    for read in (read_ba_regions, read_ba_time_zones):
        with pytest.raises(InputError) as caught:
            read(path)
        assert "no table" in str(caught.value)
        assert "Code" in str(caught.value) and "Region" in str(caught.value)
        assert "\n" not in str(caught.value)


def test_a_code_given_again_with_another_region_is_refused_naming_the_second_row(tmp_path):
    path = write(tmp_path, TABLE + "AEC,PowerSouth,Central,Southeast\r\n"
                                   "TAL,Dup,Eastern,Southeast\r\n")
    with pytest.raises(InputError) as caught:
        read_ba_regions(path)
    assert caught.value.row == 6 and caught.value.field == "Code"
    assert "'TAL'" in str(caught.value) and "Southeast" in str(caught.value)
    assert "row 4" in caught.value.message and "Florida" in caught.value.message


def test_a_code_given_again_with_its_own_region_is_taken_once(tmp_path):
    path = write(tmp_path, TABLE + "TAL,City of Tallahassee,Eastern,Florida\r\n")
    assert read_ba_regions(path) == {"PJM": "Mid-Atlantic", "TAL": "Florida"}


def test_a_byte_order_mark_before_the_source_line_is_read(tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbf" + TABLE.encode("utf-8"))
    assert read_ba_regions(path) == {"PJM": "Mid-Atlantic", "TAL": "Florida"}
    assert read_ba_time_zones(path)["TAL"] == "America/New_York"


def test_a_code_without_its_region_is_refused_naming_the_row(tmp_path):
    path = write(tmp_path, TABLE.replace("Eastern,Mid-Atlantic", "Eastern,"))
    with pytest.raises(InputError) as caught:
        read_ba_regions(path)
    assert caught.value.row == 3 and caught.value.field == "Region"
    assert "'PJM'" in str(caught.value)


def test_rows_after_a_blank_line_keep_their_file_line(tmp_path):
    path = write(tmp_path, TABLE + "\r\nAEC,PowerSouth,Central,\r\n")
    with pytest.raises(InputError) as caught:
        read_ba_regions(path)
    assert caught.value.row == 6


@pytest.mark.skipif(not Path(SHIPPED).is_file(), reason="EIA's table is not on this machine")
def test_the_shipped_eia_table_is_still_read():
    regions = read_ba_regions(SHIPPED)
    assert regions["TAL"] == "Florida" and regions["PJM"] == "Mid-Atlantic"
    assert read_ba_time_zones(SHIPPED)["TAL"] == "America/New_York"
