"""The report's data-center share says where it comes from. Found by fuzzing: a total whose
own model failed printed "13% (nan)" (its share, the sum of its zones', had no source), and
a total above a zone with a large-load pipeline was labelled "(trend)" although its
data-center load holds that zone's contracts. A total's source now names its zones'."""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.contracts import FORECAST_COLUMNS
from forecasting.hierarchy.tree import build_hierarchy
from forecasting.many_zones.assemble import assemble
from forecasting.many_zones.node_task import NodeResult
from forecasting.report.many_zones_files import ManyZonesFiles
from forecasting.report.many_zones_render import render_many_zones_report
from forecasting.report.run_dir_reading import read_table
from forecasting.runs.files import csv_text

MONTHS = tuple(str(p) for p in pd.period_range("2030-01", "2030-12", freq="M"))
ORIGINS = [f"2023-06/2024-{m:02d}" for m in range(1, 13)]
MANIFEST = {"region": "TOP", "run_id": "r1", "inputs": {}, "packages": {}, "timings_s": {}}


def ok(node: str, level: str, mw: float, new_mw: float, rng) -> NodeResult:
    hours = np.asarray(pd.PeriodIndex(MONTHS, freq="M").days_in_month, dtype=float) * 24.0
    base = mw * hours / 1000.0 * (1 + rng.normal(0, 0.01, size=(40, len(MONTHS))))
    new = np.full_like(base, new_mw) * hours / 1000.0
    errors = pd.Series(rng.normal(0, 0.02 * mw, len(ORIGINS)), index=ORIGINS, name=node)
    summary = pd.DataFrame(columns=["model", "metric", "frequency", "n", "MASE", "coverage80"])
    return NodeResult(node, level, ok=True, months=MONTHS,
                      energy_paths={"base": base, "data_center": new, "new_data_center": new},
                      peak_rows=pd.DataFrame(columns=FORECAST_COLUMNS), errors=errors,
                      backtest_summary=summary, data_center_known=new_mw > 0)


def run():
    # TOP: BA AAA (AAA-N with a pipeline, AAA-S without) and BA BBB (no pipeline)
    h = build_hierarchy(["AAA-N", "AAA-S", "BBB-X"], "TOP")
    rng = np.random.default_rng(0)
    results = [ok("AAA-N", "zone", 1000.0, 500.0, rng), ok("AAA-S", "zone", 400.0, 0.0, rng),
               ok("BBB-X", "zone", 700.0, 0.0, rng), ok("AAA", "ba", 1400.0, 0.0, rng),
               ok("BBB", "ba", 700.0, 0.0, rng),
               NodeResult("TOP", "top", ok=False, reason="no month can be an origin")]
    return assemble(h, results, "TOP")


def test_a_totals_data_center_share_names_its_zones_source():
    zones = run().zones.set_index("region")
    assert zones.loc["AAA-N", "data_center"] == "large-load pipeline"
    assert zones.loc["AAA-S", "data_center"] == "trend"
    assert zones.loc["BBB", "data_center"] == "trend"
    assert zones.loc["AAA", "data_center"] == "trend + large-load pipeline of 1 of its 2 zones"
    # the top's own model failed: its share is its zones' sum, and says so
    assert zones.loc["TOP", "status"] == "sum of zones"
    assert zones.loc["TOP", "data_center"] == "trend + large-load pipeline of 1 of its 3 zones"
    assert zones.loc["TOP", "data_center_share_2030"] > 0.1


def test_the_report_prints_no_nan_beside_a_share(tmp_path):
    table = run().zones
    table.loc[table["region"] == "BBB", "data_center"] = np.nan   # a source left unknown
    (tmp_path / "zones.csv").write_text(csv_text(table))
    zones = read_table(tmp_path / "zones.csv", labels=("period", "region", "parent"))
    files = ManyZonesFiles(directory=tmp_path, manifest=MANIFEST, forecast=run().forecast,
                           zones=zones, history=None, coincidence=None, changes=None)
    html = render_many_zones_report(files)
    assert "(nan)" not in html
    assert "(trend + large-load pipeline of 1 of its 3 zones)" in html
