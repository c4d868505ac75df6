"""A scenario that would silently lose its supply caps (a region that is not the pipeline's,
or a region without its envelope file), and a preset whose target year the history already
covers: one line naming the scenario file, the key's row and field, exit 2 (found by fuzzing:
`region: USA` published high-ai 2030 at a P50 of 827 TWh instead of 448 with exit 0; a
`reproduces: year: 1990` passed `validate` and `reproduce` died with a ValueError)."""

from __future__ import annotations

from tests.conftest import Workspace, one_error_line, run_cli


def line_of(path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def forecast(ws: Workspace):
    out = ws.root / "out"
    done = run_cli("forecast", "--config", str(ws.config), "--output-dir", str(out), "--quiet")
    assert not out.exists()
    return one_error_line(done)


def test_a_scenario_of_another_region_is_refused(light_workspace: Workspace):
    ws = light_workspace
    path = ws.scenarios / "high-ai.yaml"
    row = line_of(path, "region: US")
    path.write_text(path.read_text().replace("region: US\n", "region: USA\n", 1))
    line = forecast(ws)
    assert f"high-ai.yaml, row {row}, field 'scenarios.high-ai.region'" in line, line
    assert "'USA'" in line and "'US'" in line


def test_a_region_without_its_envelope_file_is_refused(light_workspace: Workspace):
    ws = light_workspace
    (ws.scenarios / "envelope" / "us.yaml").unlink()
    line = forecast(ws)
    assert "momentum.yaml" in line and "field 'scenarios.momentum.region'" in line, line
    assert "envelope" in line and "us.yaml" in line


def test_a_preset_target_year_inside_the_history_is_one_line(workspace: Workspace):
    path = workspace.scenarios / "lbnl2024-low.yaml"
    row = line_of(path, "  year: 2028")
    path.write_text(path.read_text().replace("  year: 2028", "  year: 1990", 1))
    done = run_cli("scenarios", "reproduce", "--config", str(workspace.config), "--draws", "100")
    line = one_error_line(done)
    assert f"lbnl2024-low.yaml, row {row}, field 'scenarios.lbnl2024-low.reproduces.year'" \
        in line, line
    assert "1990" in line and "2023" in line
    assert done.stdout == ""


def test_the_run_refuses_a_preset_target_year_the_history_holds(workspace: Workspace):
    """`dcload forecast` publishes every preset's outlook (`outlooks.csv`, the report's
    markers), run or not: a target year of 2023, the history's last, had been published as
    "LBNL 2024 high: 580 TWh in 2023" beside the measured 176 (fuzz 8a D3)."""
    path = workspace.scenarios / "lbnl2024-high.yaml"
    row = line_of(path, "  year: 2028")
    path.write_text(path.read_text().replace("  year: 2028", "  year: 2023", 1))
    line = forecast(workspace)
    assert f"lbnl2024-high.yaml, row {row}, field 'scenarios.lbnl2024-high.reproduces.year'" \
        in line, line
    assert "2023" in line and "not after the history's last year" in line
