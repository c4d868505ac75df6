"""Stage timings and progress lines on stderr (silent with --quiet)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console


class StageProgress:
    def __init__(self, *, quiet: bool = False) -> None:
        self.quiet = quiet
        self.timings: dict[str, float] = {}
        self._console = Console(stderr=True, highlight=False)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        if self.quiet:
            yield
        else:
            with self._console.status(f"{name} ..."):
                yield
        elapsed = time.perf_counter() - start
        self.timings[name] = round(elapsed, 4)
        if not self.quiet:
            self._console.print(f"[green]done[/green] {name} ({elapsed:.2f} s)")

    def say(self, message: str) -> None:
        if not self.quiet:
            self._console.print(message)
