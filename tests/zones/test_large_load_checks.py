"""Large-load and published-figure files a user may get wrong: months in other forms, values
in another unit, rows that would have no effect, values no zone can have, and CSV files with
a cell too many, another separator or a column named twice. Each is refused naming file,
row and field (one line); the shipped DOM files stay accepted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from forecasting.errors import InputError
from forecasting.zones.large_loads import DOMINION_STAGES, parse_assumptions, parse_contracts
from forecasting.zones.published_figures import parse_published_figures
from forecasting.zones.read import read_table
from tests.conftest import one_error_line, run_cli

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "zones" / "pjm_dom"
START = pd.Period("2005-05", "M")
PARSE = {
    "contracts.csv": lambda file, cells: parse_contracts(file, cells, START,
                                                         stages=DOMINION_STAGES),
    "assumptions.csv": parse_assumptions,
    "published_figures.csv": parse_published_figures,
}


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _edited(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = (SHIPPED / name).read_text(encoding="utf-8")
    assert old in text
    return _write(tmp_path, name, text.replace(old, new, 1))


def _parsed(path: Path):
    return PARSE[path.name](*read_table(path))


def _refused(path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        _parsed(path)
    err = caught.value
    assert err.file.endswith(path.name)
    assert "\n" not in str(err)
    return err


@pytest.mark.parametrize("name", list(PARSE))
def test_the_shipped_files_are_accepted_unchanged(name):
    assert _parsed(SHIPPED / name)


# 1. months: only YYYY-MM, month 01-12, no later than 2100

@pytest.mark.parametrize("month", ["1/12/25", "7/12/26", "07/2026", "2026.07", "2026-Q3",
                                   "Jul2026", "2026-13", "2026-00", "2026-7", "9999-12",
                                   "2101-01"])
def test_a_month_not_written_yyyy_mm_or_implausible_is_refused(tmp_path, month):
    path = _edited(tmp_path, "contracts.csv", "CLOA,5000,2024-12,2025-07,",
                   f"CLOA,5000,2024-12,{month},")
    err = _refused(path)
    assert (err.row, err.field) == (2, "earliest_in_service")
    assert ("YYYY-MM" in err.message and month in err.message) or "no later than 2100" in \
        err.message


def test_a_month_in_2100_is_accepted_and_read_as_written(tmp_path):
    path = _edited(tmp_path, "contracts.csv", "CLOA,5000,2024-12,2025-07,",
                   "CLOA,5000,2024-12,2100-12,")
    assert str(_parsed(path)[1].earliest_in_service) == "2100-12"


# 2. units: refused, never converted

@pytest.mark.parametrize(("old", "new", "row", "expected"), [
    ("900,1200,2000,MW/yr", "0.9,1.2,2,GW/yr", 7, "MW/yr"),
    ("0,6,12,months", "0,0.5,1,years", 4, "months"),
    ("0.5,0.7,0.86,fraction", "50,70,86,%", 6, "fraction"),
    ("0.5,0.7,0.86,fraction", "0.5,0.7,0.86,", 6, "fraction"),
])
def test_an_assumption_in_another_unit_is_refused_naming_the_unit_it_needs(tmp_path, old, new,
                                                                          row, expected):
    err = _refused(_edited(tmp_path, "assumptions.csv", old, new))
    assert (err.row, err.field) == (row, "unit")
    assert f"in {expected}, not" in err.message


@pytest.mark.parametrize(("old", "new"), [
    ("900,1200,2000,MW/yr", "900,1200,2000,MW/year"),
    ("900,1200,2000,MW/yr", "900,1200,2000,mw per year"),
    ("900,1200,2000,MW/yr", "900,1200,2000,MW / yr"),
    ("0,6,12,months", "0,6,12,Month"),
    ("0.5,0.7,0.86,fraction", "0.5,0.7,0.86,share"),
])
def test_an_assumption_unit_spelled_another_way_is_accepted(tmp_path, old, new):
    assert _parsed(_edited(tmp_path, "assumptions.csv", old, new)).connection_limit_mw_per_year


def test_an_assumptions_file_without_a_unit_column_is_accepted(tmp_path):
    cells = read_table(SHIPPED / "assumptions.csv")[1].drop(columns="unit")
    assert parse_assumptions("assumptions.csv", cells).delay_months.high == 12


@pytest.mark.parametrize(("old", "new", "row", "expected"), [
    ("2022,2800,MW", "2022,2.8,GW", 1, "MW"),
    ("2023,933,MW", "2023,933,MWh", 4, "MW"),
    ("2024,0.26,fraction", "2024,26,%", 3, "fraction"),
    ("2024,1000,MW", "2024,1000,", 5, "MW"),
])
def test_a_published_figure_in_another_unit_is_refused(tmp_path, old, new, row, expected):
    err = _refused(_edited(tmp_path, "published_figures.csv", old, new))
    assert (err.row, err.field) == (row, "unit")
    assert f"in {expected}, not" in err.message


def test_a_published_unit_in_lower_case_is_accepted(tmp_path):
    figures = _parsed(_edited(tmp_path, "published_figures.csv", "2022,2800,MW", "2022,2800,mw"))
    assert figures[0].published == 2800


# 3. rows that would have no effect

@pytest.mark.parametrize(("old", "new", "row"), [
    ("delay_months,,", "delay_months,ESA,", 4),
    ("utilization,,", "utilization,SELOA,", 6),
    ("realization,SELOA,", "realization,,", 3),
])
def test_a_stage_where_none_is_taken_or_missing_where_one_is_is_refused(tmp_path, old, new,
                                                                        row):
    err = _refused(_edited(tmp_path, "assumptions.csv", old, new))
    assert (err.row, err.field) == (row, "stage")


# 4. values no zone can have

@pytest.mark.parametrize(("name", "old", "new", "row", "field", "words"), [
    ("assumptions.csv", "delay_months,,0,6,12", "delay_months,,0,6,1e9", 4, "high",
     "at most 600"),
    ("assumptions.csv", "delay_months,,0,6,12", "delay_months,,1e20,1e20,1e20", 4, "low",
     "at most 600"),
    ("assumptions.csv", "ramp_months,,24,36,60", "ramp_months,,24,36,1e300", 5, "high",
     "at most 600"),
    ("assumptions.csv", "900,1200,2000,", "900,1200,2e5,", 7, "high", "any US zone"),
    ("contracts.csv", "ESA,9000,", "ESA,1e12,", 1, "contracted_mw", "any US zone"),
])
def test_an_implausible_value_is_refused(tmp_path, name, old, new, row, field, words):
    err = _refused(_edited(tmp_path, name, old, new))
    assert (err.row, err.field) == (row, field)
    assert words in err.message


def test_values_at_the_bounds_are_accepted(tmp_path):
    path = _edited(tmp_path, "assumptions.csv", "ramp_months,,24,36,60", "ramp_months,,24,36,600")
    assert _parsed(path).ramp_months.high == 600
    path = _edited(tmp_path, "contracts.csv", "ESA,9000,", "ESA,100000,")
    assert _parsed(path)[0].contracted_mw == 100_000


def test_a_huge_delay_is_one_error_line_from_the_cli_not_a_traceback(tmp_path, dom_files):
    large = tmp_path / "large"
    shutil.copytree(SHIPPED, large)
    _edited(large, "assumptions.csv", "delay_months,,0,6,12", "delay_months,,0,6,1e20")
    config = tmp_path / "zone.yaml"
    config.write_text(f'region: PJM-DOM\nseries: ["{dom_files[2]}"]\n'
                      f'large_loads: "{large}"\nscenarios: [vetted]\nn_paths: 20\n')
    line = one_error_line(run_cli("forecast", "--config", str(config), "--output-dir",
                                  str(tmp_path / "out"), "--quiet"))
    assert "assumptions.csv, row 4, field 'high'" in line and "at most 600" in line


# 5. the CSV file itself

def _contracts_lines() -> list[str]:
    return (SHIPPED / "contracts.csv").read_text(encoding="utf-8").splitlines()


def test_a_comma_ending_every_data_row_is_refused_naming_the_cell_counts(tmp_path):
    head, *rows = _contracts_lines()
    err = _refused(_write(tmp_path, "contracts.csv", "\n".join([head] + [r + "," for r in rows])))
    assert err.row == 1 and err.field is None
    assert "8 cells, and the header has 7" in err.message


def test_a_comma_ending_every_line_header_included_is_tolerated(tmp_path):
    lines = [line + "," for line in _contracts_lines()]
    contracts = _parsed(_write(tmp_path, "contracts.csv", "\n".join(lines)))
    assert [c.contracted_mw for c in contracts] == [9000, 5000, 26000]


def test_a_source_with_an_unquoted_comma_is_refused_on_its_row(tmp_path):
    lines = _contracts_lines()
    lines[3] = "dom-seloa-2024-12,SELOA,26000,2024-12,2026-01,same, SELOA 26 GW,F"
    err = _refused(_write(tmp_path, "contracts.csv", "\n".join(lines)))
    assert err.row == 3 and "8 cells, and the header has 7" in err.message


def test_a_row_with_a_cell_missing_is_refused(tmp_path):
    lines = _contracts_lines()
    lines[2] = "dom-cloa-2024-12,CLOA,5000,2024-12,same,F"
    err = _refused(_write(tmp_path, "contracts.csv", "\n".join(lines)))
    assert err.row == 2 and "6 cells, and the header has 7" in err.message


@pytest.mark.parametrize(("sep", "words"), [(";", "';'"), ("\t", "tabs")])
def test_a_file_separated_by_semicolons_or_tabs_is_told_it_needs_commas(tmp_path, sep, words):
    rows = [line.split(",") for line in _contracts_lines()[:1]] + [
        ["dom-esa", "ESA", "9000", "2024-12", "2025-01", "a source", "F"]]
    err = _refused(_write(tmp_path, "contracts.csv", "\n".join(sep.join(r) for r in rows)))
    assert f"separated by {words}, and needs commas" in err.message
    assert "missing column" not in err.message


def test_header_names_with_spaces_around_them_match(tmp_path):
    head, *rows = _contracts_lines()
    path = _write(tmp_path, "contracts.csv", "\n".join([head.replace(",", ", ")] + rows))
    assert [c.stage for c in _parsed(path)] == ["ESA", "CLOA", "SELOA"]


def test_a_column_named_twice_is_refused_naming_it(tmp_path):
    head, *rows = _contracts_lines()
    path = _write(tmp_path, "contracts.csv",
                  "\n".join([head + ",stage"] + [r + ",ESA" for r in rows]))
    err = _refused(path)
    assert err.field == "stage" and "named twice" in err.message


def test_large_loads_naming_a_file_says_it_needs_a_folder(tmp_path):
    from forecasting.zones.read import read_large_loads

    (tmp_path / "contracts.csv").write_text("project\n")
    with pytest.raises(InputError) as raised:
        read_large_loads(tmp_path / "contracts.csv", None)
    assert "is a file; large_loads names a folder" in str(raised.value)
    assert raised.value.field == "large_loads"
