"""A zone file a month longer than the others cuts every node's forecast to start a month
later, so a forecast year loses its annual figures everywhere (as the README documents).
Found by fuzzing (7b #4): the report then showed "-" for 2025 without a word. Now the
run's reconciliation note records the common months and the zones that start later
(`assemble.months_note`), and the headline names the year and why."""

from __future__ import annotations

import html as markup
from dataclasses import replace

import numpy as np
import pandas as pd

from forecasting.hierarchy.tree import build_hierarchy
from forecasting.many_zones.assemble import assemble
from forecasting.report.many_zones_files import ManyZonesFiles
from forecasting.report.many_zones_render import render_many_zones_report
from forecasting.report.run_dir_reading import read_table
from forecasting.runs.files import csv_text
from tests.many_zones.test_total_peaks_carry_zone_pipelines import MONTHS, node_result

SIZE = {"AVA": 1500.0, "ERCO-NRTH": 6000.0, "ERCO-WEST": 4000.0}
LATER = tuple(str(p) for p in pd.period_range("2025-02", periods=len(MONTHS), freq="M"))


def made(longer: str | None):
    """The run of three zones; ``longer``'s file ends a month after the others' (its own
    forecast starts in 2025-02, the others' in 2025-01)."""
    h = build_hierarchy(list(SIZE), "US48", {"AVA": "Northwest", "ERCO": "Texas"})
    rng = np.random.default_rng(6)
    results = []
    for node in h.nodes:
        result = node_result(node, h.level[node], sum(SIZE[z] for z in h.leaves_under(node)),
                             0.0, rng)
        results.append(replace(result, months=LATER) if node == longer else result)
    return assemble(h, results, "US48")


def page(tmp_path, run, *, note: bool = True) -> str:
    (tmp_path / "zones.csv").write_text(csv_text(run.zones))
    zones = read_table(tmp_path / "zones.csv", labels=("period", "region", "parent"))
    reconciliation = dict(run.reconciliation)
    if not note:  # a run published before the note
        reconciliation.pop("months")
    manifest = {"region": "US48", "run_id": "r1", "inputs": {}, "packages": {},
                "timings_s": {}, "reconciliation": reconciliation}
    files = ManyZonesFiles(directory=tmp_path, manifest=manifest, forecast=run.forecast,
                           zones=zones, history=None, coincidence=None, changes=None)
    return markup.unescape(render_many_zones_report(files))


def test_the_year_a_longer_zone_file_cuts_is_named_with_its_reason(tmp_path):
    run = made(longer="ERCO-NRTH")
    months = run.reconciliation["months"]
    assert months["first"] == "2025-02" and months["partial_years"] == [2025]
    assert months["later_start"] == {"ERCO-NRTH": "2025-02"}
    assert not (run.forecast["period"] == "2025").any()   # the numbers stay as they were
    html = page(tmp_path, run)
    assert "No annual figures for 2025: the months every node forecasts run from 2025-02" in html
    assert "the file of ERCO-NRTH ends later than the others'" in html
    assert "earliest node's forecast starts in 2025-01" in html
    (tmp_path / "older").mkdir()
    older = page(tmp_path / "older", run, note=False)
    assert "No annual figures for 2025: the months every node forecasts run from 2025-02" \
        in older and "ERCO-NRTH ends later" not in older


def test_zones_ending_together_in_december_say_nothing(tmp_path):
    run = made(longer=None)
    assert run.reconciliation["months"]["partial_years"] == []
    assert "No annual figures" not in page(tmp_path, run)
