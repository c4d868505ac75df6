"""The many-zone report says what its MASE and coverage score: the forecast each row
publishes (zones.csv ``backtest_of``), shown beside the figures and in each node's details;
a run published before that column scored every total's own model, and its page now says
that those are not the figures shown (fuzz 7b #2, 7a D8)."""

from __future__ import annotations

import html as markup
import re

from forecasting.report.many_zones_files import ManyZonesFiles
from forecasting.report.many_zones_render import render_many_zones_report
from forecasting.report.run_dir_reading import read_table
from forecasting.runs.files import csv_text
from tests.many_zones.test_published_backtest import run


def page(tmp_path, *, drop_backtest_of: bool = False) -> tuple[str, dict]:
    _, _, made = run(biased="totals")
    zones = made.zones.drop(columns=["backtest_of"]) if drop_backtest_of else made.zones
    (tmp_path / "zones.csv").write_text(csv_text(zones))
    table = read_table(tmp_path / "zones.csv", labels=("period", "region", "parent"))
    manifest = {"region": "US48", "run_id": "r1", "inputs": {}, "packages": {},
                "timings_s": {}, "reconciliation": made.reconciliation}
    files = ManyZonesFiles(directory=tmp_path, manifest=manifest, forecast=made.forecast,
                           zones=table, history=None, coincidence=None, changes=None)
    html = markup.unescape(render_many_zones_report(files))
    return html, made.zones.set_index("region").to_dict("index")


def details(html: str, node: str) -> str:
    start = html.index(f"<h3>{node} <span")
    return html[start:html.index("</div>", start)]


def test_each_node_says_which_forecast_its_backtest_scores(tmp_path):
    html, zones = page(tmp_path)
    assert "a total its zones' backtest P50s summed" in html
    ava = zones["AVA"]
    same = (f"Backtest MASE {ava['backtest_mase']:.2f}, 80% coverage "
            f"{100 * ava['backtest_coverage80']:.0f}%: of AVA's: the same load and forecast.")
    assert same in details(html, "Northwest")
    top = details(html, "US48")
    assert f"Backtest MASE {zones['US48']['backtest_mase']:.2f}: of its zones' forecasts " \
           "summed" in top and "80% coverage" not in top
    row = re.search(r'<tr><td class="text"><a href="#node-\d+">Northwest</a>.*?</tr>', html,
                    re.S).group(0)
    assert "title=\"backtest of AVA's: the same load and forecast\"" in row


def test_an_older_run_says_its_totals_scores_are_their_own_models(tmp_path):
    html, _ = page(tmp_path, drop_backtest_of=True)
    assert "not those of the figures shown" in html
    assert "Backtest MASE" not in html
