"""Many-zone tasks on Dask: a local cluster by default, an existing one by address.

`DaskEngine(workers=N)` starts a `distributed.LocalCluster` of N single-threaded worker
processes (default: the machine's cores); `DaskEngine(scheduler="tcp://HOST:PORT")` connects
to a running scheduler instead (its workers must have dcload installed and see the zone
files at the same paths). `engine.map(fn, tasks, what)` submits one task per item and
returns the results in the tasks' order, so the published tables do not depend on which
worker finished first; with ``on_progress`` it is told (done, total) as tasks finish (the
stage's progress bar). Each task's randomness is its own (seeded by its node's name), so 1
or N workers give the same bytes.

A task whose worker process dies while running it (out of memory, a crash in native code: an
exception no ``try`` in the task can catch) makes the scheduler give up every task that worker
held (distributed's ``KilledWorker``): on a local cluster at once (``allowed-failures`` 0,
`ALLOWED_FAILURES`), since a worker may hold a task queued behind the one running and the
scheduler blames both. With ``on_lost``, each task so given up is then run again alone, one at
a time, so that only its own run can kill a worker: one that comes back gives its result, one
whose worker dies again gives ``on_lost(task, reason)`` (a many-zone node fails alone,
`forecasting.many_zones.node_task.lost_node`), and every other task's result is gathered;
without ``on_lost``, the run stops on the error. Which tasks fail therefore does not depend on
which worker held what or died when, and the reason names neither worker nor time, so the
published bytes do not either. A task that kills its worker costs two runs (distributed's
default, three retries, four), and a task whose worker died of something else (the machine's
memory taken by other work) one retry. A cluster reached by ``scheduler`` keeps its own
setting, read from it for the reason. Any other error of a task (a bug: tasks catch their
data's failures themselves) stops the run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

#: the times a local cluster's scheduler retries a task whose worker died holding it before it
#: gives the task up (``distributed.scheduler.allowed-failures``, default 3): none, the engine
#: retries it alone (module docstring)
ALLOWED_FAILURES = 0


class DaskEngine:
    def __init__(self, *, workers: int | None = None, scheduler: str | None = None,
                 on_progress: Callable[[int, int], None] | None = None,
                 on_lost: Callable[[object, str], object] | None = None) -> None:
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self.scheduler = scheduler
        self.on_progress = on_progress
        self.on_lost = on_lost
        self._client = None
        self._cluster = None

    def __enter__(self) -> DaskEngine:
        from distributed import Client, LocalCluster

        if self.scheduler:
            try:
                self._client = Client(self.scheduler, timeout="20s")
            except (OSError, ValueError, TimeoutError) as exc:  # a wrong or dead address
                from forecasting.errors import InputError

                raise InputError("(command line)", f"cannot reach a Dask scheduler at "
                                 f"'{self.scheduler}' ({' '.join(str(exc).split())}); give "
                                 "tcp://HOST:PORT of a running scheduler, or leave --scheduler "
                                 "out for a local cluster", field="--scheduler") from None
        else:
            import dask

            with dask.config.set({"distributed.scheduler.allowed-failures":
                                  ALLOWED_FAILURES}):  # the scheduler reads it as it starts
                self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1,
                                             processes=True, dashboard_address=None,
                                             # CRITICAL: a worker's heartbeat that meets
                                             # the closing scheduler logs an ERROR with a
                                             # traceback; task errors reach the client anyway
                                             silence_logs=50)
            self._client = Client(self._cluster)
        return self

    def __exit__(self, *exc) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def map(self, fn: Callable, tasks: Sequence, what: str = "tasks") -> list:
        from distributed import as_completed

        if not tasks:
            return []
        keys = [f"{what}-{i}-{getattr(t, 'node', i)}" for i, t in enumerate(tasks)]
        futures = self._client.map(fn, list(tasks), key=keys, pure=False)
        if self.on_progress is not None:
            self.on_progress(0, len(futures))
            for done, _ in enumerate(as_completed(futures), start=1):
                self.on_progress(done, len(futures))
        if self.on_lost is None:
            return self._client.gather(futures)
        results = self._client.gather(futures, errors="skip")  # in order, the lost left out
        lost = {i for i, future in enumerate(futures) if future.status == "error"}
        for i in sorted(lost):
            _raise_unless_lost(futures[i])
        done = iter(results)
        return [self._alone(fn, task, f"{keys[i]}-alone") if i in lost else next(done)
                for i, task in enumerate(tasks)]

    def _alone(self, fn: Callable, task, key: str):
        """`fn(task)` run again with no other task beside it; ``on_lost`` when its worker
        dies again."""
        from distributed import wait

        future = self._client.submit(fn, task, key=key, pure=False)
        wait([future])
        if future.status == "error":
            _raise_unless_lost(future)
            return self.on_lost(task, self._lost_reason())
        return future.result()

    def _lost_reason(self) -> str:
        """A lost task's one-line reason: the same for every worker and time (module
        docstring)."""
        tries = 2 * (self._allowed_failures() + 1)   # with the others, then alone
        return (f"the worker process running it died (out of memory or a crash) "
                f"{tries} time{'s' if tries != 1 else ''}: it gave no result, and no error "
                f"to show")

    def _allowed_failures(self) -> int:
        if self.scheduler is None:
            return ALLOWED_FAILURES
        return int(self._client.run_on_scheduler(
            lambda dask_scheduler: dask_scheduler.allowed_failures))


def _raise_unless_lost(future) -> None:
    """Raise a task's error unless its workers died running it (``KilledWorker``)."""
    from distributed import KilledWorker

    if not isinstance(future.exception(), KilledWorker):
        future.result()  # raises the task's own error, with its traceback
