"""`dcload data fetch --dest` that cannot hold the files (found by fuzzing: tracebacks) is one
line naming --dest, exit code 2, before anything is downloaded; an existing file there is left
as it was."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.fetch.conftest import fixture_bytes
from tests.refresh.conftest import run_dcload


@pytest.mark.parametrize(("dest", "expected"), [
    ("destfile", "the destination {dest} is a file, not a directory"),
    ("destfile/sub", "the destination {dest} lies under a file, not a directory"),
    ("/proc/fuzz", "the destination /proc/fuzz cannot be created or written"),
], ids=["file", "under-a-file", "cannot-create"])
def test_a_dest_that_is_not_a_directory_is_one_line_naming_dest(server, tmp_path: Path, dest,
                                                                expected):
    if dest.startswith("/proc") and not sys.platform.startswith("linux"):
        pytest.skip("needs /proc")
    destfile = tmp_path / "destfile"
    destfile.write_text("keep me\n")
    if not dest.startswith("/"):
        dest = str(tmp_path / dest)
    url = server.script("/mer.csv", (200, fixture_bytes("EIA_MER_T07.06.csv")))
    done = run_dcload("data", "fetch", "eia-annual", "--url", url, "--dest", dest, "-q")
    assert done.returncode == 2
    assert done.stderr.startswith("error: --dest: " + expected.format(dest=dest)), done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert server.requests == []  # refused before the download
    assert destfile.read_text() == "keep me\n"
