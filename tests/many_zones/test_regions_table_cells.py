"""The regions table's cells (`forecasting.zones.read.read_ba_table`): rows ending with an
empty cell (a spreadsheet export's trailing comma) are read; a row with a value past the
header's last column, a row with a cell missing, a column named twice and a column with no
name but values are one line naming the file, the row and what is wrong (they were a
ValueError or ParserError traceback, or a column named twice taken in silence)."""

from __future__ import annotations

import pytest

from forecasting.errors import InputError
from forecasting.zones.read import read_ba_regions, read_ba_table, read_ba_time_zones


def write(tmp_path, text: str):
    path = tmp_path / "regions.csv"
    path.write_text(text, encoding="utf-8", newline="")
    return path


def refused(path) -> InputError:
    for read in (read_ba_regions, read_ba_time_zones):
        with pytest.raises(InputError) as caught:
            read(path)
        assert "\n" not in str(caught.value) and "regions.csv" in str(caught.value)
    return caught.value


@pytest.mark.parametrize("text", [
    "Code,Region\nLAMBDA,Plains,\nKAPPA,Plains,\n",          # every row: one empty cell more
    "Code,Region\r\nLAMBDA,Plains,\r\nKAPPA,Plains\r\n",      # one row
    "Code,Region,\nLAMBDA,Plains,\nKAPPA,Plains,\n",         # the header too
    "Code , Region\nLAMBDA , Plains,,\nKAPPA,Plains\n",      # spaces, two empty cells
])
def test_rows_ending_with_empty_cells_are_read(tmp_path, text):
    assert read_ba_regions(write(tmp_path, text)) == {"LAMBDA": "Plains", "KAPPA": "Plains"}


def test_a_value_past_the_last_column_is_refused_naming_its_line(tmp_path):
    error = refused(write(tmp_path, "Code,Region\nLAMBDA,Plains\nKAPPA,Plains,extra,more\n"))
    assert error.row == 3 and "'extra'" in error.message and "4 cells" in error.message
    error = refused(write(tmp_path, "SOURCE: x\nCode,Region\n\nLAMBDA,Plains,extra\n"))
    assert error.row == 4 and "'extra'" in error.message


def test_a_row_with_a_cell_missing_is_refused(tmp_path):
    error = refused(write(tmp_path, "Code,Time Zone,Region\nLAMBDA,Central,Plains\nKAPPA,"
                                    "Plains\n"))
    assert error.row == 3 and "a cell missing" in error.message


def test_a_column_named_twice_is_refused(tmp_path):
    error = refused(write(tmp_path, "Code,Region,Code\nLAMBDA,Plains,X\n"))
    assert error.row == "header" and error.field == "Code" and "named twice" in error.message


def test_a_column_without_a_name_but_with_values_is_refused(tmp_path):
    error = refused(write(tmp_path, "Code,Region,\nLAMBDA,Plains,\nKAPPA,Plains,x\n"))
    assert error.row == 3 and "no name" in error.message


def test_a_table_separated_by_semicolons_is_refused_saying_so(tmp_path):
    error = refused(write(tmp_path, "Code;Region\nLAMBDA;Plains\n"))
    assert "';'" in error.message and "needs commas" in error.message


def test_the_table_reader_is_public_and_gives_each_row_its_file_line(tmp_path):
    """`read_ba_table` (the many-zone plan's clock check reads the table with it): the cells
    as text, and ``first_row + index`` the file line of each row, past a SOURCE line and a
    blank line."""
    file, table, first_row = read_ba_table(write(
        tmp_path, "SOURCE: x\nCode,Time Zone\nLAMBDA,Central\n\nKAPPA , Pacific,\n"))
    assert file.endswith("regions.csv") and list(table.columns) == ["Code", "Time Zone"]
    assert table["Code"].tolist() == ["LAMBDA", "KAPPA"]
    assert [first_row + int(i) for i in table.index] == [3, 5]
