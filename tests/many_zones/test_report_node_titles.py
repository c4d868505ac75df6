"""The many-zone report names each node's place in the hierarchy: a zone's detail title and
overview row say which parent it is in; the top has no parent, so its title reads
"US48 (top; ok)" and its row's parent cell is empty, never "in nan" or "nan" (zones.csv
leaves the top's parent empty, which reads back as NaN)."""

from __future__ import annotations

import re

import pandas as pd

from forecasting.many_zones.assemble import ZONE_COLUMNS
from forecasting.report.many_zones_files import ManyZonesFiles
from forecasting.report.many_zones_render import render_many_zones_report
from forecasting.report.run_dir_reading import read_table
from forecasting.runs.files import csv_text

NODES = [{"region": "US48", "level": "top", "parent": None, "status": "ok"},
         {"region": "FLA", "level": "region", "parent": "US48", "status": "ok"},
         {"region": "TAL", "level": "zone", "parent": "FLA", "status": "failed",
          "reason": "too short"}]
MANIFEST = {"region": "US48", "run_id": "r1", "inputs": {}, "packages": {}, "timings_s": {}}


def forecast() -> pd.DataFrame:
    rows = []
    for region in ("US48", "FLA", "TAL"):
        for metric in ("energy_gwh", "peak_mw"):
            for component in ("total", "data_center"):
                rows.append({"region": region, "scenario": "reference", "period": "2030",
                             "metric": metric, "component": component, "mean": 10.0,
                             "p05": 8.0, "p10": 9.0, "p50": 10.0, "p90": 11.0, "p95": 12.0})
    return pd.DataFrame(rows)


def render(tmp_path) -> str:
    """The page of a run whose zones.csv is written and read back as a published one."""
    (tmp_path / "zones.csv").write_text(csv_text(pd.DataFrame(NODES, columns=ZONE_COLUMNS)))
    zones = read_table(tmp_path / "zones.csv", labels=("period", "region", "parent"))
    run = ManyZonesFiles(directory=tmp_path, manifest=MANIFEST, forecast=forecast(),
                         zones=zones, history=None, coincidence=None, changes=None)
    return render_many_zones_report(run)


def titles(html: str) -> dict[str, str]:
    found = re.findall(r"<h3>(\w+) <span class=\"note\">\(([^<]*)\)</span></h3>", html)
    return dict(found)


def test_the_top_nodes_title_has_no_parent_and_the_others_name_theirs(tmp_path):
    html = render(tmp_path)
    assert titles(html) == {"US48": "top; ok", "FLA": "region, in US48; ok",
                            "TAL": "zone, in FLA; failed: too short"}
    assert ">nan<" not in html and "in nan" not in html
