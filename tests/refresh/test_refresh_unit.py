"""The publishing machinery in-process: the lock, failure paths that must leave `latest` alone,
recovery, retention, and a refresh after `dcload forecast` (one way to publish)."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from forecasting.paths import ROOT
from pipelines.publishing import publish_run as publish_module
from pipelines.publishing.lock import StoreLock, StoreLocked
from pipelines.publishing.logs import RunLog
from pipelines.publishing.publish_run import PublishOptions, _prune, publish_run, recover
from pipelines.publishing.registry import Registry
from pipelines.publishing.store import PublishCheckError, Store
from tests.conftest import Workspace
from tests.refresh.conftest import (
    assert_consistent,
    latest_id,
    publish_fixture_run,
    registry_rows,
)


def run(ws: Workspace, store: Path, **options) -> tuple[int, str]:
    stream = io.StringIO()
    outcome = publish_run(PublishOptions(config=ws.config, store=store, draws=200, **options),
                          RunLog(stream=stream))
    return outcome.exit_code, stream.getvalue()


def test_the_lock_is_exclusive_and_names_its_holder(tmp_path: Path):
    first, second = StoreLock(tmp_path), StoreLock(tmp_path)
    first.acquire()
    with pytest.raises(StoreLocked) as locked:
        second.acquire()
    assert locked.value.holder["pid"] == os.getpid()
    assert f"pid {os.getpid()}" in str(locked.value)
    first.release()
    second.acquire()
    second.release()


def refused_by_holder(tmp_path: Path, code: str) -> tuple[StoreLocked, int]:
    """Start a process running `code` (which prints 'locked' once it holds the store's lock),
    try the lock once it has, kill the holder; (the refusal, the holder's pid)."""
    holder = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(StoreLocked) as locked:
            StoreLock(tmp_path).acquire()
        return locked.value, holder.pid
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()


def test_a_refresh_arriving_between_the_holders_lock_and_its_record_still_names_it(
        tmp_path: Path):
    # the holder takes the flock, then writes its record a moment later (as acquire() does)
    code = ("import fcntl, json, os, time; "
            f"fd = os.open({str(tmp_path / 'refresh.lock')!r}, os.O_RDWR | os.O_CREAT); "
            "fcntl.flock(fd, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(0.3); "
            "os.pwrite(fd, json.dumps({'pid': os.getpid()}).encode(), 0); time.sleep(60)")
    refused, pid = refused_by_holder(tmp_path, code)
    assert f"pid {pid}" in str(refused)


def test_the_lock_dies_with_its_holder(tmp_path: Path):
    code = ("import sys, time; from pipelines.publishing.lock import StoreLock; "
            f"StoreLock({str(tmp_path)!r}).acquire(); print('locked', flush=True); "
            "time.sleep(60)")
    refused, pid = refused_by_holder(tmp_path, code)
    assert refused.holder["pid"] == pid
    lock = StoreLock(tmp_path)
    lock.acquire()  # the stale file with the dead pid does not block
    lock.release()


def test_a_failed_check_leaves_latest_and_records_the_failure(fast_workspace: Workspace,
                                                             tmp_path: Path, monkeypatch):
    store = tmp_path / "store"
    assert run(fast_workspace, store)[0] == 0
    before = latest_id(store)

    def broken(*args, **kwargs):
        raise PublishCheckError("forecast.csv is empty or has missing quantiles")

    monkeypatch.setattr(publish_module, "check_run", broken)
    code, log = run(fast_workspace, store, force=True)
    assert code == 1
    assert "refresh failed: PublishCheckError: forecast.csv is empty" in log
    assert "Traceback" in log
    assert latest_id(store) == before
    last = registry_rows(store)[-1]
    assert last["status"] == "failed" and "PublishCheckError" in last["error"]
    assert_consistent(store)


def test_a_failed_switch_removes_the_unpublished_run(fast_workspace: Workspace, tmp_path: Path,
                                                     monkeypatch):
    store = tmp_path / "store"
    assert run(fast_workspace, store)[0] == 0
    before = latest_id(store)

    def broken(self, run_id):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Store, "point_latest", broken)
    code, _ = run(fast_workspace, store, force=True)
    assert code == 1
    monkeypatch.undo()
    assert latest_id(store) == before
    failed = registry_rows(store)[-1]
    assert failed["status"] == "failed" and "No space left" in failed["error"]
    assert sorted(p.name for p in (store / "runs").iterdir()) == [before]
    assert_consistent(store)


def test_a_config_mistake_exits_2_and_is_recorded(fast_workspace: Workspace, tmp_path: Path):
    store = tmp_path / "store"
    fast_workspace.config.write_text(fast_workspace.config.read_text().replace("region: US",
                                                                     "region: [US"))
    code, log = run(fast_workspace, store)
    assert code == 2
    assert log.count("\n") == 2  # "refresh of ..." and the one error line
    assert "error: " in log and "us_national.yaml, row" in log
    [row] = registry_rows(store)
    assert row["status"] == "failed" and row["id"].endswith("-invalid")


def test_a_refresh_after_a_forecast_finds_its_run_and_is_up_to_date(fast_workspace: Workspace,
                                                                     tmp_path: Path):
    store = tmp_path / "store"
    code, log = run(fast_workspace, store, skip_unchanged=False)  # what `dcload forecast` does
    assert code == 0, log
    forecast_run = latest_id(store)
    assert (store / "latest").is_symlink()
    code, log = run(fast_workspace, store)  # `dcload refresh`, nothing changed
    assert code == 0 and "up to date" in log, log
    rows = {r["id"]: r for r in registry_rows(store)}
    assert rows[forecast_run]["status"] == "succeeded"
    assert latest_id(store) == forecast_run
    assert [r["status"] for r in registry_rows(store)] == ["succeeded", "skipped"]
    assert_consistent(store)


def test_a_forecast_runs_even_when_nothing_changed(fast_workspace: Workspace, tmp_path: Path):
    store = tmp_path / "store"
    assert run(fast_workspace, store, skip_unchanged=False)[0] == 0
    first = latest_id(store)
    code, log = run(fast_workspace, store, skip_unchanged=False)
    assert code == 0 and "up to date" not in log
    assert latest_id(store) != first
    assert [r["status"] for r in registry_rows(store)] == ["succeeded", "succeeded"]


def _fake_runs(store: Store, registry: Registry, ids: list[str]) -> None:
    store.ensure()
    for run_id in ids:
        (store.run_dir(run_id)).mkdir()
        (store.run_dir(run_id) / "forecast.csv").write_text("x\n")
        registry.insert(run_id, status="succeeded")


def test_retention_never_removes_the_run_latest_points_to(tmp_path: Path):
    store = Store(tmp_path)
    with Registry(store.registry_path) as registry:
        _fake_runs(store, registry, ["a", "b", "c", "d"])
        store.point_latest("a")  # e.g. rolled back by hand
        _prune(store, registry, 2, RunLog(stream=io.StringIO()))
        assert sorted(p.name for p in store.runs.iterdir()) == ["a", "c", "d"]
        assert registry.get("b").pruned_utc is not None
        assert registry.get("a").pruned_utc is None


def test_recovery_settles_dead_runs_and_repairs_a_missing_latest(tmp_path: Path):
    store = Store(tmp_path)
    publish_fixture_run(tmp_path, "a")  # a whole run: the one latest may point back to
    with Registry(store.registry_path) as registry:
        registry.insert("b", status="running", pid=123, stage="simulate scenarios")
        store.staging_dir("b").mkdir()
        store.run_dir("c").mkdir()  # a run moved into runs/ whose row is ...
        registry.insert("c", status="running", pid=124, stage="publishing")  # ... not live
        (tmp_path / ".latest.tmp-c").symlink_to("runs/c")
        log = io.StringIO()
        recover(store, registry, RunLog(stream=log))
        assert registry.get("b").status == "failed"
        assert ("process 123 stopped in stage 'simulate scenarios' (the last stage it "
                "recorded)") in registry.get("b").error
        assert registry.get("c").status == "failed"
        assert sorted(p.name for p in store.runs.iterdir()) == ["a"]
        assert not (tmp_path / ".latest.tmp-c").is_symlink()
        assert store.latest_run_id() == "a"  # latest was missing: now the newest good run
        assert "latest pointed nowhere" in log.getvalue()


def test_json_log_lines_carry_the_run_id(fast_workspace: Workspace, tmp_path: Path):
    stream = io.StringIO()
    outcome = publish_run(PublishOptions(config=fast_workspace.config, store=tmp_path / "s",
                                         draws=200), RunLog(json_lines=True, stream=stream))
    records = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert outcome.exit_code == 0
    assert records[0]["event"] == "started"
    assert {r["run_id"] for r in records[1:]} == {outcome.run_id}
    assert [r["stage"] for r in records if r["event"] == "stage_done"][-1].startswith("write")
