"""The zone report's pipeline table says what `full_ramp_by` means: for a run whose
pipeline.csv has `connection_limit_mw_per_year`, the month the stage's expected MW is all in
at that limit; for a run published before (no such column), that its dates were the earliest
contract's plus the ramp and leave the limit out. A stage expecting no load shows "-".
Synthetic run files; no pipeline run."""

import pandas as pd

from forecasting.report.zone_render import render_zone_report
from tests.report.synthetic_zone_run import (
    page_text,
    without_charts,
    zone_run_files,
)

PIPELINE = pd.DataFrame({
    "scenario": ["vetted", "vetted", "all-requests"], "stage": ["ESA", "CLOA", "ESA"],
    "projects": [2, 1, 2], "contracted_mw": [2300.0, 0.0, 2300.0],
    "realization": [0.85, 0.57, 1.0], "utilization": [0.69, 0.69, 0.69],
    "expected_mw": [1342.4, 0.0, 1579.3],
    "earliest_in_service": ["2023-06", "2025-06", "2023-06"],
    "in_service": ["2023-12", "2025-12", "2023-12"],
    "full_ramp_by": ["2029-11", None, "2028-12"], "note": [None, "no load expected", None],
    "connection_limit_mw_per_year": [4100 / 3, 4100 / 3, None]})


def test_the_pipeline_table_states_its_full_ramp_rule_new_and_old(
        tmp_path, monkeypatch):
    without_charts(monkeypatch)
    scenarios = ("vetted",)  # the table's rows are the pipeline's, whatever the forecast's
    html = render_zone_report(zone_run_files(tmp_path, scenarios=scenarios, pipeline=PIPELINE))
    rule = page_text(html, "full-ramp-rule")
    assert rule.startswith("Full ramp by: the month the stage's expected MW is all in")
    assert "(vetted: 1,367 MW/yr; all-requests: no limit;" in rule
    assert '<td>2025-12</td><td>-</td><td class="text">no load expected</td>' in html
    old = PIPELINE.drop(columns="connection_limit_mw_per_year").assign(
        full_ramp_by=["2027-04", "2029-04", "2027-04"], note=None)
    html = render_zone_report(zone_run_files(tmp_path, scenarios=scenarios, pipeline=old))
    rule = page_text(html, "full-ramp-rule")
    assert rule.startswith("Full ramp by, in this run (published before the connection limit "
                           "was counted): the stage's earliest contract's in-service month "
                           "plus the ramp")
