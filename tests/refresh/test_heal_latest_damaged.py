"""A `latest` that points nowhere (its run's folder removed by hand) is pointed back at the
newest published run that is still intact, never at one whose files were emptied, cut short
or deleted since: that run is passed over and its registry row marked damaged, as a damaged
`latest` is. With no intact run left, `latest` is left alone and one warning line says so.
The store is built by hand from the committed v0.1 run; the refresh's rerun fails at once."""

from __future__ import annotations

import io
from pathlib import Path

import forecasting
from forecasting.runs.fingerprint import Fingerprint
from pipelines.publishing import publish_run as publish_module
from pipelines.publishing.logs import RunLog
from pipelines.publishing.publish_run import PublishOptions, publish_run, recover
from pipelines.publishing.registry import Registry
from pipelines.publishing.store import Store
from tests.refresh.conftest import publish_fixture_run, registry_rows

FP = Fingerprint("d" * 64, {}, {}, forecasting.__version__)
OLD, NEW, GONE = "20261201T030000Z-dddddddd", "20261202T030000Z-dddddddd", "20261203T030000Z-x"


def _refresh_that_fails(store: Path, monkeypatch) -> tuple[int, str]:
    def rerun(*args, **kwargs):
        raise RuntimeError("reran")

    monkeypatch.setattr(publish_module, "run_fingerprint", lambda *a, **k: FP)
    monkeypatch.setattr(publish_module, "write_run", rerun)
    stream = io.StringIO()
    outcome = publish_run(PublishOptions(config=store / "cfg.yaml", store=store),
                          RunLog(stream=stream))
    return outcome.exit_code, stream.getvalue()


def _dangling_latest(store: Path) -> None:
    (store / "latest").symlink_to(Path("runs") / GONE)  # its folder removed by hand


def test_latest_pointing_nowhere_goes_to_the_newest_intact_run(tmp_path: Path, monkeypatch):
    store = tmp_path / "store"
    publish_fixture_run(store, OLD)
    forecast = publish_fixture_run(store, NEW) / "forecast.csv"
    forecast.write_bytes(forecast.read_bytes()[:1000])  # cut short after it was published
    _dangling_latest(store)

    code, log = _refresh_that_fails(store, monkeypatch)
    assert code == 1 and "RuntimeError: reran" in log, log
    assert (store / "latest").resolve() == (store / "runs" / OLD).resolve()
    [line] = [x for x in log.splitlines() if "latest pointed nowhere" in x]
    assert f"now points to run {OLD}" in line and f"passed over damaged run {NEW}" in line
    rows = {r["id"]: r for r in registry_rows(store)}
    assert rows[NEW]["error"].startswith("damaged since it was published: ")
    assert "forecast.csv" in rows[NEW]["error"] and rows[OLD]["error"] is None


def test_with_no_intact_run_latest_is_not_pointed_at_a_damaged_one(tmp_path: Path,
                                                                  monkeypatch):
    store = tmp_path / "store"
    (publish_fixture_run(store, NEW) / "history.csv").write_text("")  # emptied
    _dangling_latest(store)

    code, log = _refresh_that_fails(store, monkeypatch)
    assert code == 1, log
    assert (store / "latest").readlink() == Path("runs") / GONE  # left as it was
    [line] = [x for x in log.splitlines() if "no published run is intact" in x]
    assert f"run {NEW}" in line and "history.csv" in line and "WARNING" in line
    [row] = [r for r in registry_rows(store) if r["id"] == NEW]
    assert row["error"].startswith("damaged since it was published: ")


def test_a_dead_runs_damaged_latest_is_replaced_by_the_newest_intact_run(tmp_path: Path):
    store = tmp_path / "store"
    publish_fixture_run(store, OLD)
    (publish_fixture_run(store, NEW) / "forecast.csv").unlink()
    dead = publish_fixture_run(store, GONE)  # published by a process that died before recording
    (dead / "forecast.csv").write_text("")
    with Registry(store / "registry.sqlite") as registry:
        registry.update(GONE, status="running", pid=4321, stage="registry")
        Store(store).point_latest(GONE)
        stream = io.StringIO()
        recover(Store(store), registry, RunLog(stream=stream))
    assert (store / "latest").readlink() == Path("runs") / OLD
    assert (f"latest pointed to run {GONE}, which failed its check; now points to run {OLD} "
            f"(passed over damaged run {NEW}: ") in stream.getvalue()
    rows = {r["id"]: r for r in registry_rows(store)}
    assert rows[GONE]["status"] == "failed" and rows[NEW]["status"] == "succeeded"
    assert rows[NEW]["error"].startswith("damaged since it was published: ")


def test_a_failed_rerun_says_latest_is_still_the_damaged_run_none_could_replace(
        tmp_path: Path, monkeypatch):
    store = tmp_path / "store"
    (publish_fixture_run(store, NEW) / "forecast.csv").write_text("")
    with Registry(store / "registry.sqlite") as registry:
        registry.update(NEW, status="running", pid=4321, stage="registry")  # died unrecorded
    Store(store).point_latest(NEW)

    code, log = _refresh_that_fails(store, monkeypatch)
    assert code == 1, log
    assert (store / "latest").readlink() == Path("runs") / NEW  # nothing intact to point at
    [line] = [x for x in log.splitlines() if "ERROR" in x]
    assert "RuntimeError: reran" in line and "latest left as it was" not in line
    assert f"latest is still run {NEW}, which is damaged (" in line and "forecast.csv" in line
