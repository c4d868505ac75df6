"""The progress protocol between the library and whoever runs it.

A long computation (a national or zone run) wraps each stage in `progress.stage(name)`; the
application decides what a stage looks like (a spinner on stderr, a log line, a registry
update, nothing). `Timings` is the silent default: it only records how long each stage took.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class Progress(Protocol):
    timings: dict[str, float]

    def stage(self, name: str):  # a context manager
        ...

    def say(self, message: str) -> None:
        ...


class Timings:
    """Records the seconds of each stage; says nothing."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = round(time.perf_counter() - start, 4)

    def say(self, message: str) -> None:
        return None
