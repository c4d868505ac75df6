"""The zone report's data-quality note counts the hours whose value the source imputed and says
that peaks skip them while energy keeps them (`forecasting.zones.history`); a manifest written
before the count existed shows no such sentence. Rendered in process from synthetic rows."""

import dataclasses

from forecasting.report.zone_render import render_zone_report
from tests.report.synthetic_zone_run import page_text, without_charts, zone_run_files
from tests.report.test_zone_report_file_overlaps import QUALITY


def test_the_report_says_peaks_skip_the_imputed_hours(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    run = zone_run_files(tmp_path)
    quality = {**QUALITY, "overlaps": [], "imputed_hours": 1052}
    told = dataclasses.replace(run, manifest={**run.manifest, "data_quality": quality})
    text = page_text(render_zone_report(told), "imputed-hours")
    assert text.startswith("Hours whose value the source imputed (an EIA-930 category other "
                           "than OKAY): 1,052; they count for energy")
    assert "peaks skip them" in text and "imputed_hours" in text
    before = {k: v for k, v in quality.items() if k != "imputed_hours"}
    older = dataclasses.replace(run, manifest={**run.manifest, "data_quality": before})
    assert "imputed-hours" not in render_zone_report(older)
