"""A refresh after the code changed reruns, and a many-zone task cache does not serve results
computed by older code. Both were keyed on dcload's version string, which stays "0.1.0" from
commit to commit: after an upgrade a refresh said "up to date" and a warm store published
the old code's numbers byte for byte for every unchanged zone (fuzz round 7). They are now
keyed on `code_version()`: the version, a hash of the sources and templates, and the
libraries' versions."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import forecasting
from forecasting.runs import fingerprint as fingerprint_module
from forecasting.runs.code_version import code_version
from forecasting.zones.config import ZoneSettings
from pipelines.engine import task_cache
from pipelines.engine.task_cache import TaskCache
from tests.conftest import run_in_process
from tests.refresh.conftest import latest_id, make_workspace, refresh_args


def _tree(root: Path) -> Path:
    for name, text in (("forecasting/models/m.py", "SCALE = 1.0\n"),
                       ("pipelines/cli/c.py", "X = 1\n"),
                       ("reports/templates/r.html.j2", "<p>{{ x }}</p>\n"),
                       ("pipelines/us_zones.yaml", "region: US48\n")):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def test_the_code_version_follows_sources_and_templates_not_configs(tmp_path):
    root = _tree(tmp_path / "a")
    first = code_version(root)
    assert first.startswith(f"{forecasting.__version__}+")
    copy = shutil.copytree(root, tmp_path / "b")
    assert code_version(copy) == first  # the same code elsewhere: the same version
    (copy / "pipelines" / "us_zones.yaml").write_text("region: US\n")  # a config, not code
    (copy / "forecasting" / "models" / "__pycache__").mkdir()
    (copy / "forecasting" / "models" / "__pycache__" / "m.py").write_text("stale\n")
    code_version.cache_clear()
    assert code_version(copy) == first
    for name, text in (("forecasting/models/m.py", "SCALE = 1.1\n"),
                       ("reports/templates/r.html.j2", "<p>{{ y }}</p>\n")):
        changed = shutil.copytree(root, tmp_path / f"c{len(name)}")
        (changed / name).write_text(text)
        assert code_version(changed) != first, name


def test_a_task_cache_recomputes_every_task_after_a_code_change(tmp_path, monkeypatch):
    load = tmp_path / "A.csv"
    load.write_text("when,mw\n2024-01-01 00:00,1\n")
    task = SimpleNamespace(node="A", level="zone", leaves=("A",), children=(),
                           files=(str(load),), large_loads=None, settings=ZoneSettings(),
                           seed=1, series_timezone="UTC", column=None)
    calls: list = []

    def run_map(fn, tasks, what):
        calls.extend(t.node for t in tasks)
        return [fn(t) for t in tasks]

    def result(t):
        return SimpleNamespace(ok=True, node=t.node)

    TaskCache(tmp_path / "cache").map(run_map, result, [task], "zones")
    TaskCache(tmp_path / "cache").map(run_map, result, [task], "zones")
    assert calls == ["A"]  # unchanged code: reused
    monkeypatch.setattr(task_cache, "code_version", lambda: "0.1.0+othercode",
                        raising=False)  # (raising: the test runs, and fails, on older code)
    TaskCache(tmp_path / "cache").map(run_map, result, [task], "zones")
    assert calls == ["A", "A"]  # the same version string, other code: recomputed


def test_a_refresh_after_a_code_change_runs_again(tmp_path, monkeypatch, capsys):
    ws = make_workspace(tmp_path / "ws")
    store = tmp_path / "store"
    code, _, err = run_in_process(monkeypatch, capsys, *refresh_args(ws, store))
    assert code == 0, err
    first = latest_id(store)
    code, _, err = run_in_process(monkeypatch, capsys, *refresh_args(ws, store))
    assert code == 0 and "up to date" in err
    monkeypatch.setattr(fingerprint_module, "code_version", lambda: "0.1.0+othercode",
                        raising=False)
    code, _, err = run_in_process(monkeypatch, capsys, *refresh_args(ws, store))
    assert code == 0, err
    assert "up to date" not in err
    assert latest_id(store) != first
