"""`dcload refresh` and `dcload runs` through the real CLI, in subprocesses: publishing, up to
date, a changed input and its diff, retention, locking, bad input, and SIGKILL at every
stage of a refresh."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest

from tests.conftest import Workspace, read_rows, set_cell
from tests.refresh.conftest import (
    assert_consistent,
    latest_id,
    make_workspace,
    pause_env,
    read_latest,
    refresh_args,
    registry_rows,
    run_dcload,
    start_dcload,
    wait_for_marker,
)

pytestmark = pytest.mark.slow

# The tests below share one store and workspace (module scope: a full refresh costs ~3 s) and
# run in file order; each leaves the store consistent for the next.


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> tuple[Workspace, Path, object]:
    root = tmp_path_factory.mktemp("refresh")
    ws = make_workspace(root / "ws")
    store = root / "store"
    store.mkdir()
    # A lock file left by a process that no longer exists must not block.
    (store / "refresh.lock").write_text('{"pid": 999999, "started_utc": "2001-01-01"}\n')
    first = run_dcload(*refresh_args(ws, store, "--log-json"))
    assert first.returncode == 0, first.stderr
    return ws, store, first


def test_first_refresh_publishes_and_logs_json_lines(shared):
    ws, store, first = shared
    assert first.stdout == ""
    records = [json.loads(line) for line in first.stderr.splitlines()]
    assert all({"ts", "level", "event", "run_id", "message"} <= set(r) for r in records)
    assert records[-1]["event"] == "published"
    run1 = latest_id(store)
    assert records[-1]["run_id"] == run1
    assert {p.name for p in (store / "runs" / run1).iterdir()} >= {
        "forecast.csv", "history.csv", "manifest.json", "index.html"}
    assert json.loads((store / "latest" / "manifest.json").read_text())["run_id"] == run1
    [row] = registry_rows(store)
    assert row["status"] == "succeeded" and row["id"] == run1
    assert set(json.loads(row["key_results"])) == {"momentum", "moderate-ai"}
    assert row["ended_utc"] and row["fingerprint"] and row["error"] is None
    assert_consistent(store)


def test_unchanged_inputs_are_skipped_as_up_to_date(shared):
    ws, store, _ = shared
    run1 = latest_id(store)
    again = run_dcload(*refresh_args(ws, store))
    assert again.returncode == 0, again.stderr
    assert "up to date" in again.stderr
    assert latest_id(store) == run1
    last = registry_rows(store)[-1]
    assert last["status"] == "skipped" and run1 in last["note"]
    quiet = run_dcload(*refresh_args(ws, store, "--quiet"))
    assert quiet.returncode == 0 and quiet.stderr == ""
    assert_consistent(store)


def test_two_refreshes_started_together_one_runs_one_exits_3(shared, tmp_path: Path):
    ws, store, _ = shared
    markers = [tmp_path / "a.paused", tmp_path / "b.paused"]
    procs = [start_dcload(*refresh_args(ws, store), env=pause_env("locked", m))
             for m in markers]
    try:
        deadline = time.monotonic() + 60
        while all(p.poll() is None for p in procs) and time.monotonic() < deadline:
            time.sleep(0.02)
        loser = next(p for p in procs if p.poll() is not None)
        winner = procs[1 - procs.index(loser)]
        _, err = loser.communicate()
        assert loser.returncode == 3, err
        assert len(err.strip().splitlines()) == 1
        assert f"pid {winner.pid}" in err and "another refresh is running" in err
        marker = markers[procs.index(winner)]
        wait_for_marker(marker, winner)
        marker.unlink()  # let the winner go on
        _, err = winner.communicate(timeout=120)
        assert winner.returncode == 0, err
        assert "up to date" in err
    finally:  # a failure above must not leave a refresh holding the lock for the next tests
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    assert_consistent(store)


POINTS = ["fitting", "writing", "checking", "publishing", "registry"]


def test_sigkill_at_any_point_leaves_latest_intact_and_the_next_refresh_succeeds(
    shared, tmp_path: Path
):
    """SIGKILL a forced refresh at each pause point in turn. The next refresh (the next
    point's, then a last full one) settles the dead run at its start: failed and its files
    gone if `latest` had not switched, succeeded if it had."""
    ws, store, _ = shared
    killed = []
    for point in POINTS:
        before_id = latest_id(store)
        before = (store / "latest" / "forecast.csv").read_bytes()
        marker = tmp_path / f"{point}.paused"
        proc = start_dcload(*refresh_args(ws, store, "--force", "-q"),
                            env=pause_env(point, marker))
        wait_for_marker(marker, proc)
        if killed:  # this refresh got past recovery: the previous dead run is settled
            _assert_settled(store, *killed[-1])
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL

        row = registry_rows(store)[-1]
        assert row["status"] == "running" and row["pid"] == proc.pid, point
        stage = {"fitting": "fit ", "writing": "write "}.get(point, point)
        assert row["stage"].startswith(stage), (point, row["stage"])
        read_latest(store)  # readable whatever the point
        if point == "registry":  # killed after the switch: the new run is live
            assert latest_id(store) == row["id"]
        else:
            assert latest_id(store) == before_id, point
            assert (store / "latest" / "forecast.csv").read_bytes() == before, point
        killed.append((row["id"], point))

    after = run_dcload(*refresh_args(ws, store, "--force"))
    assert after.returncode == 0, after.stderr
    assert "published run" in after.stderr
    _assert_settled(store, *killed[-1])
    assert_consistent(store)


def _assert_settled(store: Path, run_id: str, point: str) -> None:
    row = next(r for r in registry_rows(store) if r["id"] == run_id)
    if point == "registry":
        assert row["status"] == "succeeded" and "recovery" in row["note"], row
        assert (store / "runs" / run_id / "forecast.csv").is_file()
    else:
        assert row["status"] == "failed" and "interrupted" in row["error"], row
        assert not (store / "runs" / run_id).exists()
        assert not (store / "runs" / f".staging-{run_id}").exists()


def test_changed_input_publishes_a_new_vintage_and_diff_shows_it(shared):
    ws, store, _ = shared
    old = latest_id(store)
    header, rows = read_rows(ws.observations)
    row = next(i for i, r in enumerate(rows, 1)
               if r[header.index("year")] == "2023" and r[header.index("source_id")] == "lbnl2024")
    set_cell(ws.observations, row, "twh", "190.0")  # LBNL 2024's 2023 estimate (176)
    text = ws.config.read_text()
    assert "fit_from_year: 2005" in text
    ws.config.write_text(text.replace("fit_from_year: 2005", "fit_from_year: 2006", 1))

    done = run_dcload(*refresh_args(ws, store))
    assert done.returncode == 0, done.stderr
    assert "published run" in done.stderr
    new = latest_id(store)
    assert new != old and (store / "runs" / old).is_dir()

    diff = run_dcload("runs", "diff", old, "latest", "--store", str(store), "--json")
    assert diff.returncode == 0, diff.stderr
    changes = json.loads(diff.stdout)
    assert changes["old"]["run_id"] == old and changes["new"]["run_id"] == new
    files = {Path(d["file"]).name: d["change"] for d in changes["data_changes"]}
    assert files == {"us_dc_observations.csv": "modified", "us_national.yaml": "modified"}
    assert changes["assumption_changes"] == [{
        "path": "national_total.fit_from_year", "change": "modified", "old": 2005, "new": 2006}]
    headline = {(h["scenario"], h["year"]): h for h in changes["headline"]}
    assert set(headline) == {(s, y) for s in ("momentum", "moderate-ai")
                             for y in (2025, 2028, 2030, 2035)}
    h = headline[("momentum", 2030)]
    assert h["change"]["p50"] == pytest.approx(h["new"]["p50"] - h["old"]["p50"], abs=1e-3)
    assert h["change"]["p50"] > 0  # a higher 2023 pulls the trend up
    # The new run's report compares it with the run it replaced.
    report = json.loads((store / "latest" / "changes.json").read_text())
    assert report["from_run"] == old and not report["first_run"]
    assert {"key": "national_total.fit_from_year", "change": "modified", "old": 2005,
            "new": 2006} in report["assumptions"]
    assert "national_total.fit_from_year" in (store / "latest" / "index.html").read_text()

    shown = run_dcload("runs", "diff", "previous", "latest", "--store", str(store))
    assert shown.returncode == 0, shown.stderr
    assert "national_total.fit_from_year: 2005 -> 2006" in shown.stdout
    assert "us_dc_observations.csv: modified" in shown.stdout
    show = run_dcload("runs", "show", new[:18], "--store", str(store), "--json")
    assert show.returncode == 0, show.stderr
    assert json.loads(show.stdout)["latest"] is True
    missing = run_dcload("runs", "show", "nope", "--store", str(store))
    assert missing.returncode == 2 and missing.stderr.startswith("error: ")


def test_bad_input_exits_2_with_one_line_and_latest_untouched(shared):
    ws, store, _ = shared
    before_id = latest_id(store)
    before = (store / "latest" / "forecast.csv").read_bytes()
    good = ws.observations.read_bytes()
    set_cell(ws.observations, 6, "twh", "n/a")
    try:
        done = run_dcload(*refresh_args(ws, store, "-q"))
    finally:
        ws.observations.write_bytes(good)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "us_dc_observations.csv, row 6, field 'twh'" in lines[0]
    assert latest_id(store) == before_id
    assert (store / "latest" / "forecast.csv").read_bytes() == before
    last = registry_rows(store)[-1]
    assert last["status"] == "failed" and "row 6" in last["error"]
    assert_consistent(store)


def test_retention_keeps_the_last_n_runs(shared):
    ws, store, _ = shared
    assert len([r for r in registry_rows(store) if r["status"] == "succeeded"]) >= 4
    done = run_dcload(*refresh_args(ws, store, "--force", "--keep", "2", "-q"))
    assert done.returncode == 0, done.stderr
    rows = registry_rows(store)
    live = [r for r in rows if r["status"] == "succeeded" and r["pruned_utc"] is None]
    assert [r["id"] for r in live] == sorted(p.name for p in (store / "runs").iterdir())
    assert len(live) == 2 and latest_id(store) == live[-1]["id"]
    pruned = [r for r in rows if r["pruned_utc"]]
    assert len(pruned) >= 2
    assert_consistent(store)

    listed = run_dcload("runs", "list", "--store", str(store), "--json", "--limit", "100")
    assert listed.returncode == 0, listed.stderr
    entries = json.loads(listed.stdout)
    assert [e["id"] for e in entries] == [r["id"] for r in reversed(rows)]
    assert [e["latest"] for e in entries].count(True) == 1
    text = run_dcload("runs", "list", "--store", str(store), "--limit", "100")
    assert "pruned" in text.stdout and "skipped" in text.stdout and "failed" in text.stdout
