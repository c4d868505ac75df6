"""A many-zone run publishes each node's backtest failures (backtest_failures.csv, a
``region`` column first), as a zone run does: every node is run as a zone, and a candidate
its history is too short for at the first origins fails there the same way. Before, the
nodes' failures reached no output. A single-child total publishes its child's, as it
publishes its child's backtest. Its report says so in each node's details and names the
nodes by the node table.

The failure is a real one: ``backtest.min_train: 12`` gives first origins of 12 months, and
seasonal_level needs 24 (naive, the other candidate, 2)."""

from __future__ import annotations

import html as markup
import json
import re
from io import StringIO

import numpy as np
import pandas as pd
import pytest

from forecasting.many_zones.compute import compute_many_zones
from forecasting.many_zones.inputs import many_zones_fingerprint
from forecasting.many_zones.tables import many_zones_tables
from forecasting.runs.manifest import many_zones_manifest
from pipelines.publishing.run_dir import render_index

NEEDED = 24  # months seasonal_level needs (`SeasonalLevel.observations_needed`)


def zone_file(path, start: str, end: str, level: float) -> None:
    hours = pd.date_range(start, end, freq="h")
    t = np.arange(len(hours))
    noise = np.random.default_rng(int(level)).normal(0.0, 5.0, len(hours))
    load = level * (1 + 0.2 * np.sin(t * 2 * np.pi / 24)
                    + 0.1 * np.cos(t * 2 * np.pi / (24 * 365.25))) + noise
    pd.DataFrame({"when": hours.strftime("%Y-%m-%d %H:%M:%S"), "mw": load.round(1)}).to_csv(
        path, index=False)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The computed run and its published directory (tables, manifest, page)."""
    # TOP -> North -> AAA -> {AAA-N, AAA-S}: AAA sums the two, North and TOP take its result
    tmp_path = tmp_path_factory.mktemp("failures")
    folder = tmp_path / "z"
    folder.mkdir()
    zone_file(folder / "AAA-N.csv", "2021-01-01", "2024-12-31 23:00", 1000.0)
    zone_file(folder / "AAA-S.csv", "2020-01-01", "2024-12-31 23:00", 400.0)
    (tmp_path / "regions.csv").write_text("Code,Name,Time Zone,Region\n"
                                          "AAA,Alpha,Eastern,North\n")
    path = tmp_path / "zones.yaml"
    path.write_text("region: TOP\nseries_dir: z\nregions: regions.csv\nzone:\n  n_paths: 12\n"
                    "  end_year: 2026\n  profile_year: 2026\n  data_center: none\n"
                    "  backtest: {step: 12, n_paths: 12, min_train: 12,\n"
                    "             candidates: [naive, seasonal_level], peers: [naive]}\n")
    computed = compute_many_zones(path)
    files = many_zones_tables(computed)
    manifest = many_zones_manifest(computed, many_zones_fingerprint(path), run_id="r1",
                                   timings={})
    out = tmp_path / "run"
    out.mkdir()
    for name, text in {**files, "manifest.json": json.dumps(manifest)}.items():
        (out / name).write_text(text)
    render_index(out)
    return computed, out


def test_each_nodes_backtest_failures_are_published_with_its_name(published):
    computed, out = published
    text = (out / "backtest_failures.csv").read_text()
    failures = pd.read_csv(StringIO(text), dtype={"origin": str})
    assert list(failures.columns) == ["region", "metric", "model", "origin", "message"]
    assert set(failures["model"]) == {"seasonal_level"}
    assert failures["message"].str.startswith("SeriesTooShortError").all()
    # each node's failures are the origins with fewer months than the model needs
    starts = {"AAA-N": "2021-01", "AAA-S": "2020-01", "AAA": "2021-01"}  # a total: shared hours
    rows = computed.run.backtest_selected
    for node, start in starts.items():
        origins = set(rows.loc[(rows["region"] == node) & (rows["period"].str.len() == 7),
                               "origin"])
        short = {o for o in origins
                 if (pd.Period(o, "M") - pd.Period(start, "M")).n + 1 < NEEDED}
        assert short  # the premise: it has such origins
        for metric in ("energy_gwh", "peak_mw"):
            mine = failures[(failures["region"] == node) & (failures["metric"] == metric)]
            assert set(mine["origin"]) == short, (node, metric)
    # the totals over AAA alone publish its failures under their own names
    for total in ("North", "TOP"):
        mine = failures[failures["region"] == total].drop(columns="region")
        theirs = failures[failures["region"] == "AAA"].drop(columns="region")
        assert mine.reset_index(drop=True).equals(theirs.reset_index(drop=True))


def test_the_report_says_each_nodes_failures_at_how_many_of_its_origins(published):
    _, out = published
    html = (out / "index.html").read_text()
    summed = json.loads((out / "manifest.json").read_text())["reconciliation"]["published"]
    failures = pd.read_csv(out / "backtest_failures.csv", dtype={"origin": str})
    nodes = set(failures["region"])
    line = re.search(r'<p class="note" id="backtest-failures">(.*?)</p>', html, re.S).group(1)
    assert f"In {len(nodes)} of the 5 nodes backtested" in line  # every node has a failure
    # each node's origins: every December from its history's 12th month to the last with a
    # later actual (2023-12; min_train 12, step 12), whichever of them failed
    starts = {"AAA-N": 2021, "AAA-S": 2020, "AAA": 2021, "North": 2021, "TOP": 2021}
    for node in nodes:
        anchor = re.search(rf'<div id="(node-\d+)"><h3>{node} <span', html).group(1)
        assert f'<a href="#{anchor}">{node}</a>' in line
        start = html.index(f'<div id="{anchor}">')
        said = " ".join(markup.unescape(re.sub(r"<[^>]+>", "", html[
            start:html.index("</div>", start)])).split())
        k = len(failures[(failures["region"] == node) & (failures["metric"] == "energy_gwh")])
        assert (f"energy_gwh: seasonal_level at {k} of {2023 - starts[node] + 1} origins"
                in said), node
        assert "selected combined the other candidates alone" in said
        # a total published bottom-up shows its zones' sum, not the model that failed (AAA
        # and the single-child totals taking its paths)
        assert ("These are its own model's" in said) == (
            summed == "bottom_up" and node not in ("AAA-N", "AAA-S")), node
