"""`dcload runs diff` (and the report's changes section) name each scenario parameter that
changed between two runs, old -> new, not only the scenario file's sha256: the manifest
records every scenario's parameters as run (`scenario_parameters`)."""

from __future__ import annotations

import pandas as pd

from forecasting.runs.diff import RunSnapshot, diff_runs, format_diff, report_changes
from forecasting.runs.manifest import scenario_parameters
from forecasting.scenarios.catalog import load_scenario

FORECAST = pd.DataFrame([{"region": "US", "scenario": "high-ai", "component": "total",
                          "year": 2030, "metric": "twh", "mean": 470.0, "p05": 400.0,
                          "p10": 420.0, "p50": 470.0, "p90": 520.0, "p95": 540.0}])


def _snapshot(run_id: str, specs: list) -> RunSnapshot:
    return RunSnapshot({"run_id": run_id, "config": {"scenarios": [s.name for s in specs]},
                        "scenario_parameters": [scenario_parameters(s) for s in specs]},
                       FORECAST)


def test_a_changed_scenario_parameter_is_named_old_to_new():
    high_ai, momentum = load_scenario("high-ai"), load_scenario("momentum")
    growth = high_ai.parameters.shipments_growth.model_copy(update={"high": 0.65})
    edited = high_ai.model_copy(update={"parameters": high_ai.parameters.model_copy(
        update={"shipments_growth": growth})})
    diff = diff_runs(_snapshot("A", [momentum, high_ai]), _snapshot("B", [momentum, edited]))
    assert [(a["path"], a["old"], a["new"]) for a in diff["assumption_changes"]] == [
        ("scenarios[high-ai].parameters.shipments_growth.high", 0.55, 0.65)]
    assert ("scenarios[high-ai].parameters.shipments_growth.high: 0.55 -> 0.65"
            in format_diff(diff))
    [change] = report_changes(diff)["assumptions"]  # the report's changes section
    assert change["key"] == "scenarios[high-ai].parameters.shipments_growth.high"


def test_a_scenario_only_one_run_has_is_told_once_by_the_config():
    high_ai, momentum = load_scenario("high-ai"), load_scenario("momentum")
    diff = diff_runs(_snapshot("A", [momentum]), _snapshot("B", [momentum, high_ai]))
    assert [(a["path"], a["change"]) for a in diff["assumption_changes"]] == [
        ("scenarios", "modified")]
