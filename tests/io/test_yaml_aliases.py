"""YAML anchors and aliases in dcload's inputs (found by fuzzing: a 300-byte "billion laughs"
appended to a scenario file made `dcload forecast` and `scenarios validate` run for minutes
while the repeated-key check walked the expanded aliases). The check walks each node once, and
aliases that expand to more than `MAX_EXPANDED_VALUES` values are one line naming the file and
line, exit code 2, in about a second; a file with a few aliases still loads."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from forecasting.config import PipelineConfig
from forecasting.errors import InputError
from forecasting.io.yaml_config import validated_yaml
from forecasting.io.yaml_lines import MAX_EXPANDED_VALUES
from forecasting.scenarios.catalog import load_scenario_file
from tests.refresh.conftest import run_dcload
from tests.scenarios.test_scenario_bad_input import GOOD


def bomb(levels: int = 9) -> str:
    """`a: &a [x, ...]`, `b: &b [*a, ...]`, ...: 9 ** levels values from ~35 bytes a level."""
    names = "abcdefghijklmnop"
    lines = ["a: &a [x,x,x,x,x,x,x,x,x]"]
    lines += [f"{n}: &{n} [{','.join([f'*{p}'] * 9)}]" for p, n in zip(names, names[1:levels],
                                                                         strict=False)]
    return "\n".join(lines) + "\n"


def test_a_billion_laughs_in_a_scenario_file_is_refused_in_a_second(tmp_path: Path):
    path = tmp_path / "high-ai.yaml"
    path.write_text(GOOD + bomb(10), encoding="utf-8")
    first_bomb_line = GOOD.count("\n") + 1
    start = time.perf_counter()
    done = run_dcload("scenarios", "validate", str(path))
    assert time.perf_counter() - start < 10
    assert done.returncode == 2
    # the innermost list past the limit: f = 9 ** 6 values, the bomb's sixth line
    assert done.stderr == (
        f"error: {path}, row {first_bomb_line + 5}: anchors and aliases (&name, *name) expand "
        f"this to more than {MAX_EXPANDED_VALUES:,} values; write the values out instead\n")


def test_a_billion_laughs_in_a_pipeline_config_is_refused(tmp_path: Path):
    path = tmp_path / "pipeline.yaml"
    path.write_text("# a config\n" + bomb(), encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(InputError) as info:
        validated_yaml(path, PipelineConfig)
    assert time.perf_counter() - start < 2
    assert info.value.row == 7 and "anchors and aliases" in info.value.message


def test_a_few_aliases_still_load_and_a_key_twice_behind_an_alias_is_named_once(tmp_path):
    text = GOOD.replace("shipments_growth: {", "shipments_growth: &g {").replace(
        "utilization: {dist: pert, low: 0.5, mode: 0.6, high: 0.7}", "utilization: *g")
    path = tmp_path / "high-ai.yaml"
    path.write_text(text, encoding="utf-8")
    spec = load_scenario_file(path)
    assert spec.name == "high-ai"

    twice = text.replace("note: test}", "note: test, low: 0.1}")
    path.write_text(twice, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_scenario_file(path)
    assert info.value.field == "parameters.shipments_growth.low"
    assert "key given twice" in info.value.message
