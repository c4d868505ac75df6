"""`dcload runs show` and `runs diff` on a run whose manifest.json was damaged after it was
published (not JSON, or JSON but not an object): one line naming the file, exit 2, no
traceback, as `dcload report --run-dir` answers. The store is built by hand (no run needed)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipelines.publishing.registry import Registry
from tests.conftest import one_error_line
from tests.refresh.conftest import run_dcload

OLD, NEW = "20260101T000000Z-aaaaaaaa", "20260102T000000Z-bbbbbbbb"
FORECAST = ("region,scenario,component,period,metric,mean,p05,p10,p50,p90,p95\n"
            "US,momentum,total,2030,twh,300,200,220,300,380,400\n")


def _store(root: Path, damaged_manifest: str) -> Path:
    store = root / "store"
    for run_id in (OLD, NEW):
        run = store / "runs" / run_id
        run.mkdir(parents=True)
        (run / "forecast.csv").write_text(FORECAST)
        (run / "manifest.json").write_text(json.dumps({"run_id": run_id}))
    (store / "runs" / NEW / "manifest.json").write_text(damaged_manifest)
    with Registry(store / "registry.sqlite") as registry:
        for run_id in (OLD, NEW):
            registry.insert(run_id, status="succeeded", key_results={"momentum": 300.0})
    os.symlink(Path("runs") / NEW, store / "latest")
    return store


@pytest.mark.parametrize(("manifest", "said"), [('{"a":', "not valid JSON"),
                                                ("[1, 2]", "must be a JSON object")])
def test_a_damaged_manifest_is_named_in_one_line(tmp_path: Path, manifest: str, said: str):
    store = _store(tmp_path, manifest)
    for args in (("show", "latest"), ("diff", "previous", "latest")):
        line = one_error_line(run_dcload("runs", *args, "--store", str(store)))
        assert f"runs/{NEW}/manifest.json" in line and said in line, line
