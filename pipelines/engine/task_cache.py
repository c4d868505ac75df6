"""Reuse the results of many-zone tasks whose inputs did not change (a refresh reruns only the
zones whose files changed).

A task's key is the sha256 of everything its result depends on: the node, its leaves and
children, the zone settings, how its files are read (clock, column), its seed, the sha256 of
each file it reads (load files and large-load tables) and the code's version
(`forecasting.runs.code_version`: dcload's version, its sources, its libraries' versions;
the version string alone stays the same across upgrades, which served old code's results).
Results are pickled under ``<store>/task-cache/`` (one file per key, written to a temporary
name and renamed, so a killed run leaves no half file); an entry that cannot be loaded
(truncated, garbage, unreadable) is treated as missing and its task recomputed; after a run,
entries no task used are removed. The same inputs give the same result whether it is
computed or reused, so the published bytes do not depend on the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
from collections.abc import Callable, Sequence
from pathlib import Path

from forecasting.io.hashing import sha256_file
from forecasting.runs.code_version import code_version
from forecasting.zones.inputs import LARGE_LOAD_FILES

#: raised when what a task computes or returns changes, so that a store's cached results of
#: older code are not reused (2: energy paths carry the new pipeline load apart; 3: a total's
#: result carries its monthly peak paths; 4: every node's result carries its monthly and
#: annual peak paths, a zone's annual peak made as `weather_years.annual_peaks` makes it;
#: 5: every node's result carries its measured peaks of the forecast's years; 6: and whether
#: its data-center part was estimated; 7: and its calendar years' peaks, from which a total
#: over it alone takes its coincidence, `forecasting.many_zones.same_load`; 8: a queue zone's
#: result carries its large-load tables, `forecasting.many_zones.zone_tables`; 9: every node's
#: result carries its monthly history rows too; 10: peaks, history rows and coincidence from
#: measured hours only, the hours a source imputed skipped, `forecasting.zones.history`; 11: a
#: winter is December with the next January-February, peaks.csv and peak_check.csv rows
#: carry its ``label``, and the measured peaks reach back to the December before the
#: forecast's first year; 12: a partly observed season's growth band floored per path, a
#: total's hour peak evidence unless its imputed zones hold over 1% of it; 13: every node's
#: result carries its backtest's failures, ``backtest_failures``; 14: a month's peak is
#: evidence only when its measured hours cover 90% of it, `forecasting.seasons.peak_evidence`,
#: and a node without a data-center estimate carries total peak rows only; 15: its calendar
#: years' peaks carry ``peak_evidence``, a year's peak evidence only when each of its months' is,
#: `forecasting.seasons.year_peak_is_evidence`)
RESULT_FORMAT = 15


def task_key(task) -> str:
    files = list(task.files)
    if task.large_loads:
        files += [str(Path(task.large_loads) / name) for name in LARGE_LOAD_FILES
                  if (Path(task.large_loads) / name).is_file()]  # a missing one fails the task
    payload = {
        "node": task.node, "level": task.level, "leaves": list(task.leaves),
        "children": [[c, list(leaves)] for c, leaves in task.children],
        "settings": json.loads(task.settings.model_dump_json()), "seed": task.seed,
        "reading": [task.series_timezone, task.column],
        "files": [[Path(f).name, sha256_file(f)] for f in files],
        "version": code_version(), "result_format": RESULT_FORMAT,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _load(path: Path):
    """The result cached at `path`, or None when the entry cannot be loaded (truncated, not
    a pickle, say text or bytes of another file, from an older dcload, unreadable) or is not
    a task's result: such an entry is treated as missing and its task recomputed."""
    try:
        result = pickle.loads(path.read_bytes())
    except Exception:  # any entry that cannot be loaded is a miss, not a failure
        return None
    return result if getattr(result, "ok", False) else None


class TaskCache:
    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.used: set[str] = set()
        self.reused = 0

    def map(self, run_map: Callable, fn: Callable, tasks: Sequence, what: str) -> list:
        """`run_map(fn, tasks, what)` over the tasks not cached; cached results for the rest,
        all in the tasks' order."""
        self.directory.mkdir(parents=True, exist_ok=True)
        keys = [task_key(t) for t in tasks]
        self.used.update(keys)
        results: dict[int, object] = {}
        todo = []
        for i, key in enumerate(keys):
            path = self.directory / f"{key}.pickle"
            if path.is_file():
                result = _load(path)
                if result is not None:
                    results[i] = result
                    self.reused += 1
                    continue
                with contextlib.suppress(OSError):
                    path.unlink(missing_ok=True)
            todo.append(i)
        for i, result in zip(todo, run_map(fn, [tasks[i] for i in todo], what), strict=True):
            results[i] = result
            if getattr(result, "ok", False):
                self._write(keys[i], result)
        return [results[i] for i in range(len(tasks))]

    def _write(self, key: str, result) -> None:
        path = self.directory / f"{key}.pickle"
        tmp = path.with_name(f".{key}.{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(path)

    def prune(self) -> None:
        """Remove entries no task of this run used (and stray temporary files)."""
        if not self.directory.is_dir():
            return
        for path in self.directory.iterdir():
            if path.suffix == ".tmp" or path.stem not in self.used:
                path.unlink(missing_ok=True)
