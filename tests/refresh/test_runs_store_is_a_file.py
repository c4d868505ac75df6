"""`dcload runs list|show|diff --store FILE`: refused naming --store as a file, as refresh and
forecast refuse it; before, the error named 'FILE/registry.sqlite: no run registry here'."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.refresh.conftest import run_dcload


@pytest.mark.parametrize("args", [["list"], ["show", "latest"], ["diff", "previous", "latest"]])
def test_a_store_that_is_a_file_is_refused_naming_store(tmp_path: Path, args):
    history = tmp_path / "hist.csv"
    history.write_text("year,twh\n2020,1\n")
    done = run_dcload("runs", *args, "--store", str(history))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "hist.csv" in lines[0] and "--store" in lines[0] and "is a file" in lines[0]
    assert "registry.sqlite" not in lines[0]
    assert history.read_text() == "year,twh\n2020,1\n"
