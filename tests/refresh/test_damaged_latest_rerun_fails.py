"""A refresh finds `latest` damaged and its rerun fails: the failure says `latest` is still the
damaged run (it said "latest left as it was"), and the damaged run's registry row says it is
damaged, so `dcload runs list` and `runs show` tell it afterwards (it stayed a plain
succeeded run). Put back whole, the run loses the mark. The store is built by hand from the
committed v0.1 run (no run needed): the rerun is made to fail at once."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import forecasting
from forecasting.paths import ROOT
from forecasting.runs.fingerprint import Fingerprint
from forecasting.runs.outputs import output_records
from pipelines.cli.runs import runs_list, runs_show
from pipelines.publishing import publish_run as publish_module
from pipelines.publishing.logs import RunLog
from pipelines.publishing.publish_run import PublishOptions, publish_run
from pipelines.publishing.registry import Registry
from pipelines.publishing.store import Store
from tests.refresh.conftest import latest_id, registry_rows

RUN = "20261124T031250Z-bb7eef5f"  # the fixture's run_id
FP = Fingerprint("f" * 64, {}, {}, forecasting.__version__)


def _store(root: Path) -> Path:
    store = root / "store"
    run = store / "runs" / RUN
    shutil.copytree(ROOT / "tests" / "fixtures" / "runs" / "v0.1-thin", run)
    (run / "index.html").write_text("report")
    manifest = json.loads((run / "manifest.json").read_text())
    names = ("forecast.csv", "history.csv")
    manifest["outputs"] = output_records({n: (run / n).read_text() for n in names})
    (run / "manifest.json").write_text(json.dumps(manifest))
    with Registry(store / "registry.sqlite") as registry:
        registry.insert(RUN, status="succeeded", fingerprint=FP.value, key_results={"a": 1.0})
    Store(store).point_latest(RUN)
    return store


def _refresh(store: Path) -> tuple[int, str]:
    stream = io.StringIO()
    outcome = publish_run(PublishOptions(config=store / "cfg.yaml", store=store),
                          RunLog(stream=stream))
    return outcome.exit_code, stream.getvalue()


def test_a_failed_rerun_says_latest_is_damaged_and_the_registry_keeps_it(
        tmp_path: Path, monkeypatch, capsys):
    store = _store(tmp_path)
    monkeypatch.setattr(publish_module, "run_fingerprint", lambda *a, **k: FP)
    forecast = store / "latest" / "forecast.csv"
    whole = forecast.read_bytes()
    assert "up to date" in _refresh(store)[1]
    forecast.write_bytes(whole[: len(whole) // 2])

    def rerun(*args, **kwargs):
        raise RuntimeError("reran")

    monkeypatch.setattr(publish_module, "write_run", rerun)
    code, log = _refresh(store)
    assert code == 1, log
    [line] = [x for x in log.splitlines() if "ERROR" in x]
    assert "RuntimeError: reran" in line
    assert f"latest is still run {RUN}, which is damaged" in line and "forecast.csv" in line
    assert latest_id(store) == RUN
    row = next(r for r in registry_rows(store) if r["id"] == RUN)
    assert row["status"] == "succeeded" and row["error"].startswith("damaged since it was "
                                                                     "published: ")
    runs_list(store=store, limit=20, status=None, as_json=False)
    runs_show(run_id="latest", store=store, as_json=False)
    shown = capsys.readouterr().out
    assert "damaged since it was published" in shown  # in the list
    assert "error:        damaged since it was published" in shown  # and in show

    forecast.write_bytes(whole)  # put back: whole again, up to date, no longer marked
    code, log = _refresh(store)
    assert code == 0 and "up to date" in log and "is whole again" in log, log
    assert next(r for r in registry_rows(store) if r["id"] == RUN)["error"] is None
