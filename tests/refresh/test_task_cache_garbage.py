"""A many-zone refresh reuses cached task results; an entry that cannot be loaded (text
written over it, a truncated pickle, an empty file, something that is not a task's result)
is treated as missing: its task is recomputed and the entry rewritten, never a traceback."""

from __future__ import annotations

import pickle
from types import SimpleNamespace

import pytest

from forecasting.zones.config import ZoneSettings
from pipelines.engine.task_cache import TaskCache, task_key


def make_task(tmp_path, node: str):
    load = tmp_path / f"{node}.csv"
    load.write_text("when,mw\n2024-01-01 00:00,1\n")
    return SimpleNamespace(node=node, level="zone", leaves=[node], children=[],
                           settings=ZoneSettings(), seed=1, series_timezone="UTC", column=None,
                           files=[str(load)], large_loads=None)


def computing(calls: list):
    def run_map(fn, tasks, what):
        calls.extend(t.node for t in tasks)
        return [fn(t) for t in tasks]
    return run_map


def result_of(task):
    return SimpleNamespace(ok=True, node=task.node, value=42.0)


GOOD = pickle.dumps(SimpleNamespace(ok=True, node="A", value=1.0))


@pytest.mark.parametrize("entry", [b"garbage", b"garbage\n", b"", GOOD[: len(GOOD) // 2],
                                   b"\x00\x01\x02 not a pickle", pickle.dumps(42)],
                         ids=["text", "text-line", "empty", "truncated", "binary", "not-a-result"])
def test_an_entry_that_cannot_be_loaded_is_recomputed(tmp_path, entry):
    cache = TaskCache(tmp_path / "task-cache")
    tasks = [make_task(tmp_path, "A"), make_task(tmp_path, "B")]
    calls: list = []
    cache.map(computing(calls), result_of, tasks, "zones")
    assert calls == ["A", "B"]

    (tmp_path / "task-cache" / f"{task_key(tasks[0])}.pickle").write_bytes(entry)
    calls.clear()
    again = TaskCache(tmp_path / "task-cache")
    results = again.map(computing(calls), result_of, tasks, "zones")
    assert calls == ["A"]  # the bad entry recomputed, the good one reused
    assert [r.node for r in results] == ["A", "B"] and results[0].value == 42.0
    assert again.reused == 1

    calls.clear()
    TaskCache(tmp_path / "task-cache").map(computing(calls), result_of, tasks, "zones")
    assert calls == []  # the entry was rewritten


def test_the_key_changes_with_the_result_format(monkeypatch, tmp_path):
    # a store's cached results of older code (another result format) are not reused
    from types import SimpleNamespace

    from forecasting.zones.config import ZoneSettings
    from pipelines.engine import task_cache

    (tmp_path / "z.csv").write_text("when,mw\n")
    task = SimpleNamespace(node="Z", level="zone", leaves=("Z",), children=(),
                           files=(str(tmp_path / "z.csv"),), large_loads=None,
                           settings=ZoneSettings(), seed=0, series_timezone="UTC", column=None)
    before = task_cache.task_key(task)
    monkeypatch.setattr(task_cache, "RESULT_FORMAT", task_cache.RESULT_FORMAT + 1)
    assert task_cache.task_key(task) != before
