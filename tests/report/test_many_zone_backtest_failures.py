"""The many-zone report says which nodes' backtests had models fail at some origins
(backtest_failures.csv, a ``region`` column first): a sentence in each such node's details,
as the zone report's, and one line by the node table naming those nodes. Before, only the
CSV said so: the node table showed a node's MASE and coverage with no hint that some of its
candidates were skipped. A run published before the file renders as before; a file without
its columns is one line naming it."""

from __future__ import annotations

import html as markup
import json
import re

import pandas as pd
import pytest

from forecasting.many_zones.assemble import ZONE_COLUMNS
from forecasting.runs.files import csv_text
from pipelines.publishing.run_dir import render_index
from tests.conftest import one_error_line, run_cli
from tests.report.test_many_zone_run_dir_checks import MANIFEST, run_dir

ORIGINS = ("2021-12", "2022-12", "2023-12")
NODES = [{"region": "US48", "level": "top", "status": "ok", "leaves": 2, "data_center": "none"},
         {"region": "TAL", "level": "zone", "parent": "US48", "status": "ok", "leaves": 1,
          "data_center": "none"},
         {"region": "TEX", "level": "zone", "parent": "US48", "status": "ok", "leaves": 1,
          "data_center": "none"}]
CONFIG = {"zone": {"data_center": "none",
                   "backtest": {"candidates": ["naive", "seasonal_level"],
                                "peers": ["seasonal_naive"], "strategy": "ensemble"}}}
HEADER = "region,metric,model,origin,message\n"


def failure(region: str, model: str, origin: str, metric: str = "energy_gwh") -> str:
    return (f"{region},{metric},{model},{origin},\"SeriesTooShortError: model '{model}' "
            "needs at least 24 observations, got 12\"\n")


def selected_rows(skip: dict[str, set[str]] | None = None,
                  no_peak: dict[str, set[str]] | None = None) -> str:
    """backtest_forecasts.csv as a many-zone run writes it: each node's `selected` rows
    (three months and the year of each origin's forecast), none at the origins ``skip``
    gives a node (where every candidate failed), no peak rows at those ``no_peak`` gives it
    (no complete weather year before them)."""
    rows = []
    for node in ("US48", "TAL", "TEX"):
        for origin in ORIGINS:
            if origin in (skip or {}).get(node, set()):
                continue
            first = pd.Period(origin, "M") + 1
            peak = origin not in (no_peak or {}).get(node, set())
            for metric in ("energy_gwh", "peak_mw")[:2 if peak else 1]:
                periods = [str(first + h) for h in range(3)] + [str(first.year)]
                rows += [{"region": node, "metric": metric, "model": "selected",
                          "origin": origin, "period": period, "p50": 1.0, "actual": 1.0}
                         for period in periods]
    return csv_text(pd.DataFrame(rows))


def page(tmp_path, *, failures: str | None, forecasts: str | None = None,
         published: str = "bottom_up", nodes: list[dict] = NODES,
         config: dict = CONFIG) -> str:
    """The rendered page (HTML) of a run of ``nodes`` with these tables (``failures`` None:
    a run published before backtest_failures.csv)."""
    run = run_dir(tmp_path, zones=csv_text(pd.DataFrame(nodes, columns=ZONE_COLUMNS)))
    manifest = dict(MANIFEST, config=config, reconciliation={"published": published})
    (run / "manifest.json").write_text(json.dumps(manifest))
    if failures is not None:
        (run / "backtest_failures.csv").write_text(failures)
    (run / "backtest_forecasts.csv").write_text(forecasts if forecasts is not None
                                                else selected_rows())
    return render_index(run).read_text()


def text(html: str) -> str:
    return " ".join(markup.unescape(re.sub(r"<[^>]+>", "", html)).split())


def details(html: str, node: str) -> str:
    start = html.index(f"<h3>{node} <span")
    return text(html[start:html.index("</div>", start)])


def count_line(html: str) -> str | None:
    found = re.search(r'<p class="note" id="backtest-failures">(.*?)</p>', html, re.S)
    return None if found is None else found.group(1)


def test_a_backtest_without_failures_says_nothing(tmp_path):
    html = page(tmp_path, failures=HEADER)
    assert count_line(html) is None
    assert "failed at some backtest origins" not in text(html)


def test_a_run_published_before_the_file_renders_without_a_sentence(tmp_path):
    html = page(tmp_path, failures=None)
    assert "dcload zones report: US48" in html
    assert count_line(html) is None
    assert "failed at some backtest origins" not in text(html)


def test_a_candidate_that_failed_at_some_origins_of_one_node_is_said_there(tmp_path):
    html = page(tmp_path, failures=HEADER + failure("TAL", "seasonal_level", ORIGINS[0])
                + failure("TAL", "seasonal_level", ORIGINS[0], metric="peak_mw")
                + failure("TAL", "seasonal_naive", ORIGINS[0]))
    said = details(html, "TAL")
    n = len(ORIGINS)
    assert (f"energy_gwh: seasonal_level at 1 of {n} origins, seasonal_naive (a peer) at 1 "
            f"of {n} origins; peak_mw: seasonal_level at 1 of {n} origins") in said
    assert "selected combined the other candidates alone" in said
    assert "backtest_failures.csv" in said
    for other in ("US48", "TEX"):
        assert "failed at some backtest origins" not in details(html, other)
    line = count_line(html)
    assert line is not None
    assert f"In 1 of the {len(NODES)} nodes backtested" in text(line)
    # the node is named with a link to its details
    anchor = re.search(r'<div id="(node-\d+)"><h3>TAL <span', html).group(1)
    assert f'<a href="#{anchor}">TAL</a>' in line


def test_an_origin_where_every_candidate_failed_is_counted_though_selected_has_no_row(
        tmp_path):
    # a many-zone run publishes each node's `selected` rows alone: at the origin where both
    # candidates failed it has none, and the origin is still one of the node's
    html = page(tmp_path, forecasts=selected_rows(skip={"TEX": {ORIGINS[0]}}),
                failures=HEADER + failure("TEX", "naive", ORIGINS[0])
                + failure("TEX", "seasonal_level", ORIGINS[0]))
    said = details(html, "TEX")
    assert f"naive at 1 of {len(ORIGINS)} origins" in said
    assert "at 1 origin no energy candidate forecast, so it has none there" in said


def test_the_peaks_origins_are_the_backtests_though_selected_has_no_peak_there(tmp_path):
    # `selected`'s peaks need a complete weather year before the origin: none at the first,
    # where its energy and the peak candidates forecast all the same
    html = page(tmp_path, forecasts=selected_rows(no_peak={"TAL": {ORIGINS[0]}}),
                failures=HEADER + failure("TAL", "seasonal_level", ORIGINS[1],
                                          metric="peak_mw"))
    assert f"peak_mw: seasonal_level at 1 of {len(ORIGINS)} origins" in details(html, "TAL")


def test_a_peer_named_as_a_candidate_is_a_peer_where_the_candidates_had_data_centers(
        tmp_path):
    # a queue zone's energy candidates are fitted on the base plus the data-center trend
    # (auto_ets+dc), its peers on the total as it comes (auto_ets): its `selected` rows
    # cannot tell which the failed auto_ets was, zones.csv's data_center does
    config = {"zone": {"data_center": "none",
                       "backtest": {"candidates": ["auto_ets", "naive"], "peers": ["auto_ets"],
                                    "strategy": "ensemble"}}}
    queue = [dict(n, data_center="large-load pipeline") if n["region"] == "TEX" else n
             for n in NODES]
    failures = (HEADER + failure("TAL", "auto_ets", ORIGINS[0])
                + failure("TEX", "auto_ets", ORIGINS[0]))
    html = page(tmp_path, failures=failures, nodes=queue, config=config)
    tex, tal = details(html, "TEX"), details(html, "TAL")
    assert "auto_ets (a peer) at 1 of" in tex and "selected is unchanged" in tex
    assert "auto_ets at 1 of" in tal and "selected combined the other candidates alone" in tal
    # with data_center: decomposition every node's candidates are auto_ets+dc
    (tmp_path / "all").mkdir()
    html = page(tmp_path / "all", failures=failures + failure("TEX", "auto_ets+dc", ORIGINS[1]),
                config={"zone": dict(config["zone"], data_center="decomposition")})
    assert "auto_ets (a peer) at 1 of" in details(html, "TAL")
    assert "auto_ets+dc at 1 of" in details(html, "TEX")


def test_a_summed_totals_failures_are_said_to_be_its_own_models(tmp_path):
    failures = HEADER + failure("US48", "seasonal_level", ORIGINS[0]) + failure(
        "TAL", "seasonal_level", ORIGINS[1])
    html = page(tmp_path, failures=failures)
    assert "These are its own model's, fitted to test the reconciliation" in details(html,
                                                                                     "US48")
    assert "These are its own model's" not in details(html, "TAL")
    assert f"In 2 of the {len(NODES)} nodes backtested" in text(count_line(html))
    # under MinT a total's own forecast is the one reconciled: no such note
    (tmp_path / "mint").mkdir()
    html = page(tmp_path / "mint", failures=failures, published="mint")
    assert "failed at some backtest origins" in details(html, "US48")
    assert "These are its own model's" not in details(html, "US48")


@pytest.mark.parametrize("name, table, missing", [
    ("backtest_failures.csv", "region,metric,model,origin\nTAL,energy_gwh,naive,2021-12\n",
     "message"),
    ("backtest_failures.csv", "metric,model,origin,message\n", "region"),
    ("backtest_forecasts.csv", "region,metric,origin\nTAL,energy_gwh,2021-12\n",
     "model, period"),
])
def test_a_table_without_its_columns_is_one_line_naming_it(tmp_path, name, table, missing):
    tables = {"backtest_failures.csv": HEADER + failure("TAL", "naive", ORIGINS[0]),
              "backtest_forecasts.csv": selected_rows(), name: table}
    run = run_dir(tmp_path, zones=csv_text(pd.DataFrame(NODES, columns=ZONE_COLUMNS)))
    (run / "manifest.json").write_text(json.dumps(dict(MANIFEST, config=CONFIG)))
    for file, content in tables.items():
        (run / file).write_text(content)
    line = one_error_line(run_cli("report", "--run-dir", str(run)))
    assert name in line and f"lacks the column(s) {missing}" in line
    assert (run / "index.html").read_text() == "old report"
