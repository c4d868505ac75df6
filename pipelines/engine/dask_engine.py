"""Many-zone tasks on Dask: a local cluster by default, an existing one by address.

`DaskEngine(workers=N)` starts a `distributed.LocalCluster` of N single-threaded worker
processes (default: the machine's cores); `DaskEngine(scheduler="tcp://HOST:PORT")` connects
to a running scheduler instead (its workers must have dcload installed and see the zone
files at the same paths). `engine.map(fn, tasks, what)` submits one task per item and
returns the results in the tasks' order, so the published tables do not depend on which
worker finished first; with ``on_progress`` it is told (done, total) as tasks finish (the
stage's progress bar). Each task's randomness is its own (seeded by its node's name), so 1
or N workers give the same bytes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence


class DaskEngine:
    def __init__(self, *, workers: int | None = None, scheduler: str | None = None,
                 on_progress: Callable[[int, int], None] | None = None) -> None:
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self.scheduler = scheduler
        self.on_progress = on_progress
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
        return self._client.gather(futures)
