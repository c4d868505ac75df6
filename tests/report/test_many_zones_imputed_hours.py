"""The many-zone report's "What the zone files held" table counts each zone's imputed hours
and says that peaks skip them and how a total's hour is judged. Found by fuzzing (12a J3): PSEI's
7,740 hours its source imputed were in manifest.json only, while its peaks skipped them."""

from __future__ import annotations

import html as markup
import re

from forecasting.many_zones.total_imputed_hours import IMPUTED_SHARE_MEASURED
from forecasting.report.many_zones_files import ManyZonesFiles
from forecasting.report.many_zones_render import render_many_zones_report
from forecasting.report.run_dir_reading import read_table
from forecasting.runs.files import csv_text
from tests.report.test_many_zone_missing_years import made


def quality(imputed: int | None) -> dict:
    q = {"hours": 43848, "evidence_hours": 42828, "absent_hours": 0, "outlier_hours": 2,
         "not_load_hours": 1018, "duplicate_rows": 0, "long_gaps": 1,
         "longest_gap": {"hours": 1020}, "partial_months": ["2019-12"],
         "repeated_value_runs": 0}
    return q if imputed is None else {**q, "imputed_hours": imputed}


def test_the_zone_files_table_counts_imputed_hours(tmp_path):
    run = made(longer=None)
    (tmp_path / "zones.csv").write_text(csv_text(run.zones))
    zones = read_table(tmp_path / "zones.csv", labels=("period", "region", "parent"))
    manifest = {"region": "US48", "run_id": "r1", "inputs": {}, "packages": {},
                "timings_s": {}, "reconciliation": dict(run.reconciliation),
                # AVA from a manifest written before imputed hours were counted
                "data_quality": {"ERCO-NRTH": quality(7740), "AVA": quality(None)}}
    files = ManyZonesFiles(directory=tmp_path, manifest=manifest, forecast=run.forecast,
                           zones=zones, history=None, coincidence=None, changes=None)
    html = markup.unescape(render_many_zones_report(files))
    section = html[html.index('<section id="data-quality">'):]
    section = section[:section.index("</section>")]
    headers = re.findall(r"<th[^>]*>([^<]*)</th>", section)
    column = headers.index("Imputed")
    rows = {cells[0]: cells for cells in (re.findall(r"<td[^>]*>([^<]*)</td>", row)
                                          for row in re.findall(r"<tr>(.*?)</tr>", section))
            if cells}
    assert rows["ERCO-NRTH"][column] == "7,740"
    assert rows["AVA"][column] == "-"
    text = " ".join(section.split())
    assert "peaks skip them" in text
    assert (f"set aside for peaks only where the zones whose hours were imputed hold more "
            f"than {100 * IMPUTED_SHARE_MEASURED:g}% of its MW") in text
