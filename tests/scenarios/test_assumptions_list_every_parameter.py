"""`dcload scenarios show`, assumptions.csv and the report's Assumptions table list every key a
scenario file writes, years and switches included, as written: only the distributions had been
listed, so a growth rate of 10% `until_year: 2030` then 0 showed no 2030, a stated start of
300 TWh no year, a fleet scenario no `growth_until` or `pue_target_year` (fuzz 8a D4)."""

from __future__ import annotations

import pytest
import yaml

from forecasting.scenarios.catalog import (
    SCENARIOS_DIR,
    describe_scenario,
    load_scenario_file,
    scenario_files,
)

BLOCKS = ("parameters", "baseline", "components", "constraints")


def written_keys(data: dict) -> dict[str, object]:
    """Each key a scenario file writes under its parameter blocks, by its parameter path, with
    the value written (a mapping with `dist` is one parameter, other mappings are opened)."""
    out: dict[str, object] = {}

    def walk(value, path):
        if isinstance(value, dict) and "dist" not in value:
            for key, inner in value.items():
                walk(inner, [*path, key])
        else:
            out[".".join(path)] = value

    for block in BLOCKS:
        if data.get(block):
            walk(data[block], [data["driver"] if block == "parameters" else block])
    return out


@pytest.mark.parametrize("path", scenario_files(), ids=lambda p: p.stem)
def test_every_written_key_of_a_shipped_file_is_listed(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    table = describe_scenario(load_scenario_file(path)).set_index("parameter")
    for key, value in written_keys(data).items():
        assert key in table.index, f"{path.name}: {key} is not listed"
        if isinstance(value, int | str) and not isinstance(value, bool):
            assert table.loc[key, "distribution"] == str(value), key


def test_a_rate_switch_year_and_a_stated_start_year_are_shown(tmp_path):
    text = (SCENARIOS_DIR / "epri2024-high.yaml").read_text(encoding="utf-8")
    text = text.replace("    year: 2023\n", "    year: 2024\n", 1)
    text = text.replace("  year_sd: 0.01", "  year_sd: 0.01\n  until_year: 2030\n"
                        "  then_growth_rate: 0.0", 1)
    path = tmp_path / "epri2024-high.yaml"
    path.write_text(text, encoding="utf-8")
    table = describe_scenario(load_scenario_file(path)).set_index("parameter")
    assert table.loc["growth_rate.until_year", "distribution"] == "2030"
    assert table.loc["growth_rate.until_year", "p50"] == 2030
    assert table.loc["growth_rate.start.year", "distribution"] == "2024"
    assert table.loc["growth_rate.year_sd", "distribution"] == "0.01"
    assert table.loc["growth_rate.applies_to", "distribution"] == "total"


def test_show_names_a_fleet_scenarios_years(monkeypatch, capsys):
    from tests.conftest import run_in_process

    code, out, _ = run_in_process(monkeypatch, capsys, "scenarios", "show", "high-ai")
    assert code == 0
    rows = {line.split()[0]: line.split()[1] for line in out.splitlines()[3:] if line.split()}
    assert rows["fleet.growth_until"] == "2028"
    assert rows["fleet.pue_target_year"] == "2030"
    assert rows["baseline.kind"] == "statistical"
