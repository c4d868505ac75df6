"""Helpers for the refresh tests: run the real CLI, read a store's registry, wait for a test
pause point (`DCLOAD_TEST_PAUSE_AT`, see pipelines/publishing/pause_points.py)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
import yaml

from forecasting.paths import DATA_DIR, DEFAULT_PIPELINE, ROOT
from forecasting.runs.outputs import output_records
from tests.conftest import CliResult, Workspace

DCLOAD = [sys.executable, "-m", "pipelines"]  # the real CLI, as `dcload`
DRAWS = ("--draws", "200")
FORECAST_COLUMNS = ["region", "scenario", "period", "metric", "mean", "p05", "p10", "p50", "p90",
                    "p95"]


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DCLOAD_TEST_")}
    env.update(COLUMNS="200", NO_COLOR="1")
    env.update(extra or {})
    return env


def run_dcload(*args: str, env: dict[str, str] | None = None, timeout: float = 120
               ) -> CliResult:
    done = subprocess.run([*DCLOAD, *args], cwd=ROOT, env=_env(env), capture_output=True,
                          text=True, timeout=timeout)
    return CliResult(done.returncode, done.stdout, done.stderr)


def start_dcload(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen([*DCLOAD, *args], cwd=ROOT, env=_env(env),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def refresh_args(ws: Workspace, store: Path, *extra: str) -> list[str]:
    return ["refresh", "--config", str(ws.config), "--store", str(store), *DRAWS, *extra]


def pause_env(point: str, marker: Path) -> dict[str, str]:
    return {"DCLOAD_TEST_PAUSE_AT": point, "DCLOAD_TEST_PAUSE_FILE": str(marker),
            "DCLOAD_TEST_PAUSE_SECONDS": "60"}


def wait_for_marker(marker: Path, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not marker.exists():
        if proc.poll() is not None:
            out, err = proc.communicate()
            raise AssertionError(f"exited {proc.returncode} before the pause point:\n{err}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("pause point not reached in time")
        time.sleep(0.02)


def make_workspace(root: Path) -> Workspace:
    """The shipped config and data tables under `root`, with the config made fast (see
    `make_fast`)."""
    (root / "pipelines").mkdir(parents=True)
    (root / "data").mkdir()
    shutil.copy(DEFAULT_PIPELINE, root / "pipelines" / "us_national.yaml")
    for table in DATA_DIR.glob("*.csv"):
        shutil.copy(table, root / "data" / table.name)
    if (DATA_DIR / "scenarios").is_dir():
        shutil.copytree(DATA_DIR / "scenarios", root / "data" / "scenarios")
    ws = Workspace(root)
    make_fast(ws)
    return ws


def make_fast(ws: Workspace) -> None:
    """A refresh here tests publishing, not modelling: one baseline candidate, two scenarios
    and few draws make a run take about a second instead of twenty."""
    config = yaml.safe_load(ws.config.read_text(encoding="utf-8"))
    config["baseline"].update(candidates=["loglinear_trend"], fallback="loglinear_trend",
                              backtest_paths=100)
    config["scenarios"] = ["momentum", "moderate-ai"]
    config.setdefault("sensitivity", {})["draws"] = 100
    ws.config.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


@pytest.fixture
def fast_workspace(tmp_path: Path) -> Workspace:
    return make_workspace(tmp_path / "ws")


def registry_rows(store: Path) -> list[dict]:
    with sqlite3.connect(store / "registry.sqlite") as db:
        db.row_factory = sqlite3.Row
        return [dict(r) for r in db.execute("SELECT * FROM runs ORDER BY seq")]


def latest_id(store: Path) -> str:
    link = store / "latest"
    assert link.is_symlink(), "latest must be a symlink"
    target = Path(os.readlink(link))
    assert target.parent == Path("runs"), target
    return target.name


def read_latest(store: Path) -> pd.DataFrame:
    table = pd.read_csv(store / "latest" / "forecast.csv")
    assert set(FORECAST_COLUMNS) <= set(table.columns)
    assert not table.empty
    return table


def assert_consistent(store: Path) -> None:
    """No run left running, nothing staged, every failed run without a directory, latest on
    the newest published succeeded run."""
    rows = registry_rows(store)
    assert not [r for r in rows if r["status"] == "running"], rows
    assert not [p for p in (store / "runs").iterdir() if p.name.startswith(".")]
    for r in rows:
        if r["status"] in ("failed", "skipped"):
            assert not (store / "runs" / r["id"]).exists(), r
        if r["status"] == "succeeded" and r["pruned_utc"] is None:
            assert (store / "runs" / r["id"] / "forecast.csv").is_file(), r
    succeeded = [r for r in rows if r["status"] == "succeeded"]
    assert latest_id(store) == succeeded[-1]["id"]
    read_latest(store)


def publish_fixture_run(store: Path, run_id: str, *, fingerprint: str = "d" * 64) -> Path:
    """A whole published run `run_id` in `store` without running anything: the committed v0.1
    run under that id (its manifest's `outputs` recording forecast.csv and history.csv) and a
    succeeded registry row; `latest` is not touched. Its folder."""
    from pipelines.publishing.registry import Registry

    run = store / "runs" / run_id
    shutil.copytree(ROOT / "tests" / "fixtures" / "runs" / "v0.1-thin", run)
    (run / "index.html").write_text("report")
    manifest = json.loads((run / "manifest.json").read_text())
    names = ("forecast.csv", "history.csv")
    manifest.update(run_id=run_id, outputs=output_records({n: (run / n).read_text()
                                                           for n in names}))
    (run / "manifest.json").write_text(json.dumps(manifest))
    with Registry(store / "registry.sqlite") as registry:
        registry.insert(run_id, status="succeeded", fingerprint=fingerprint,
                        key_results={"a": 1.0})
    return run
