"""A total some of whose zones failed says so where its figures are: its status in the
table reads "ok: 1 of its 3 zones failed (ERCO-WEST), not in its figures" and the headline
says the top is the sum of the others, where before both read plain "ok" and only the
details heading and zones.csv's reason told (fuzz 7a D10)."""

from __future__ import annotations

import html as markup
import re

import numpy as np

from forecasting.hierarchy.tree import build_hierarchy
from forecasting.many_zones.assemble import assemble
from forecasting.many_zones.node_task import NodeResult
from forecasting.report.many_zones_files import ManyZonesFiles
from forecasting.report.many_zones_render import render_many_zones_report
from forecasting.report.run_dir_reading import read_table
from forecasting.runs.files import csv_text
from tests.many_zones.test_total_peaks_carry_zone_pipelines import node_result

REGIONS = {"AVA": "Northwest", "ERCO": "Texas"}
SIZE = {"AVA": 1500.0, "ERCO-NRTH": 6000.0, "ERCO-WEST": 4000.0}


def page(tmp_path, failed: list[str]) -> str:
    """The report of a run of the three zones, ``failed`` among them failing."""
    h = build_hierarchy(list(SIZE), "US48", REGIONS)
    alive = h.without(failed)
    rng = np.random.default_rng(5)
    results = [node_result(n, h.level[n], sum(SIZE[z] for z in alive.leaves_under(n)), 0.0,
                           rng) for n in alive.nodes]
    results += [NodeResult(z, h.level[z], ok=False, reason="too short") for z in failed]
    made = assemble(h, results, "US48")
    (tmp_path / "zones.csv").write_text(csv_text(made.zones))
    zones = read_table(tmp_path / "zones.csv", labels=("period", "region", "parent"))
    manifest = {"region": "US48", "run_id": "r1", "inputs": {}, "packages": {},
                "timings_s": {}, "reconciliation": made.reconciliation,
                "failed": [{"region": n, "reason": r} for n, r in made.failed]}
    files = ManyZonesFiles(directory=tmp_path, manifest=manifest, forecast=made.forecast,
                           zones=zones, history=None, coincidence=None, changes=None)
    return markup.unescape(render_many_zones_report(files))


def status(html: str, node: str) -> str:
    row = re.search(rf'<tr><td class="text"><a href="#node-\d+">{node}</a></td>'
                    r'<td class="text">[^<]*</td><td class="text">[^<]*</td>'
                    r'<td class="text">([^<]*)</td>', html)
    return row.group(1)


def test_totals_missing_a_failed_zone_say_so_in_the_table_and_headline(tmp_path):
    html = page(tmp_path, ["ERCO-WEST"])
    assert status(html, "US48") == "ok: 1 of its 3 zones failed (ERCO-WEST), not in its figures"
    assert status(html, "Texas") == "ok: 1 of its 2 zones failed (ERCO-WEST), not in its figures"
    assert status(html, "ERCO") == status(html, "Texas")
    assert status(html, "Northwest") == "ok" and status(html, "ERCO-WEST") == "failed"
    assert ("US48 here is the sum of 2 of its 3 zones:\nERCO-WEST failed and is in no figure"
            in html)


def test_a_run_where_every_zone_ran_says_nothing_of_failures(tmp_path):
    html = page(tmp_path, [])
    assert status(html, "US48") == "ok" and "zones failed" not in html
    assert "here is the sum of" not in html
