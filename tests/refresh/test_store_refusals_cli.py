"""What `dcload forecast --output-dir` and `dcload refresh --store` refuse before running
anything, through the real CLI: a path publishing would replace (a file, a folder with
content, a link elsewhere, the store's own registry) and a damaged registry. Each is one line
(one JSON record with --log-json) naming the option or file, exit 2, and is left as it was."""

from __future__ import annotations

import json
from pathlib import Path

from pipelines.publishing.registry import Registry
from tests.conftest import Workspace
from tests.refresh.conftest import DRAWS, refresh_args, run_dcload


def forecast_args(ws: Workspace, output_dir: Path) -> list[str]:
    return ["forecast", "--config", str(ws.config), "--output-dir", str(output_dir), *DRAWS,
            "--quiet"]


def one_error_line(stderr: str, *words: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "error: " in lines[0] and "Traceback" not in stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def test_forecast_never_replaces_a_file_a_registry_or_a_foreign_link(fast_workspace: Workspace,
                                                                      tmp_path: Path):
    folder = tmp_path / "x"
    folder.mkdir()
    notes = folder / "notes.txt"
    notes.write_text("notes\n")
    done = run_dcload(*forecast_args(fast_workspace, notes))
    assert done.returncode == 2
    one_error_line(done.stderr, "notes.txt", "--output-dir", "is a file")
    assert notes.read_text() == "notes\n" and not notes.is_symlink()
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]  # no store made either

    store = tmp_path / "store"
    with Registry(store / "registry.sqlite") as registry:
        registry.insert("r1", status="failed")
    before = (store / "registry.sqlite").read_bytes()
    done = run_dcload(*forecast_args(fast_workspace, store / "registry.sqlite"))
    assert done.returncode == 2
    one_error_line(done.stderr, "registry.sqlite", "--output-dir")
    assert (store / "registry.sqlite").read_bytes() == before

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("keep")
    link = folder / "report"
    link.symlink_to(elsewhere)
    done = run_dcload(*forecast_args(fast_workspace, link))
    assert done.returncode == 2
    one_error_line(done.stderr, "report", "--output-dir", "not to a run of this store")
    assert link.is_symlink() and link.resolve() == elsewhere.resolve()
    assert (elsewhere / "keep.txt").read_text() == "keep"


def test_refresh_refuses_a_latest_folder_before_running(fast_workspace: Workspace,
                                                        tmp_path: Path):
    store = tmp_path / "store"
    (store / "latest").mkdir(parents=True)
    (store / "latest" / "mine.csv").write_text("a,b\n")
    done = run_dcload(*refresh_args(fast_workspace, store, "--log-json"))
    assert done.returncode == 2
    [record] = [json.loads(line) for line in done.stderr.splitlines()]
    assert record["level"] == "error" and record["exit_code"] == 2
    assert "latest" in record["message"] and "--store" in record["message"]
    assert (store / "latest" / "mine.csv").read_text() == "a,b\n"
    assert sorted(p.name for p in store.iterdir()) == ["latest"]  # nothing ran, no .latest.tmp

    a_file = tmp_path / "store.txt"
    a_file.write_text("x")
    done = run_dcload(*refresh_args(fast_workspace, a_file, "-q"))
    assert done.returncode == 2
    one_error_line(done.stderr, "store.txt", "--store", "not a folder")
    assert a_file.read_text() == "x"


def test_a_damaged_registry_is_one_line_naming_it_in_every_command(fast_workspace: Workspace,
                                                                   tmp_path: Path):
    store = tmp_path / "store"
    store.mkdir()
    junk = bytes(range(7, 107))
    (store / "registry.sqlite").write_bytes(junk)
    done = run_dcload(*refresh_args(fast_workspace, store, "--log-json"))
    assert done.returncode == 2
    records = [json.loads(line) for line in done.stderr.splitlines()]  # all of it is JSON
    assert records[-1]["event"] == "input_error" and records[-1]["exit_code"] == 2
    assert "registry.sqlite" in records[-1]["message"]
    assert "move it aside" in records[-1]["message"]
    for args in (["runs", "list"], ["runs", "show", "latest"]):
        done = run_dcload(*args, "--store", str(store))
        assert done.returncode == 2, done.stderr
        one_error_line(done.stderr, "registry.sqlite", "move it aside")
    done = run_dcload(*forecast_args(fast_workspace, store / "latest"))
    assert done.returncode == 2
    one_error_line(done.stderr, "registry.sqlite", "move it aside")
    assert (store / "registry.sqlite").read_bytes() == junk
    assert not (store / "latest").exists()

    (store / "registry.sqlite").unlink()
    (store / "registry.sqlite").mkdir()
    done = run_dcload("runs", "list", "--store", str(store))
    assert done.returncode == 2
    one_error_line(done.stderr, "registry.sqlite", "is a folder")


def test_a_store_whose_own_entries_are_the_wrong_kind_is_refused(fast_workspace: Workspace,
                                                                  tmp_path: Path):
    """`runs` a file, or `refresh.lock` a folder (a store filled by hand): one line naming the
    entry and the option, exit 2 (a user's mistake, not a failed run), nothing touched."""
    store = tmp_path / "store"
    store.mkdir()
    (store / "runs").write_text("not runs\n")
    done = run_dcload(*refresh_args(fast_workspace, store, "-q"))
    assert done.returncode == 2, done.stderr
    one_error_line(done.stderr, "runs", "is a file", "--store")
    assert (store / "runs").read_text() == "not runs\n"
    assert sorted(p.name for p in store.iterdir()) == ["runs"]

    (store / "runs").unlink()
    (store / "refresh.lock").mkdir()
    (store / "refresh.lock" / "keep.txt").write_text("keep")
    done = run_dcload(*forecast_args(fast_workspace, store / "latest"))
    assert done.returncode == 2, done.stderr
    one_error_line(done.stderr, "refresh.lock", "--output-dir")
    assert (store / "refresh.lock" / "keep.txt").read_text() == "keep"
    assert sorted(p.name for p in store.iterdir()) == ["refresh.lock"]


def test_a_symlinked_lock_is_refused_and_its_target_left_as_it_was(fast_workspace: Workspace,
                                                                    tmp_path: Path):
    """`refresh.lock` a symlink (here to a user's file outside the store): the lock would
    truncate and write the target, so it is refused before anything runs, one line naming it
    and the option, exit 2; the target and the link are left as they were."""
    precious = tmp_path / "precious.txt"
    precious.write_text("do not overwrite\n")
    store = tmp_path / "store"
    store.mkdir()
    (store / "refresh.lock").symlink_to(precious)
    for args, option in ((refresh_args(fast_workspace, store, "-q"), "--store"),
                         (forecast_args(fast_workspace, store / "latest"), "--output-dir")):
        done = run_dcload(*args)
        assert done.returncode == 2, done.stderr
        one_error_line(done.stderr, "refresh.lock", "is a link", option)
        assert precious.read_text() == "do not overwrite\n"
        assert (store / "refresh.lock").is_symlink()
        assert sorted(p.name for p in store.iterdir()) == ["refresh.lock"]
