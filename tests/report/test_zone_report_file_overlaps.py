"""The zone report's data-quality note says "Nothing is filled: these hours are shown as
missing" of the hours without evidence, right after counting them, and says of the hours a
later file replaced that they are kept, fitted and scored: the overlap line sat just before
that sentence, so Dominion's 6,576 replaced hours read as missing (fuzz round 8b D8).
Rendered in process from synthetic rows."""

import dataclasses

from forecasting.report.zone_render import render_zone_report
from tests.report.synthetic_zone_run import page_text, without_charts, zone_run_files

OVERLAP = ("b.csv replaces 6576 values of a.csv (2019-12-31T23:00:00+00:00.."
           "2020-09-30T22:00:00+00:00; 46 differ, max |diff| 965)")
QUALITY = {"hours": 43848, "evidence_hours": 43800, "first_hour_utc": "2020-01-01T00:00Z",
           "last_hour_utc": "2024-12-31T23:00Z", "absent_hours": 40, "outlier_hours": 8,
           "outlier_examples": [], "not_load_hours": 0, "duplicate_rows": 0, "long_gaps": 0,
           "longest_gap": None, "repeated_value_runs": 0, "longest_repeat": None,
           "overlaps": [OVERLAP]}


def test_replaced_hours_are_not_called_missing(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    run = zone_run_files(tmp_path)
    run = dataclasses.replace(run, manifest={**run.manifest, "data_quality": QUALITY})
    text = page_text(render_zone_report(run), "data-quality")
    not_evidence = ("Not evidence: 40 hours absent or empty, 8 screened as outliers, 0 of zero "
                    "or negative load. Nothing is filled: these hours are shown as missing, "
                    "never fitted or scored.")
    assert not_evidence in text
    after = text.split(OVERLAP, 1)[1]
    assert "missing" not in after and "Nothing is filled" not in after
    overlaps = page_text(render_zone_report(run), "file-overlaps")
    assert overlaps.startswith("Where the files overlap, the later file's value of an hour is "
                               "the one kept: like any other hour's, it is evidence, fitted "
                               "and scored")
    assert overlaps.endswith(OVERLAP + ".")
