"""The zone report states the existing data-center level the pipeline scenarios carry, its
interval and the month it is read at, from pipeline.csv's own columns (fuzz 10b D7: Dominion's
3,894 MW +/- 621 was nowhere in the report, so its pipeline table's expected MW could not be
reconciled with the data-center rows); a run published before those columns renders without
the sentence. Synthetic run files; no pipeline run."""

import pandas as pd

from forecasting.report.zone_render import render_zone_report
from tests.report.synthetic_zone_run import page_text, without_charts, zone_run_files

PIPELINE = pd.DataFrame({
    "scenario": ["vetted"], "stage": ["ESA"], "projects": [1], "contracted_mw": [2300.0],
    "realization": [0.85], "utilization": [0.69], "expected_mw": [1342.4],
    "earliest_in_service": ["2025-06"], "in_service": ["2025-12"],
    "full_ramp_by": ["2029-11"], "note": [None], "connection_limit_mw_per_year": [1367.0],
    "existing_level_mw": [3893.6], "existing_half_width_mw": [621.2],
    "existing_level_month": ["2024-12"]})


def test_the_report_states_the_level_the_pipeline_scenarios_carry(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    html = render_zone_report(zone_run_files(tmp_path, scenarios=("vetted",),
                                             pipeline=PIPELINE))
    text = " ".join(page_text(html, "existing-level").split())
    assert "carry the existing data-center load at 3,894 MW (+/- 621 MW" in text
    assert "the history ends on in 2024-12" in text
    old = PIPELINE.drop(columns=["existing_level_mw", "existing_half_width_mw",
                                 "existing_level_month"])
    html = render_zone_report(zone_run_files(tmp_path, scenarios=("vetted",), pipeline=old))
    assert 'id="existing-level"' not in html
