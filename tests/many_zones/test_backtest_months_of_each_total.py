"""A total's published backtest MASE is scored on the backtest months its own zones share,
and the reconciliation test says how it reconciled. Found by fuzzing (11b D2): one New
England zone file ending mid-June cut every total's (origin, month) pairs to the 5 every
node of the run shared, so Florida, its forecast byte-identical, read 1.20 beside its zones'
1.03 and 0.97 (1.03 on its own 12 months); and with a single shared origin the out-of-sample
MinT test had no other origin's errors, reconciled with the structural W, while
reconciliation.json and the report said MinT-shrink."""

from __future__ import annotations

import html as markup
import zlib
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from forecasting.hierarchy.tree import build_hierarchy
from forecasting.many_zones.assemble import assemble
from forecasting.report.many_zones_files import ManyZonesFiles
from forecasting.report.many_zones_render import render_many_zones_report
from forecasting.report.run_dir_reading import read_table
from forecasting.runs.files import csv_text
from tests.many_zones.test_total_peaks_carry_zone_pipelines import node_result

REGIONS = {"GVL": "Florida", "HST": "Florida", "ISNE": "New England"}
ZONES = ["GVL", "HST", "ISNE-4001", "ISNE-4002"]
SIZE = {"GVL": 240.0, "HST": 5.0, "ISNE-4001": 1300.0, "ISNE-4002": 1300.0}
SHORT = "ISNE-4002"     # its file ends 2024-06-15: origin 2023-12, months 2024-01..05 only
ORIGINS = ["2023-12"] * 6 + ["2024-06"] * 6
PERIODS = [f"2024-{m:02d}" for m in range(1, 13)]
SCALE = 0.03


def run(*, short: bool, zone_sd: float = 0.02, total_sd: float = 0.08,
        size: dict[str, float] = SIZE):
    """The run of ``ZONES``, each node's backtest drawn from its own name (the same whatever
    else is cut): its P50 misses the actual by ``zone_sd`` (a zone) or ``total_sd`` (a
    total) of it. With ``short``, `SHORT` and every total over it keep the first origin's
    first 5 months, as their hours end mid-June."""
    h = build_hierarchy(ZONES, "US48", REGIONS)
    actual = {z: size[z] * 730 / 1000 * np.random.default_rng(zlib.crc32(z.encode()))
              .uniform(0.9, 1.1, len(PERIODS)) for z in ZONES}
    results = []
    for node in h.nodes:
        rng = np.random.default_rng(zlib.crc32(node.encode()) + 1)
        leaves = h.leaves_under(node)
        truth = sum(actual[z] for z in leaves)
        sd = zone_sd if node in h.leaves else total_sd
        p50 = truth * (1 + rng.normal(0, sd, len(truth)))
        rows = pd.DataFrame({"metric": "energy_gwh", "origin": ORIGINS, "period": PERIODS,
                             "actual": truth, "p50": p50, "mase_scale": SCALE * truth.mean()})
        if short and SHORT in leaves:
            rows = rows.iloc[:5]
        errors = pd.Series((rows["actual"] - rows["p50"]).to_numpy(),
                           index=(rows["origin"] + "/" + rows["period"]).to_numpy(), name=node)
        result = node_result(node, h.level[node], sum(size[z] for z in leaves), 0.0, rng)
        results.append(replace(result, backtest_selected=rows, errors=errors))
    return h, {r.node: r for r in results}, assemble(h, results, "US48")


def summed_mase(h, results, node: str, pairs: int) -> float:
    rows = results[node].backtest_selected.iloc[:pairs]
    p50 = sum(results[z].backtest_selected["p50"].iloc[:pairs].to_numpy()
              for z in h.leaves_under(node))
    return float(np.mean(np.abs(rows["actual"].to_numpy() - p50) / rows["mase_scale"]))


@pytest.fixture(scope="module")
def runs():
    return {short: run(short=short) for short in (True, False)}


def test_a_totals_mase_is_scored_on_its_own_zones_months(runs):
    h, results, short = runs[True]
    _, _, whole = runs[False]
    cut, full = (r.zones.set_index("region") for r in (short, whole))
    # Florida's zones and forecast are the same in both runs: so is its published MASE, on
    # its own 12 months, whatever New England's file holds
    assert cut.loc["Florida", "backtest_mase"] == pytest.approx(
        summed_mase(h, results, "Florida", 12))
    assert cut.loc["Florida", "backtest_mase"] == full.loc["Florida", "backtest_mase"]
    assert "on the 12 backtest origin-months" in cut.loc["Florida", "backtest_of"]
    # a total over the short zone: its 5 months, and zones.csv says so
    for total in ("US48", "ISNE"):
        assert cut.loc[total, "backtest_mase"] == pytest.approx(
            summed_mase(h, results, total, 5))
        assert "on the 5 backtest origin-months" in cut.loc[total, "backtest_of"]
    assert "on the 12 backtest origin-months" in full.loc["US48", "backtest_of"]


def test_the_reconciliation_test_says_it_fell_back_to_structural_weights(runs):
    _, _, short = runs[True]
    _, _, whole = runs[False]
    note = short.reconciliation
    assert note["method"] == "mint_shrink"        # what a MinT forecast would use: 5 errors
    test = note["backtest_projection"]
    assert test["method"] == "structural" and test["origin_months"] == 5
    assert [(o["origin"], o["months"], o["error_periods"]) for o in test["origins"]] == [
        ("2023-12", 5, 0)]
    # every zone whole: two origins, each reconciled from the other's 6 months
    test = whole.reconciliation["backtest_projection"]
    assert test["method"] == "mint_shrink" and test["origin_months"] == 12
    assert [o["error_periods"] for o in test["origins"]] == [6, 6]


def test_a_structural_test_is_no_evidence_for_mint_shrink():
    # four zones of one size, totals near exact, zones 10% off: reconciling helps at every
    # level, MinT-shrink where it was tested (every zone whole: published); on one shared
    # origin the test was the structural W, and MinT-shrink is not published on it
    even = dict.fromkeys(ZONES, 1000.0)
    whole = run(short=False, zone_sd=0.10, total_sd=0.001, size=even)[2].reconciliation
    short = run(short=True, zone_sd=0.10, total_sd=0.001, size=even)[2].reconciliation
    assert all(b["mase_reconciled"] < b["mase_bottom_up"] for b in short["backtest"])
    assert whole["published"] == "mint" and short["published"] == "bottom_up"
    assert whole["backtest_projection"]["method"] == "mint_shrink"
    assert short["backtest_projection"]["method"] == "structural"


def page(tmp_path, made) -> str:
    (tmp_path / "zones.csv").write_text(csv_text(made.zones))
    table = read_table(tmp_path / "zones.csv", labels=("period", "region", "parent"))
    manifest = {"region": "US48", "run_id": "r1", "inputs": {}, "packages": {},
                "timings_s": {}, "reconciliation": made.reconciliation}
    files = ManyZonesFiles(directory=tmp_path, manifest=manifest, forecast=made.forecast,
                           zones=table, history=None, coincidence=None, changes=None)
    return " ".join(markup.unescape(render_many_zones_report(files)).split())


def test_the_report_says_which_weights_the_test_reconciled_with(runs, tmp_path):
    text = page(tmp_path, runs[True][2])
    assert "MinT-shrink was tried" not in text
    assert ("did not test MinT-shrink, as the forecast would reconcile, but structural "
            "weights") in text
    assert "on the 5 backtest months (origin and month pairs) every node shares" in text
    whole = page(tmp_path, runs[False][2])   # bottom-up: MinT-shrink tested, not better
    assert "structural" not in whole and "MinT-shrink was tried and not used" in whole
    assert "on the 12 backtest months (origin and month pairs) every node shares" in whole
