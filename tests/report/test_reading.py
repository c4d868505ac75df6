"""The headline paragraph: a run with fewer scenarios than the one it replaced still reads."""

from __future__ import annotations

import pandas as pd

from forecasting.report.reading import headline_reading


def test_a_scenario_dropped_since_the_previous_run_is_not_a_move():
    forecast = pd.DataFrame({"region": "US", "scenario": "moderate-ai", "component": "total",
                             "year": [2030], "metric": "twh", "mean": 400.0, "p05": 300.0,
                             "p10": 320.0, "p50": 400.0, "p90": 480.0, "p95": 500.0})
    changes = {"first_run": False, "from_run": "r1", "data": [], "assumptions": [],
               "headline": [
                   {"scenario": "moderate-ai", "year": 2030, "old_p50": 380.0,
                    "new_p50": 400.0},
                   {"scenario": "high-ai", "year": 2030, "old_p50": 900.0, "new_p50": None},
               ]}
    text = headline_reading(forecast, changes, None)
    assert "scenario moderate-ai: its 2030 median went from 380 to 400 TWh" in text
    assert "high-ai" not in text
