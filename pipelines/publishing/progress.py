"""Stage timings and progress lines on stderr (silent with --quiet), for `dcload forecast`.

`on_stage`, when set, is called at the start of each stage (the publisher records the stage in
the registry and honours test pause points there)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console

from pipelines.publishing.logs import RunLog


class StageProgress:
    def __init__(self, *, quiet: bool = False) -> None:
        self.quiet = quiet
        self.timings: dict[str, float] = {}
        self.on_stage: Callable[[str], None] | None = None
        self._console = Console(stderr=True, highlight=False)
        self._status = None
        self._name = ""

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        if self.on_stage is not None:
            self.on_stage(name)
        start = time.perf_counter()
        self._name = name
        if self.quiet:
            yield
        else:
            with self._console.status(f"{name} ...") as status:
                self._status = status
                try:
                    yield
                finally:
                    self._status = None
        elapsed = time.perf_counter() - start
        self.timings[name] = round(elapsed, 4)
        if not self.quiet:
            self._console.print(f"[green]done[/green] {name} ({elapsed:.2f} s)")

    def say(self, message: str) -> None:
        if not self.quiet:
            self._console.print(message)

    def advance(self, done: int, total: int) -> None:
        """Tasks done so far in the current stage: a bar in the stage's status line."""
        if self._status is not None and total:
            filled = round(30 * done / total)
            self._status.update(f"{self._name} [{'#' * filled}{'.' * (30 - filled)}] "
                                f"{done}/{total}")


class LoggedProgress(StageProgress):
    """Stage timings for the manifest, stage lines through the run log, and a callback at
    the start of each stage (registry stage column, test pause points)."""

    def __init__(self, log: RunLog, *, on_stage: Callable[[str], None]) -> None:
        super().__init__(quiet=True)
        self.log = log
        self.on_stage = on_stage

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        self.on_stage(name)
        self._name = name
        self.log.info("stage_started", f"{name} ...", stage=name)
        start = time.perf_counter()
        yield
        elapsed = time.perf_counter() - start
        self.timings[name] = round(elapsed, 4)
        self.log.info("stage_done", f"done {name} ({elapsed:.2f} s)", stage=name,
                      seconds=round(elapsed, 4))

    def say(self, message: str) -> None:
        self.log.info("message", message)

    def advance(self, done: int, total: int) -> None:
        """A log line at each quarter of the stage's tasks (a refresh's log stays short)."""
        if total and (done == total or done * 4 // total != (done - 1) * 4 // total):
            self.log.info("tasks", f"{self._name}: {done}/{total}", done=done, total=total)
