"""`dcload runs diff` and a zone report's changes section name each large-load value a
planner edited (a contract's MW, a bound of an assumption, a contract added or removed),
old -> new: a zone run's manifest records them (`large_load_record`). They had said
"Assumptions: none changed" while the edited queue moved the peak 300 MW (fuzz 9a D4). A run
published before the record still reads: its edited files are said changed, not itemized."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pandas as pd

from forecasting.runs.diff import RunSnapshot, diff_runs, format_diff, report_changes
from forecasting.runs.large_load_record import large_load_record
from forecasting.zones.read import read_large_loads
from tests.conftest import run_cli
from tests.zones.synthetic import hourly_load, write_load

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "zones" / "pjm_dom"
START = pd.Period("2005-05", "M")
FORECAST = pd.DataFrame([{"region": "PJM-DOM", "scenario": "vetted", "period": "2030",
                          "metric": "peak_mw", "mean": 1.0, "p05": 1.0, "p10": 1.0,
                          "p50": 1.0, "p90": 1.0, "p95": 1.0}])


def _folder(tmp_path: Path, name: str, edits: dict[str, list[tuple[str, str]]]) -> Path:
    folder = tmp_path / name
    shutil.copytree(SHIPPED, folder)
    for file, pairs in edits.items():
        text = (folder / file).read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text
            text = text.replace(old, new, 1)
        (folder / file).write_text(text, encoding="utf-8")
    return folder


def _manifest(folder: Path, run_id: str, *, record: bool = True) -> dict:
    manifest = {"run_id": run_id, "config": {"large_loads": "data/zones/pjm_dom"},
                "inputs": {"data/zones/pjm_dom/contracts.csv":
                           hashlib.sha256((folder / "contracts.csv").read_bytes()).hexdigest()}}
    if record:
        manifest["large_loads"] = json.loads(json.dumps(  # as written and read back
            large_load_record(*read_large_loads(folder, START)), sort_keys=True))
    return manifest


def _diff(old: dict, new: dict) -> dict:
    return diff_runs(RunSnapshot(old, FORECAST), RunSnapshot(new, FORECAST))


def test_each_edited_contract_and_assumption_is_named_old_to_new(tmp_path):
    edited = _folder(tmp_path, "edited", {
        "contracts.csv": [("CLOA,5000,", "CLOA,6000,"),
                          ("dom-seloa-2024-12,SELOA,26000,2024-12,2026-01",
                           "dom-esa-2025-06,ESA,300,2025-06,2026-07")],
        "assumptions.csv": [("utilization,,0.5,0.7,0.86", "utilization,,0.5,0.6,0.86")]})
    diff = _diff(_manifest(SHIPPED, "A"), _manifest(edited, "B"))
    changes = [(a["path"], a["change"], a["old"], a["new"]) for a in diff["assumption_changes"]]
    assert changes == [
        ("large_loads.assumptions.utilization.mode", "modified", 0.7, 0.6),
        ("large_loads.contracts[dom-cloa-2024-12].contracted_mw", "modified", 5000.0, 6000.0),
        ("large_loads.contracts[dom-seloa-2024-12]", "removed",
         {"contracted_mw": 26000.0, "earliest_in_service": "2026-01", "stage": "SELOA"}, None),
        ("large_loads.contracts[dom-esa-2025-06]", "added", None,
         {"contracted_mw": 300.0, "earliest_in_service": "2026-07", "stage": "ESA"}),
    ]
    text = format_diff(diff)
    assert "large_loads.contracts[dom-cloa-2024-12].contracted_mw: 5000.0 -> 6000.0" in text
    assert "assumption changes:\n  none" not in text
    assert len(report_changes(diff)["assumptions"]) == 4  # the report's changes section


def test_unchanged_files_give_no_large_load_change(tmp_path):
    assert _diff(_manifest(SHIPPED, "A"), _manifest(SHIPPED, "B"))["assumption_changes"] == []


def test_a_run_published_before_the_record_says_the_files_changed(tmp_path):
    edited = _folder(tmp_path, "edited", {"contracts.csv": [("CLOA,5000,", "CLOA,6000,")]})
    diff = _diff(_manifest(SHIPPED, "A", record=False), _manifest(edited, "B"))
    [change] = diff["assumption_changes"]
    assert change["path"] == "large_loads" and change["new"] == "contracts.csv changed"
    assert "not itemized" in change["old"]
    same = _diff(_manifest(SHIPPED, "A", record=False), _manifest(SHIPPED, "B"))
    assert same["assumption_changes"] == []


def test_a_many_zone_run_after_a_queue_edit_names_the_zones_edited_files():
    # a many-zone run's diff said "assumption changes: none" of two edited queues (fuzz 10a
    # D4); its manifest records no zone's values, so the files are named
    def manifest(run_id, contracts, assumptions):
        return {"run_id": run_id, "config": {"large_loads_dir": "queues"},
                "inputs": {"queues/erco_west/contracts.csv": contracts,
                           "queues/ava/assumptions.csv": assumptions, "zones/AVA.csv": "c"}}
    diff = _diff(manifest("A", "a", "b"), manifest("B", "a2", "b2"))
    [change] = diff["assumption_changes"]
    assert change["path"] == "large_loads" and "not itemized" in change["old"]
    assert change["new"] == "ava/assumptions.csv, erco_west/contracts.csv changed"
    assert _diff(manifest("A", "a", "b"), manifest("B", "a", "b"))["assumption_changes"] == []


def test_a_zone_run_after_a_queue_edit_lists_it_in_changes_json(tmp_path):
    """Two published zone runs of a synthetic zone through the real CLI (about 15 s)."""
    write_load(tmp_path / "XX.csv", hourly_load(1000.0))
    large = tmp_path / "ll"
    large.mkdir()
    contracts = ("project,stage,contracted_mw,as_of,earliest_in_service,source,confidence\n"
                 "p1,A,1200,2024-12,2026-01,x,U\n")
    (large / "contracts.csv").write_text(contracts)
    rows = [("realization,A", 1), ("delay_months,", 0), ("ramp_months,", 12),
            ("utilization,", 0.5), ("connection_limit_mw_per_year,", 100000),
            ("diurnal_amplitude,", 0), ("summer_uplift,", 0)]
    (large / "assumptions.csv").write_text(
        "parameter,stage,low,mode,high,source,confidence\n"
        + "".join(f"{name},{v},{v},{v},x,U\n" for name, v in rows))
    config = tmp_path / "zone.yaml"
    config.write_text(
        f"region: XX\nseries: [{tmp_path / 'XX.csv'}]\ndata_center: decomposition\n"
        f"reference_years: [2021, 2022]\nlarge_loads: {large}\nscenarios: [vetted]\n"
        "end_year: 2027\nprofile_year: 2027\nn_paths: 40\n"
        "backtest: {candidates: [seasonal_naive], peers: [seasonal_naive], n_paths: 20}\n")
    out = tmp_path / "out"
    for mw in (1200, 1500):
        (large / "contracts.csv").write_text(contracts.replace("1200", str(mw)))
        done = run_cli("forecast", "--config", str(config), "--output-dir", str(out),
                       "--quiet")
        assert done.returncode == 0, done.stderr
    changes = json.loads((out / "changes.json").read_text())
    assert [(a["key"], a["old"], a["new"]) for a in changes["assumptions"]] == [
        ("large_loads.contracts[p1].contracted_mw", 1200.0, 1500.0)]
    assert "none changed" not in (out / "index.html").read_text()
