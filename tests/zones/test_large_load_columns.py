"""A large-load file as a planner edits it: a column the reader does not read is refused by
name (a ``unit`` or ``units`` column had been ignored, so ``1.2, GW`` ran as a 1.2 MW
contract and ``1, years`` as a 1-month ramp), a contract's ``unit`` must say MW, a month in
year 0000 is one error line (it was a traceback), and a comment line is named as one (it
was read as the header)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from forecasting.errors import InputError
from forecasting.zones.large_loads import DOMINION_STAGES, parse_assumptions, parse_contracts
from forecasting.zones.read import read_table
from tests.conftest import one_error_line, run_cli

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "zones" / "pjm_dom"
START = pd.Period("2005-05", "M")


def _contracts(path: Path):
    return parse_contracts(*read_table(path), START, stages=DOMINION_STAGES)


def _assumptions(path: Path):
    return parse_assumptions(*read_table(path))


def _lines(name: str) -> list[str]:
    return (SHIPPED / name).read_text(encoding="utf-8").splitlines()


def _write(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _with_column(lines: list[str], name: str, cells: list[str]) -> list[str]:
    head, *rows = lines
    return [f"{head},{name}"] + [f"{r},{c}" for r, c in zip(rows, cells, strict=True)]


def _refused(parse, path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        parse(path)
    assert caught.value.file.endswith(path.name) and "\n" not in str(caught.value)
    return caught.value


def test_a_contract_in_gw_is_refused_not_read_as_mw(tmp_path):
    lines = _with_column(_lines("contracts.csv"), "unit", ["MW", "GW", "MW"])
    err = _refused(_contracts, _write(tmp_path, "contracts.csv", lines))
    assert (err.row, err.field) == (2, "unit")
    assert "in MW, not 'GW'" in err.message


def test_a_contracts_unit_column_saying_mw_is_read(tmp_path):
    lines = _with_column(_lines("contracts.csv"), "unit", ["MW", "mw", "megawatts"])
    path = _write(tmp_path, "contracts.csv", lines)
    assert [c.contracted_mw for c in _contracts(path)] == [9000, 5000, 26000]


def test_a_misspelt_units_column_is_refused_naming_it_and_the_known_ones(tmp_path):
    lines = [line.replace(",unit,", ",units,", 1) for line in _lines("assumptions.csv")]
    err = _refused(_assumptions, _write(tmp_path, "assumptions.csv", lines))
    assert (err.row, err.field) == ("header", "units")
    assert "unknown column 'units'" in err.message and "unit" in err.message.split("known:")[1]


def test_an_unknown_contracts_column_is_refused(tmp_path):
    lines = _with_column(_lines("contracts.csv"), "capacity_gw", ["9", "5", "26"])
    err = _refused(_contracts, _write(tmp_path, "contracts.csv", lines))
    assert err.field == "capacity_gw" and "contracted_mw" in err.message


def test_a_notes_column_is_kept_as_free_text(tmp_path):
    lines = _with_column(_lines("contracts.csv"), "notes", ["campus 1", "", "ask PJM"])
    assert len(_contracts(_write(tmp_path, "contracts.csv", lines))) == 3


@pytest.mark.parametrize("col", ["as_of", "earliest_in_service"])
def test_year_0000_is_one_error_naming_row_and_field(tmp_path, col):
    head, *rows = _lines("contracts.csv")
    new = "0000-12,2025-07" if col == "as_of" else "2024-12,0000-07"
    rows[1] = rows[1].replace("2024-12,2025-07", new)
    err = _refused(_contracts, _write(tmp_path, "contracts.csv", [head, *rows]))
    assert (err.row, err.field) == (2, col) and "0000" in err.message


def test_year_0000_from_the_cli_is_one_line_exit_2(tmp_path, dom_files):
    large = tmp_path / "large"
    shutil.copytree(SHIPPED, large)
    text = (large / "contracts.csv").read_text(encoding="utf-8")
    (large / "contracts.csv").write_text(text.replace("CLOA,5000,2024-12", "CLOA,5000,0000-12"),
                                         encoding="utf-8")
    config = tmp_path / "zone.yaml"
    config.write_text(f'region: PJM-DOM\nseries: ["{dom_files[2]}"]\n'
                      f'large_loads: "{large}"\nscenarios: [vetted]\nn_paths: 20\n')
    line = one_error_line(run_cli("forecast", "--config", str(config), "--output-dir",
                                  str(tmp_path / "out"), "--quiet"))
    assert "contracts.csv, row 2, field 'as_of'" in line


def test_a_comment_line_above_the_header_is_named_as_the_header(tmp_path):
    path = _write(tmp_path, "contracts.csv", ["# queue of 2024", *_lines("contracts.csv")])
    err = _refused(_contracts, path)
    assert err.row == "header" and "comment" in err.message and "# queue of 2024" in err.message


def test_a_comment_line_among_the_rows_is_named_as_a_comment(tmp_path):
    head, *rows = _lines("contracts.csv")
    err = _refused(_contracts, _write(tmp_path, "contracts.csv", [head, "# the ESA", *rows]))
    assert err.row == 1 and "comment line" in err.message


def test_a_project_given_twice_in_another_case_is_refused_as_a_duplicate(tmp_path):
    # `Campus-1` and `campus-1` counted one campus's MW twice (fuzz 9a D8)
    head, first, *rest = _lines("contracts.csv")
    twin = first.replace("dom-esa-2024-12", "DOM-ESA-2024-12", 1)
    err = _refused(_contracts, _write(tmp_path, "contracts.csv", [head, first, *rest, twin]))
    assert (err.row, err.field) == (len(rest) + 2, "project")
    assert "duplicate project 'DOM-ESA-2024-12' (first at row 1, as 'dom-esa-2024-12': names " \
        "are compared in any case)" in err.message, err.message


def test_a_queue_snapshot_older_than_the_history_is_read(tmp_path):
    # as_of is the snapshot's month: one before an EIA-930 history starts was refused
    # (fuzz 9a D8), though the datasheet asks it only of earliest_in_service
    head, *rows = _lines("contracts.csv")
    rows = [r.replace(",2024-12,", ",2004-06,", 1) for r in rows]
    assert [c.contracted_mw for c in
            _contracts(_write(tmp_path, "contracts.csv", [head, *rows]))] == [9000, 5000, 26000]
    late = [r.replace(",2025-01,", ",2005-01,", 1) for r in rows]
    err = _refused(_contracts, _write(tmp_path, "contracts.csv", [head, *late]))
    assert err.field == "earliest_in_service" and "before the zone history starts" in err.message
