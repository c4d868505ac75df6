"""A task whose worker process dies fails that task alone: the engine runs it again alone,
then gives its result as `on_lost` makes it, and every other task's result comes back in order
(`pipelines.engine.dask_engine`); a many-zone node lost so fails with a one-line reason. Real
local clusters of 2 single-threaded workers, a few seconds in all."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from forecasting.many_zones.node_task import lost_node
from pipelines.engine.dask_engine import ALLOWED_FAILURES, DaskEngine


def _dies_on(node: str):
    def run(task):
        import os

        if task.node == node:
            os._exit(1)  # the worker process dies: nothing to catch
        return f"{task.node} ran"

    return run


# --workers 1 is a one-worker local cluster too, whose worker holds the task queued behind
# the one that kills it: that one is not failed with it
@pytest.mark.parametrize("workers", [2, 1])
def test_a_task_that_kills_its_worker_fails_alone_and_the_others_come_back(workers):
    tasks = [SimpleNamespace(node=name) for name in ("EAST", "FLAT", "WEST")]
    with DaskEngine(workers=workers, on_lost=lambda task, reason: (task.node, reason)) as engine:
        results = engine.map(_dies_on("FLAT"), tasks, "zones")
        again = engine.map(_dies_on("NONE"), tasks, "again")   # the cluster still works

    assert results[0] == "EAST ran" and results[2] == "WEST ran"
    node, reason = results[1]
    assert node == "FLAT"
    assert reason.startswith(f"the worker process running it died (out of memory or a crash) "
                             f"{2 * (ALLOWED_FAILURES + 1)} times")
    assert "\n" not in reason and "tcp://" not in reason   # one line, no worker named
    assert again == ["EAST ran", "FLAT ran", "WEST ran"]


def test_without_on_lost_the_run_stops_on_the_lost_task():
    from distributed import KilledWorker

    tasks = [SimpleNamespace(node=name) for name in ("EAST", "FLAT")]
    with DaskEngine(workers=2) as engine, pytest.raises(KilledWorker):
        engine.map(_dies_on("FLAT"), tasks, "zones")


def test_a_tasks_own_error_still_stops_the_run():
    def fails(task):
        raise RuntimeError(f"bug in {task.node}")

    with DaskEngine(workers=2, on_lost=lambda task, reason: reason) as engine, \
            pytest.raises(RuntimeError, match="bug in"):
        engine.map(fails, [SimpleNamespace(node="EAST")], "zones")


def test_a_lost_node_fails_with_its_reason_and_a_total_says_it_is_a_total():
    from forecasting.zones.config import ZoneSettings

    settings = ZoneSettings()
    zone = SimpleNamespace(node="FLAT", level="zone", leaves=("FLAT",), settings=settings)
    total = SimpleNamespace(node="ALL", level="region", leaves=("FLAT", "EAST"),
                            settings=settings)
    lost = lost_node(zone, "its worker died")
    assert (lost.ok, lost.node, lost.reason) == (False, "FLAT", "its worker died")
    assert lost_node(total, "died").reason == "total ALL (region level, sum of 2 zones): died"


@pytest.mark.slow   # 8 worker deaths, about 10 s
def test_a_cluster_given_by_address_keeps_its_retries_and_the_reason_counts_them():
    from distributed import LocalCluster

    tasks = [SimpleNamespace(node=name) for name in ("EAST", "FLAT")]
    with LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None,
                      silence_logs=50) as cluster, \
            DaskEngine(scheduler=cluster.scheduler_address,
                       on_lost=lambda task, reason: reason) as engine:
        results = engine.map(_dies_on("FLAT"), tasks, "zones")
    assert results[0] == "EAST ran"
    assert "died (out of memory or a crash) 8 times" in results[1]   # 2 x (3 retries + 1)
