"""Config values and national totals that only the data can refuse: one line naming the file,
row and field, exit 2, nothing published (found by fuzzing: each was a traceback or, for
`sensitivity.year`, a header-only sensitivity.csv published with exit 0)."""

from __future__ import annotations

import pytest

from tests.conftest import Workspace, read_rows, write_rows


def config_line(ws: Workspace, text: str) -> int:
    lines = ws.config.read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def set_config(ws: Workspace, old: str, new: str) -> None:
    text = ws.config.read_text()
    assert old in text, old
    ws.config.write_text(text.replace(old, new, 1))


def forecast(ws: Workspace, cli):
    out = ws.root / "out"
    done = cli("forecast", "--config", str(ws.config), "--output-dir", str(out), "--quiet")
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    assert not out.exists()
    return lines[0]


@pytest.mark.parametrize(("key", "value", "allowed"), [
    ("fit_from_year: 2005", "fit_from_year: 2050", "at most 2021"),
    ("fit_from_year: 2005", "fit_from_year: 2023", "at most 2021"),
    ("first_origin: 2012", "first_origin: 2023", "2000..2022"),
    ("first_origin: 2012", "first_origin: 2040", "2000..2022"),
    ("first_origin: 2012", "first_origin: 1990", "2000..2022"),
    ("  year: 2030", "  year: 2040", "2024..2035"),
    ("  year: 2030", "  year: 2020", "2024..2035"),
])
def test_a_config_year_the_data_cannot_serve_names_the_key_and_the_allowed_range(
        light_workspace: Workspace, cli, key, value, allowed):
    ws = light_workspace
    row = config_line(ws, key)
    set_config(ws, key, value)
    field = {"fit_from_year": "national_total.fit_from_year",
             "first_origin": "baseline.first_origin",
             "year": "sensitivity.year"}[key.strip().split(":")[0]]
    line = forecast(ws, cli)
    assert f"us_national.yaml, row {row}, field '{field}'" in line, line
    assert allowed in line, line


@pytest.mark.parametrize("keep", [0, 1, 2])
def test_too_few_national_totals_name_the_file_and_what_is_needed(
        light_workspace: Workspace, cli, keep):
    ws = light_workspace
    header, rows = read_rows(ws.totals)
    write_rows(ws.totals, header, rows[:keep])
    line = forecast(ws, cli)
    assert "us_electricity_total.csv" in line and "field 'definition'" in line, line
    assert "retail_sales" in line and "at least 3" in line, line


def test_a_scenario_year_before_the_history_base_year_is_one_line_before_any_stage(
        light_workspace: Workspace, cli):
    # a scenario file cannot know the history's base year (2023 here); growth_until 2020 made
    # high-ai's shipments stop growing before the forecast began (448 TWh in 2028, not 660),
    # and then a traceback after the backtest; now one line, exit 2, nothing published
    ws = light_workspace
    scenario = ws.root / "data" / "scenarios" / "high-ai.yaml"
    text = scenario.read_text()
    assert "growth_until: 2028" in text
    scenario.write_text(text.replace("growth_until: 2028", "growth_until: 2020", 1))
    line = forecast(ws, cli)
    assert "high-ai.yaml" in line and "growth_until" in line, line
    assert "2020" in line and "base year 2023" in line, line


@pytest.mark.parametrize(("key", "value", "field", "said"), [
    # each named no row (fuzz 8a D6); the window is what cut every observation, not the
    # source list it used to blame
    ("end_year: 2035", "end_year: 2023", "forecast.end_year", "after the last history year"),
    ("splice_year: 2014", "splice_year: 2010", "history.splice_year", "no 2010 observation"),
    ("first_year: 2000", "first_year: 2030", "history.first_year",
     "between first_year 2030 and last_year any"),
])
def test_a_config_value_the_history_refuses_names_its_row(light_workspace: Workspace, cli, key,
                                                          value, field, said):
    ws = light_workspace
    row = config_line(ws, key)
    set_config(ws, key, value)
    line = forecast(ws, cli)
    assert f"us_national.yaml, row {row}, field '{field}'" in line, line
    assert said in line, line


def test_a_source_or_a_scenario_named_twice_is_refused_at_its_row(light_workspace: Workspace,
                                                                 cli):
    ws = light_workspace
    shipped = ws.config.read_text()
    row = config_line(ws, "source_priority:")
    set_config(ws, "- lbnl2016\n", "- lbnl2024\n")   # was accepted silently
    line = forecast(ws, cli)
    assert f"row {row}, field 'history.source_priority'" in line, line
    assert "listed twice: lbnl2024" in line, line
    ws.config.write_text(shipped)
    set_config(ws, "- efficiency-offset\n", "- momentum\n")   # named no row
    line = forecast(ws, cli)
    assert f"row {config_line(ws, 'scenarios:')}, field 'scenarios'" in line, line
    assert "scenario names must be unique: momentum" in line, line
