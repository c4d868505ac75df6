"""A refresh that runs out of disk while writing its run: one line naming the path being
written and that the disk is full, exit 1, no traceback (the environment, not a bug), and
`latest`, the registry and the store as a failed run leaves them."""

from __future__ import annotations

import errno
import io
from pathlib import Path

from forecasting.io.run_dir import write_files
from pipelines.publishing import run_dir as run_dir_module
from pipelines.publishing.logs import RunLog
from pipelines.publishing.publish_run import PublishOptions, publish_run
from tests.conftest import Workspace
from tests.refresh.conftest import assert_consistent, latest_id, registry_rows


def _refresh(ws: Workspace, store: Path) -> tuple[int, str]:
    stream = io.StringIO()
    outcome = publish_run(PublishOptions(config=ws.config, store=store, draws=200, force=True),
                          RunLog(stream=stream))
    return outcome.exit_code, stream.getvalue()


def test_a_full_disk_is_one_line_naming_the_path(fast_workspace: Workspace, tmp_path: Path,
                                                 monkeypatch):
    store = tmp_path / "store"
    assert _refresh(fast_workspace, store)[0] == 0
    before = latest_id(store)
    written = {}

    def disk_full(directory, files):  # a write() that fails carries no file name
        if "backtest_forecasts.csv" in files:
            written["path"] = Path(directory) / "backtest_forecasts.csv"
            raise OSError(errno.ENOSPC, "No space left on device")
        write_files(directory, files)

    monkeypatch.setattr(run_dir_module, "write_files", disk_full)
    code, log = _refresh(fast_workspace, store)
    assert code == 1
    assert "Traceback" not in log
    [line] = [x for x in log.splitlines() if "ERROR" in x]
    assert f"cannot write {written['path']}: the disk is full" in line
    assert "latest left as it was" in line
    assert latest_id(store) == before
    assert "No space left" in registry_rows(store)[-1]["error"]
    assert_consistent(store)
