"""Test-only pause points (never set these variables in production).

With `DCLOAD_TEST_PAUSE_AT=<point>` a refresh stops at that point; with
`DCLOAD_TEST_PAUSE_FILE=<path>` it first creates `<path>` (so a test knows it got there) and
waits until the test deletes it (or `DCLOAD_TEST_PAUSE_SECONDS`, default 120 s, pass). Tests
use this to SIGKILL a refresh at a known point.

Points, in order: `locked` (lock held, nothing done), `fitting` (fitting the baseline),
`writing` (writing outputs into the staging directory), `checking` (all outputs staged, not
checked yet), `publishing` (run moved to runs/<id>, `latest` not switched yet), `registry`
(`latest` switched, registry row not yet `succeeded`).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

POINTS = ("locked", "fitting", "writing", "checking", "publishing", "registry")
# Run stages (forecasting/national/compute.py, pipelines/publishing/run_dir.py) whose start is
# a pause point, by the stage name's first word: "fit baseline ..." -> fitting,
# "write outputs ..." -> writing.
STAGE_POINTS = {"fit": "fitting", "write": "writing"}


def point_for_stage(stage: str) -> str:
    return STAGE_POINTS.get(stage.split(" ", 1)[0], stage)


def pause_point(name: str) -> None:
    if os.environ.get("DCLOAD_TEST_PAUSE_AT") != name:
        return
    limit = float(os.environ.get("DCLOAD_TEST_PAUSE_SECONDS", "120"))
    marker = os.environ.get("DCLOAD_TEST_PAUSE_FILE")
    deadline = time.monotonic() + limit
    if not marker:
        time.sleep(limit)
        return
    Path(marker).write_text(f"{os.getpid()} {name}\n", encoding="utf-8")
    while Path(marker).exists() and time.monotonic() < deadline:
        time.sleep(0.02)
