"""National totals entered in the wrong unit throughout (GWh as TWh: every value x1000) pass
the neighbour check, since each value looks like its neighbours, and published a share of
0.0115% instead of 11.96% with exit 0 (found by fuzzing). A value outside the plausible range
of US electricity use is now one line naming file, row, field and the unit, exit 2."""

from __future__ import annotations

import pytest

from tests.conftest import Workspace, read_rows, run_cli, write_rows


def scale_totals(path, factor: float) -> None:
    header, rows = read_rows(path)
    i = header.index("twh")
    for row in rows:
        row[i] = f"{float(row[i]) * factor:.1f}"
    write_rows(path, header, rows)


@pytest.mark.parametrize(("factor", "shown"), [(1000, "3,661,000"), (0.001, "3.7")])
def test_totals_in_the_wrong_unit_are_refused_naming_the_unit(workspace: Workspace, factor,
                                                              shown):
    scale_totals(workspace.totals, factor)
    out = workspace.root / "out"
    done = run_cli("forecast", "--config", str(workspace.config), "--output-dir", str(out),
                   "--quiet")
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "us_electricity_total.csv, row 1, field 'twh'" in lines[0]
    assert shown in lines[0] and "TWh" in lines[0] and "1,000-20,000" in lines[0]
    assert not out.exists()


def test_data_history_refuses_them_too(workspace: Workspace):
    scale_totals(workspace.totals, 1000)
    done = run_cli("data", "history", "--config", str(workspace.config))
    assert done.returncode == 2 and "field 'twh'" in done.stderr and done.stdout == ""
