"""A longer forecast leaves the numbers of the years it shares with a shorter one unchanged
(found by fuzzing: extending forecast.end_year from 2035 to 2050 moved efficiency-breakthrough
2030's P50 by +6% and momentum 2028's by +3%, same seed: each path's random numbers were drawn
over the whole horizon, so a year's draws depended on how many years followed)."""

from __future__ import annotations

import numpy as np
import pytest

from forecasting.national.compute import national_paths
from forecasting.national.inputs import load_inputs
from forecasting.paths import SCENARIOS_DIR
from forecasting.scenarios.catalog import load_scenario
from forecasting.scenarios.engine import simulate_scenario
from forecasting.scenarios.streams import yearly_normals
from tests.conftest import Workspace


def test_a_year_of_yearly_normals_does_not_depend_on_the_years_after_it():
    short = yearly_normals(5, ("US", "x", "noise"), 1000, 100, 12)
    long = yearly_normals(5, ("US", "x", "noise"), 1000, 100, 27)
    assert np.array_equal(long[:, :12], short)


# momentum and the fleet scenarios sample their own model paths when the pipeline passes none,
# epri2024-high adds year-to-year noise to its growth rate
@pytest.mark.parametrize("name", ["momentum", "moderate-ai", "epri2024-high"])
def test_a_scenario_to_2050_agrees_with_one_to_2035_up_to_2035(name, history, decomposition,
                                                               years):
    assert years[-1] == 2035
    longer = np.arange(years[0], 2051)
    spec = load_scenario(name, SCENARIOS_DIR)
    runs = [simulate_scenario(spec, history=history, years=span, n=300, seed=11,
                              decomposition=decomposition) for span in (years, longer)]
    assert np.array_equal(runs[1].total[:, :len(years)], runs[0].total)


def test_the_national_total_to_2050_agrees_with_one_to_2035(workspace: Workspace, years):
    config, data = load_inputs(workspace.config)
    short = national_paths(config, data, years, 300, 11)
    long = national_paths(config, data, np.arange(years[0], 2051), 300, 11)
    assert np.array_equal(long[:, :len(years)], short)
