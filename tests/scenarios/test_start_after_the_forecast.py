"""A stated `start.year` after the forecast's last year is one line naming the scenario file,
its row and `parameters.start.year`, exit 2, before any stage (fuzz 8a D1): with `year_sd` a
growth_rate path died on mismatched arrays (a traceback); without noise an endpoint path was run
backwards from its start and published (100 TWh stated for 2038: 11.1 TWh for 2024, after a
history of 176)."""

from __future__ import annotations

import numpy as np
import pytest

from forecasting.scenarios.catalog import load_scenario_file
from forecasting.scenarios.distributions import ParamError
from forecasting.scenarios.engine import simulate_scenario
from tests.conftest import Workspace, one_error_line, run_cli

GROWTH = """name: late
description: a stated start after the forecast's last year
region: US
driver: growth_rate
parameters:
  applies_to: total
  start:
    year: {year}
    twh: {{dist: fixed, value: 300, note: "test"}}
  growth_rate: {{dist: pert, low: 0.02, mode: 0.05, high: 0.08, note: "test"}}
  year_sd: 0.01
"""

ENDPOINT = """name: late
description: a stated start after the forecast's last year
region: US
driver: endpoint
parameters:
  applies_to: total
  endpoint_year: 2045
  start:
    year: {year}
    twh: {{dist: fixed, value: 100, note: "test"}}
  endpoint_twh: {{dist: fixed, value: 300, note: "test"}}
"""


@pytest.mark.parametrize("text", [GROWTH, ENDPOINT], ids=["growth_rate", "endpoint"])
def test_a_start_after_the_last_forecast_year_is_one_line(workspace: Workspace, text):
    path = workspace.scenarios / "late.yaml"
    path.write_text(text.format(year=2038), encoding="utf-8")
    row = next(i for i, line in enumerate(text.splitlines(), 1) if "{year}" in line)
    out = workspace.root / "out"
    done = run_cli("forecast", "--config", str(workspace.config), "--scenario", "late",
                   "--output-dir", str(out), "--quiet")
    line = one_error_line(done)
    assert f"late.yaml, row {row}, field 'scenarios.late.parameters.start.year'" in line, line
    assert "2038" in line and "2035" in line   # the start and the forecast's last year
    assert not out.exists()


def test_the_driver_refuses_it_too(tmp_path, history, decomposition, years):
    """A library caller (no run's check first) gets the ParamError, not a path run backwards;
    a start on the last forecast year is a path through its stated value."""
    def simulated(year: int):
        path = tmp_path / "late.yaml"
        path.write_text(ENDPOINT.format(year=year), encoding="utf-8")
        return simulate_scenario(load_scenario_file(path), history=history, years=years,
                                 n=100, seed=1, decomposition=decomposition)

    last = int(years[-1])
    with pytest.raises(ParamError, match="after the forecast's last year"):
        simulated(last + 1)
    assert np.allclose(simulated(last).total[:, -1], 100.0)
