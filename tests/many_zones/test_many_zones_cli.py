"""A many-zone run through the real command line on a local Dask cluster: every zone and
total in one forecast.csv, parents equal to the sum of their children, the same bytes with 1
and 2 workers, and a corrupt zone file reported in one line while the others publish."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import run_cli
from tests.report.conftest import open_report

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared" / "data" / "eia930_2020_2024"
ZONES = ("PJM-PEP", "PJM-BC", "ERCO-COAS")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    if not (SHARED / "zones").is_dir():
        pytest.skip("the EIA-930 zone files in ../shared are absent")
    ws = tmp_path_factory.mktemp("many")
    folder = ws / "my_zones"   # any folder of zone files named <BA>-<ZONE>
    folder.mkdir()
    for zone in ZONES:
        shutil.copy(SHARED / "zones" / f"{zone}.csv", folder)
    (folder / "PJM-XX.csv").write_text("this is not,a load file\n1,2\n")
    config = ws / "zones.yaml"
    config.write_text("\n".join([
        "region: US48", "series_dir: my_zones",
        f"regions: {json.dumps(str(SHARED / 'balancing_authority_acronyms.csv'))}",
        # few paths, one cheap model and two December origins (step: 12; the default 6 gave
        # four, and a 1-worker run took 31 s of CPU against 25): no test here reads the
        # backtest
        "zone:", "  n_paths: 40",
        "  backtest: {first_origin: \"2022-12\", step: 12, candidates: [seasonal_naive],",
        "             peers: [seasonal_naive], n_paths: 20}",
    ]) + "\n")
    runs = {}
    for workers in (1, 2):
        out = ws / f"w{workers}" / "latest"
        done = run_cli("forecast", "--config", str(config), "--output-dir", str(out),
                       "--workers", str(workers), "--quiet")
        runs[workers] = (done, out)
    return ws, runs


def test_a_corrupt_zone_is_one_line_and_the_others_publish(workspace):
    _, runs = workspace
    done, out = runs[2]
    assert done.returncode == 4, done.stderr   # published, some zones failed
    failed = [line for line in done.stderr.splitlines() if line.startswith("zone ")]
    assert len(failed) == 1 and "PJM-XX" in failed[0] and "PJM-XX.csv" in failed[0]
    assert "Traceback" not in done.stderr
    zones = pd.read_csv(out / "zones.csv").set_index("region")
    assert zones.loc["PJM-XX", "status"] == "failed"
    assert (zones.loc[list(ZONES), "status"] == "ok").all()


def test_every_zone_and_total_in_one_table_and_parents_sum_their_children(workspace):
    _, runs = workspace
    _, out = runs[2]
    table = pd.read_csv(out / "forecast.csv", dtype={"period": str})
    regions = set(table["region"])
    assert {*ZONES, "PJM", "ERCO", "Mid-Atlantic", "Texas", "US48"} <= regions
    assert "PJM-XX" not in regions
    assert {"energy_gwh", "peak_mw"} <= set(table["metric"])
    zones = pd.read_csv(out / "zones.csv", dtype={"parent": str})
    energy = table[(table.metric == "energy_gwh") & (table.component == "total")]
    energy = energy.set_index(["region", "period"])["mean"]
    ok = zones[zones.status == "ok"]
    for parent in ok["region"]:
        children = ok.loc[ok["parent"] == parent, "region"].tolist()
        if not children:
            continue
        summed = sum(energy.xs(c, level="region") for c in children)
        mine = energy.xs(parent, level="region")
        assert ((mine - summed).abs() <= 0.001 * mine).all(), parent


def test_one_and_two_workers_publish_the_same_bytes(workspace):
    _, runs = workspace
    (_, one), (_, two) = runs[1], runs[2]
    for name in ("forecast.csv", "zones.csv", "coincidence.csv", "history.csv", "peaks.csv",
                 "peak_check.csv"):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_every_node_has_its_own_50_50_and_90_10_peaks_and_their_held_out_check(workspace):
    _, runs = workspace
    _, out = runs[2]
    zones = pd.read_csv(out / "zones.csv")
    ok = set(zones.loc[zones["status"] == "ok", "region"])
    peaks = pd.read_csv(out / "peaks.csv")
    assert set(peaks["region"]) == ok and set(peaks["season"]) == {"summer", "winter"}
    assert (peaks["peak_90_10_mw"] >= peaks["peak_50_50_mw"]).all()
    # peaks do not add: a BA's 50/50 is at most the sum of its zones' (they peak apart)
    p2030 = peaks[(peaks["year"] == 2030) & (peaks["season"] == "summer")].set_index("region")
    assert p2030.loc["PJM", "peak_50_50_mw"] <= 1.01 * (p2030.loc["PJM-PEP", "peak_50_50_mw"]
                                                         + p2030.loc["PJM-BC", "peak_50_50_mw"])
    check = pd.read_csv(out / "peak_check.csv")
    assert set(check["region"]) == ok
    history = pd.read_csv(out / "history.csv", dtype={"period": str})
    pep = history[(history["region"] == "PJM-PEP") & history["complete"]
                  & (history["period"].str.len() == 4)]
    assert sorted(check.loc[check["region"] == "PJM-PEP", "year"].astype(str).unique()) \
        == sorted(pep["period"])


def test_history_has_every_nodes_months_as_a_zone_runs_history(workspace):
    """history.csv held annual rows only while forecast.csv is monthly (fuzz 11b D5): a
    planner setting the first forecast months against the last measured ones had to run each
    zone alone. Every node now has its monthly rows too, as its zone run's history.csv has
    them (the same columns, ``YYYY-MM``), adding up to its complete years, and the file is
    the one the manifest lists (its bytes are the same with 1 and 2 workers: above)."""
    import hashlib

    _, runs = workspace
    _, out = runs[2]
    history = pd.read_csv(out / "history.csv", dtype={"period": str})
    monthly = history[history["period"].str.fullmatch(r"\d{4}-\d{2}")]
    forecast = pd.read_csv(out / "forecast.csv", dtype={"period": str})
    assert set(monthly["region"]) == set(forecast["region"])
    pep = history[history["region"] == "PJM-PEP"].set_index("period")
    for year in pep.index[(pep.index.str.len() == 4) & pep["complete"].astype(bool)]:
        months = pep.loc[[f"{year}-{m:02d}" for m in range(1, 13)]]
        assert months["energy_gwh"].sum() == pytest.approx(pep.loc[year, "energy_gwh"],
                                                           abs=0.01)
        assert months["peak_mw"].max() == pep.loc[year, "peak_mw"]
    # the measured months reach the first forecast month (or the one before: a month the
    # files end inside is forecast too)
    last = pd.Period(monthly.loc[monthly["region"] == "US48", "period"].max(), "M")
    first = forecast.loc[(forecast["region"] == "US48")
                         & (forecast["period"].str.len() == 7), "period"].min()
    assert first in (str(last), str(last + 1))
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["outputs"]["history.csv"]["sha256"] == \
        hashlib.sha256((out / "history.csv").read_bytes()).hexdigest()


def test_the_manifest_and_report_say_what_each_zone_file_held(workspace):
    from forecasting.zones.history import build_history
    from forecasting.zones.read import read_zone_files

    _, runs = workspace
    _, out = runs[2]
    manifest = json.loads((out / "manifest.json").read_text())
    quality = manifest["data_quality"]
    assert sorted(quality) == sorted(ZONES)   # zones that ran; not totals, not the corrupt one
    for zone in ZONES:
        q = quality[zone]
        frame = pd.read_csv(SHARED / "zones" / f"{zone}.csv", usecols=["date_time"])
        stamps = pd.to_datetime(frame["date_time"])
        assert q["hours"] == int((stamps.max() - stamps.min()) / pd.Timedelta(hours=1)) + 1
        assert q["evidence_hours"] + q["absent_hours"] + q["outlier_hours"] \
            + q["not_load_hours"] == q["hours"]
        alone = build_history(read_zone_files([SHARED / "zones" / f"{zone}.csv"])).quality()
        assert q == json.loads(json.dumps(alone))   # as a zone run of that file says
    html = (out / "index.html").read_text()
    section = html[html.index('<section id="data-quality">'):]
    section = section[:section.index("</section>")]
    for zone in ZONES:
        assert f'<td class="text">{zone}</td>' in section
    assert "PJM-XX" not in section
    worst = min(ZONES, key=lambda z: (quality[z]["evidence_hours"] / quality[z]["hours"], z))
    assert section.index(f'<td class="text">{worst}</td>') \
        == min(section.index(f'<td class="text">{z}</td>') for z in ZONES)


def test_refresh_reruns_only_the_zones_whose_file_changed(workspace):
    ws, runs = workspace
    _, out = runs[1]
    before = pd.read_csv(out / "forecast.csv", dtype={"period": str})
    check_before = pd.read_csv(out / "peak_check.csv")
    changed = ws / "my_zones" / "PJM-BC.csv"
    lines = changed.read_text().splitlines()
    changed.write_text("\n".join(lines[:-24]) + "\n")   # a day fewer at the end
    done = run_cli("refresh", "--config", str(ws / "zones.yaml"), "--store", str(out.parent),
                   "--workers", "1")
    assert done.returncode == 4, done.stderr
    # ERCO-COAS and PJM-PEP are untouched; PJM-BC and the totals of several children above
    # it reran; ERCO, Texas and Mid-Atlantic (one child each) are tasks no more
    assert "reused 2 unchanged zone task(s) of 6" in done.stderr
    after = pd.read_csv(out / "forecast.csv", dtype={"period": str})
    assert after["region"].tolist() == before["region"].tolist()
    # a reused zone's own numbers (its published peaks follow its reconciled energy, which
    # every zone's forecast moves: `coherent_peaks`)
    check_after = pd.read_csv(out / "peak_check.csv")
    assert check_before[check_before["region"] == "ERCO-COAS"].reset_index(drop=True).equals(
        check_after[check_after["region"] == "ERCO-COAS"].reset_index(drop=True))
    # ERCO-COAS is Texas's only zone: the three publish one load's peaks
    peaks = after[after["metric"] == "peak_mw"]
    zone = peaks[peaks["region"] == "ERCO-COAS"].drop(columns="region").reset_index(drop=True)
    for total in ("ERCO", "Texas"):
        assert peaks[peaks["region"] == total].drop(columns="region").reset_index(drop=True) \
            .equals(zone)


def test_an_existing_dask_cluster_by_address_publishes_the_same_bytes(workspace):
    # a real scheduler with its own worker processes, reached only by its tcp:// address
    from distributed import LocalCluster

    ws, runs = workspace
    _, one = runs[1]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None, host="127.0.0.1") as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tcp://")
        out = ws / "remote" / "latest"
        done = run_cli("forecast", "--config", str(ws / "zones.yaml"), "--output-dir",
                       str(out), "--scheduler", address, "--quiet")
    assert done.returncode == 4, done.stderr   # the corrupt zone still fails, the rest publish
    for name in ("forecast.csv", "zones.csv"):
        assert (out / name).read_bytes() == (one / name).read_bytes(), name


@pytest.mark.browser
def test_the_report_zone_table_links_every_node_and_sorts_by_a_column(workspace, browser):
    _, runs = workspace
    _, out = runs[2]
    visit = open_report(browser, out / "index.html")
    page = visit.page
    assert not visit.page_errors and not visit.console_errors
    zones = pd.read_csv(out / "zones.csv")
    rows = page.locator("#zone-table tbody tr")
    assert rows.count() == len(zones)
    links = page.eval_on_selector_all("#zone-table tbody a",
                                      "els => els.map(e => e.getAttribute('href'))")
    assert len(links) == len(zones)
    for href in links:   # each region's link lands on its own detail section
        assert page.locator(f"[id='{href[1:]}']").count() == 1, href
    column = 6   # Energy 2030
    values = (f"els => els.map(r => r.cells[{column}].dataset.value)"
              " .filter(v => v !== '').map(parseFloat)")
    header = page.locator("#zone-table th").nth(column)
    assert header.inner_text() == "Energy 2030"
    header.click()
    up = page.eval_on_selector_all("#zone-table tbody tr", values)
    assert len(up) >= 4 and up == sorted(up)
    header.click()
    down = page.eval_on_selector_all("#zone-table tbody tr", values)
    assert down == sorted(up, reverse=True)
    # each node's summer 2030 50/50 [90/10] beside its energy, as in peaks.csv
    peaks = pd.read_csv(out / "peaks.csv")
    pep = peaks[(peaks["region"] == "PJM-PEP") & (peaks["year"] == 2030)
                & (peaks["season"] == "summer")].iloc[0]
    summer = page.locator("#zone-table th").nth(8)
    assert summer.inner_text() == "Summer peak 2030, 50/50 [90/10]"
    row = page.locator("#zone-table tbody tr", has=page.locator("a", has_text="PJM-PEP")).first
    assert row.locator("td").nth(8).inner_text() == \
        f"{pep['peak_50_50_mw']:,.0f} [{pep['peak_90_10_mw']:,.0f}]"
    check = pd.read_csv(out / "peak_check.csv").query("region == 'PJM-PEP'")
    summers = check[check["season"] == "summer"]
    detail = page.locator("#details > div", has=page.locator("h3", has_text="PJM-PEP ("))
    held_out = detail.locator(".peak-check").inner_text()
    assert f"above the 90/10 in {int(summers['above_90_10'].sum())} of {len(summers)} summers" \
        in held_out


def test_a_scheduler_address_that_is_wrong_is_one_line(workspace):
    ws, _ = workspace
    out = ws / "nowhere" / "latest"
    done = run_cli("forecast", "--config", str(ws / "zones.yaml"), "--output-dir", str(out),
                   "--scheduler", "not-an-address", "--quiet")
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    [line] = done.stderr.strip().splitlines()
    assert "field '--scheduler'" in line and "cannot reach a Dask scheduler" in line
    assert not (out / "forecast.csv").exists()
