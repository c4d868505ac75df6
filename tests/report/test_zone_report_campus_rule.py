"""The zone report says, under its pipeline table, that a contract listed as one campus
(contracts.csv ``kind`` campus) is built in full or not at all on each path, and says
nothing of it for a queue of stage totals (a page without campuses is unchanged). Synthetic
run files; no pipeline run."""

from dataclasses import replace

import pandas as pd

from forecasting.report.zone_render import render_zone_report
from tests.report.synthetic_zone_run import page_text, without_charts, zone_run_files
from tests.report.test_zone_report_pipeline_rule import PIPELINE

CONTRACTS = pd.DataFrame({"project": ["a", "b"], "stage": ["ESA", "ESA"],
                          "contracted_mw": [1300, 1000], "as_of": ["2024-12"] * 2,
                          "earliest_in_service": ["2023-06", "2025-06"],
                          "source": ["queue"] * 2, "confidence": ["U"] * 2})


def _page(tmp_path, contracts: pd.DataFrame) -> str:
    files = zone_run_files(tmp_path, scenarios=("vetted",), pipeline=PIPELINE)
    return render_zone_report(replace(files, contracts=contracts))


def test_the_report_says_a_campus_is_built_or_not(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    html = _page(tmp_path, CONTRACTS.assign(kind=["total", "Campus"]))
    assert page_text(html, "campus-rule").startswith(
        "A contract listed as one campus (kind campus) is built in full or not at all on each "
        "path")
    for totals in (CONTRACTS, CONTRACTS.assign(kind=["total", None])):
        assert 'id="campus-rule"' not in _page(tmp_path, totals)
