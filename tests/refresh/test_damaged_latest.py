"""A refresh over a damaged `latest` (a forecast.csv emptied, cut short or deleted after it was
published) does not say "up to date": it says why and publishes a whole run again. The manifest
records each output's size and sha256, which is how a file cut at a line end is told."""

from __future__ import annotations

import io
import json
from pathlib import Path

from pipelines.publishing import publish_run as publish_module
from pipelines.publishing.logs import RunLog
from pipelines.publishing.publish_run import PublishOptions, publish_run
from tests.conftest import Workspace
from tests.refresh.conftest import latest_id


def _refresh(ws: Workspace, store: Path) -> tuple[int, str]:
    stream = io.StringIO()
    outcome = publish_run(PublishOptions(config=ws.config, store=store, draws=200),
                          RunLog(stream=stream))
    return outcome.exit_code, stream.getvalue()


def test_a_damaged_latest_is_published_again(fast_workspace: Workspace, tmp_path: Path,
                                              monkeypatch):
    store = tmp_path / "store"
    assert _refresh(fast_workspace, store)[0] == 0
    first = latest_id(store)
    forecast = store / "latest" / "forecast.csv"
    whole = forecast.read_bytes()
    outputs = json.loads((store / "latest" / "manifest.json").read_text())["outputs"]
    assert outputs["forecast.csv"]["bytes"] == len(whole)
    lines = whole.decode().splitlines(keepends=True)
    forecast.write_text("".join(lines[: len(lines) // 3]))  # cut at a line end: parses

    code, log = _refresh(fast_workspace, store)
    assert code == 0, log
    assert "up to date" not in log
    assert f"latest run {first} is damaged" in log and "forecast.csv" in log
    second = latest_id(store)
    assert second != first
    assert forecast.read_bytes() == whole  # same inputs and seed: the same table again
    assert "up to date" in _refresh(fast_workspace, store)[1]  # whole again

    def rerun(*args, **kwargs):  # what the next refresh would do, without the minutes
        raise RuntimeError("reran")

    for damage in ("", None):  # emptied, deleted
        forecast.unlink() if damage is None else forecast.write_text(damage)
        monkeypatch.setattr(publish_module, "write_run", rerun)
        code, log = _refresh(fast_workspace, store)
        assert code == 1 and "RuntimeError: reran" in log, log
        assert f"latest run {second} is damaged" in log and "up to date" not in log
        assert latest_id(store) == second  # the failed rerun left latest as it was
        monkeypatch.undo()
        forecast.write_bytes(whole)
    assert "up to date" in _refresh(fast_workspace, store)[1]
