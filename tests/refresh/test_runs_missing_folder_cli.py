"""`dcload runs` on a store whose latest run folder was deleted by hand: `list` and `show` say
the folder is missing (as pruned runs are marked), and `diff previous latest` says why it
cannot compare. The store is built by hand (no run needed): the registry and the links."""

from __future__ import annotations

import json
import os
from pathlib import Path

from pipelines.publishing.registry import Registry
from tests.refresh.conftest import run_dcload

OLD, GONE = "20260101T000000Z-aaaaaaaa", "20260102T000000Z-bbbbbbbb"


def _store(root: Path) -> Path:
    store = root / "store"
    (store / "runs" / OLD).mkdir(parents=True)
    (store / "runs" / OLD / "manifest.json").write_text(json.dumps({"run_id": OLD}))
    with Registry(store / "registry.sqlite") as registry:
        for run_id in (OLD, GONE):
            registry.insert(run_id, status="succeeded", ended_utc="2026-01-02T00:00:00+00:00",
                            key_results={"momentum": 150.0})
    os.symlink(Path("runs") / GONE, store / "latest")  # its folder was removed by hand
    return store


def test_a_run_folder_removed_by_hand_is_marked_missing(tmp_path: Path):
    store = _store(tmp_path)
    listed = run_dcload("runs", "list", "--store", str(store))
    assert listed.returncode == 0, listed.stderr
    [gone] = [line for line in listed.stdout.splitlines() if GONE in line]
    [old] = [line for line in listed.stdout.splitlines() if OLD in line]
    assert "succeeded (folder missing)" in gone and "missing" not in old
    entries = json.loads(run_dcload("runs", "list", "--store", str(store), "--json").stdout)
    assert {e["id"]: e["folder_missing"] for e in entries} == {GONE: True, OLD: False}

    shown = run_dcload("runs", "show", "latest", "--store", str(store))
    assert shown.returncode == 0, shown.stderr
    [line] = [line for line in shown.stdout.splitlines() if line.startswith("directory:")]
    assert f"missing: {store.name}/runs/{GONE}" in line or f"runs/{GONE}" in line
    assert json.loads(run_dcload("runs", "show", "latest", "--store", str(store),
                                 "--json").stdout)["folder_missing"] is True

    diff = run_dcload("runs", "diff", "previous", "latest", "--store", str(store))
    assert diff.returncode == 2
    [line] = diff.stderr.strip().splitlines()
    assert line.startswith("error: ") and GONE in line and "folder is missing" in line
