"""An empty `registry.sqlite` (0 bytes: a truncated copy, a `touch`) is refused by `dcload
refresh` as by `dcload runs`, in one line naming it, before anything runs: a refresh no longer
writes a new schema into it and publishes a run whose list has lost every earlier run."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from forecasting.errors import InputError
from pipelines.publishing.logs import RunLog
from pipelines.publishing.publish_run import PublishOptions, publish_run
from pipelines.publishing.registry import Registry
from tests.conftest import Workspace


def test_an_empty_registry_is_refused_by_refresh_and_runs_alike(fast_workspace: Workspace,
                                                               tmp_path: Path):
    store = tmp_path / "store"
    store.mkdir()
    (store / "registry.sqlite").write_bytes(b"")
    stream = io.StringIO()
    outcome = publish_run(PublishOptions(config=fast_workspace.config, store=store, draws=200),
                          RunLog(stream=stream))
    assert outcome.exit_code == 2, stream.getvalue()
    [line] = [x for x in stream.getvalue().splitlines() if "error: " in x]
    assert "registry.sqlite: is an empty file" in line and "move it aside" in line
    assert (store / "registry.sqlite").read_bytes() == b""  # left as it was
    assert not (store / "latest").exists()
    with pytest.raises(InputError, match="is an empty file"):  # what `dcload runs` opens
        Registry(store / "registry.sqlite", create=False)
