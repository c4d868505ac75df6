"""The zone report names the complete months whose peak history.csv shows but the run did not
take as evidence: measured (not imputed) hours under `MONTH_COMPLETE` of the month
(`forecasting.zones.history.peak_evidence`). Rendered in process from synthetic rows."""

import dataclasses

from forecasting.report.zone_render import render_zone_report
from tests.report.synthetic_zone_run import page_text, without_charts, zone_run_files
from tests.report.test_zone_report_file_overlaps import QUALITY


def test_the_report_names_the_months_whose_peak_rests_on_few_measured_hours(tmp_path,
                                                                          monkeypatch):
    without_charts(monkeypatch)
    run = zone_run_files(tmp_path)
    history = run.history.assign(imputed_hours=0)
    june, july = history["period"] == "2023-06", history["period"] == "2023-07"
    history.loc[june, "imputed_hours"] = 72  # 648 of 720 measured: exactly 90%, evidence
    history.loc[july, "imputed_hours"] = 700  # 44 of 744 measured
    quality = {**QUALITY, "overlaps": [], "imputed_hours": 772}
    told = dataclasses.replace(run, history=history,
                               manifest={**run.manifest, "data_quality": quality})
    text = page_text(render_zone_report(told), "few-measured")
    assert text.endswith("lower bound of the month's): 2023-07.")
    assert "under 90%" in text and "never fitted, scored" in text
