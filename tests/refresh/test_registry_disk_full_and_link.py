"""The run registry on a full disk, and a registry.sqlite that is a symbolic link.

A run that fails for a full disk, on a disk too full for the registry to record the failure
as well: one line naming both, exit 1, no traceback (it was SQLite's 'cannot rollback - no
transaction is active', hiding 'database or disk is full', and a traceback). A registry that
is a link (to another store's, say) is refused in one line naming it, exit 2, by refresh and
by `dcload runs` alike, and the file it points to is left as it was: its rows are settled
under this store's lock only. No run: the run's writing is made to fail at once."""

from __future__ import annotations

import errno
import io
from pathlib import Path

import pytest

import forecasting
from forecasting.errors import InputError
from forecasting.runs.fingerprint import Fingerprint
from pipelines.publishing import publish_run as publish_module
from pipelines.publishing.logs import RunLog
from pipelines.publishing.publish_run import PublishOptions, publish_run
from pipelines.publishing.registry import Registry
from tests.refresh.conftest import registry_rows

FP = Fingerprint("e" * 64, {}, {}, forecasting.__version__)


def _forecast(store: Path) -> tuple[int, str]:
    stream = io.StringIO()
    outcome = publish_run(PublishOptions(config=store.parent / "cfg.yaml", store=store,
                                         skip_unchanged=False), RunLog(stream=stream))
    return outcome.exit_code, stream.getvalue()


def test_a_failure_the_full_registry_cannot_record_is_one_line(tmp_path: Path, monkeypatch):
    store = tmp_path / "store"
    monkeypatch.setattr(publish_module, "run_fingerprint", lambda *a, **k: FP)

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(store / "runs" / "x.csv"))

    monkeypatch.setattr(publish_module, "write_run", disk_full)
    finish = Registry.finish

    def full_registry(self, run_id, status, **fields):  # the registry file cannot grow
        pages = self._db.execute("PRAGMA page_count").fetchone()[0]
        self._db.execute(f"PRAGMA max_page_count = {pages}")
        return finish(self, run_id, status, **{**fields, "note": "x" * 20000})

    monkeypatch.setattr(Registry, "finish", full_registry)
    code, log = _forecast(store)
    assert code == 1, log
    assert "Traceback" not in log
    [line] = [x for x in log.splitlines() if "ERROR" in x]
    assert "cannot write" in line and "x.csv: the disk is full" in line
    assert "registry.sqlite could not record it either, the disk is full" in line
    assert not (store / "latest").exists()
    [row] = registry_rows(store)
    assert row["status"] == "running"  # for the next refresh to settle

    monkeypatch.setattr(Registry, "finish", finish)  # room again: the next run settles it
    code, log = _forecast(store)
    settled = next(r for r in registry_rows(store) if r["id"] == row["id"])
    assert settled["status"] == "failed", settled
    assert settled["error"] == (f"interrupted: process {row['pid']} stopped before it recorded "
                                "a stage; nothing was published")  # not "in stage 'started'"
    assert f"process {row['pid']} stopped before it recorded a stage" in log
    assert "'started'" not in log


@pytest.mark.parametrize("dangling", [False, True])
def test_a_registry_that_is_a_link_is_refused(tmp_path: Path, monkeypatch, dangling: bool):
    monkeypatch.setattr(publish_module, "run_fingerprint", lambda *a, **k: FP)
    other = tmp_path / "other" / "registry.sqlite"
    other.parent.mkdir()
    if not dangling:
        Registry(other).close()
    before = other.read_bytes() if not dangling else None
    store = tmp_path / "store"
    store.mkdir()
    (store / "registry.sqlite").symlink_to(other)
    code, log = _forecast(store)
    assert code == 2, log
    [line] = [x for x in log.splitlines() if "error: " in x]
    assert "registry.sqlite: is a symbolic link" in line and str(other) in line
    with pytest.raises(InputError, match="is a symbolic link"):  # what `dcload runs` opens
        Registry(store / "registry.sqlite", create=False)
    assert (other.read_bytes() if not dangling else other.exists()) == (before or False)
    assert not (store / "latest").exists()


def test_a_registry_too_full_to_record_a_run_starting_is_one_line(tmp_path: Path,
                                                                  monkeypatch):
    store = tmp_path / "store"
    monkeypatch.setattr(publish_module, "run_fingerprint", lambda *a, **k: FP)
    insert = Registry.insert

    def full_registry(self, run_id, **fields):
        pages = self._db.execute("PRAGMA page_count").fetchone()[0]
        self._db.execute(f"PRAGMA max_page_count = {pages}")
        return insert(self, run_id, **{**fields, "note": "x" * 20000})

    monkeypatch.setattr(Registry, "insert", full_registry)
    code, log = _forecast(store)
    assert code == 1, log
    assert "Traceback" not in log
    [line] = [x for x in log.splitlines() if "ERROR" in x]
    assert "cannot write the run registry" in line and "the disk is full" in line
    assert line.endswith("no run is published")
