"""A many-zone run from its config file, in memory: plan, run every leaf, then every parent
over the leaves that ran, then assemble. A parent with a single child (a region of one BA, a
BA of one zone) is not run: it takes the result of the node below it, the same load, when
that node ran (`forecasting.many_zones.same_load`; the timings name them apart). The tasks
go through ``map_tasks`` (any function that maps a function over a list and returns the
results in the list's order: the application passes a Dask cluster's, tests may pass the
serial one); no file is written.
A node's warnings (`NodeResult.input_warnings`: its file's reading, its run), which its
worker cannot show, are warned here as `InputWarning`s, in the nodes' order, once the zones
(then the totals) have run; so are, once
the zones are planned, the load files of ``series_dir`` that ``pattern`` leaves out
(`left_out_by_pattern`), in one line: a file the user may take for a zone is never dropped
without a word.

A queue's mistake (`plan.check_queues`) stops the run before any zone runs. A zone file
refused at a row (`NodeResult.input_error`: a typo its user can fix)
stops the run once the zones have run, before any total: the error of the first such zone in
the zones' order is raised (any others are named on the same line), so the application says
it in one line, exits 2 and publishes nothing, as for any bad input. Left out, the zone would
have lowered every total above it under the same name (a refresh would have replaced the last
good result with it). A zone that fails for what its data cannot give (too short a history, a
fit) is left out and the run goes on (`assemble` says so for it and its totals)."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from forecasting.errors import InputError, InputWarning
from forecasting.hierarchy.tree import Hierarchy
from forecasting.io.yaml_lines import key_line
from forecasting.many_zones.assemble import ManyZonesRun, assemble
from forecasting.many_zones.inputs import load_many_zones_inputs
from forecasting.many_zones.node_task import NodeResult, NodeTask, run_node
from forecasting.many_zones.plan import (
    check_queues,
    hierarchy_of,
    leaf_tasks,
    left_out_by_pattern,
    parent_tasks,
    zone_files,
)
from forecasting.many_zones.same_load import needs_own_run, node_below, taken_from_below
from forecasting.paths import display_path
from forecasting.progress import Progress, Timings
from forecasting.zones.config import ManyZonesConfig

#: other zones' file mistakes named on the line of the first (`_refuse_a_zone_files_mistake`)
OTHER_MISTAKES = 3

MapTasks = Callable[[Callable[[NodeTask], NodeResult], Sequence[NodeTask], str],
                    list[NodeResult]]


def serial_map(fn, tasks, what: str = "") -> list[NodeResult]:
    """Run the tasks one after another in this process."""
    return [fn(task) for task in tasks]


@dataclass(frozen=True)
class ComputedManyZones:
    config: ManyZonesConfig
    config_path: Path
    hierarchy: Hierarchy
    run: ManyZonesRun
    started: datetime
    #: the run's warning lines, in the order warned (the report lists them: a seasonal
    #: data-center component warned on stderr had no word on the page)
    warnings: tuple[str, ...] = ()


def compute_many_zones(config_path: Path, *, draws: int | None = None,
                       seed: int | None = None, scenario: str | None = None,
                       progress: Progress | None = None,
                       map_tasks: MapTasks = serial_map) -> ComputedManyZones:
    progress = progress if progress is not None else Timings()
    started = datetime.now(UTC)
    with progress.stage("plan the zones and their hierarchy"):
        config = load_many_zones_inputs(config_path, draws=draws, seed=seed, scenario=scenario)
        files = zone_files(config)
        hierarchy = hierarchy_of(config, files)
        leaves = leaf_tasks(config, hierarchy, files)
        check_queues(leaves)  # a queue's mistake before any zone runs (`check_queues`)
    warned: list[str] = []

    def warn(line: str) -> None:
        warned.append(line)
        warnings.warn(line, InputWarning, stacklevel=3)

    left_out = left_out_by_pattern(config)
    if left_out:
        warn(f"{display_path(config.series_dir)}: pattern '{config.pattern}' leaves out "
             f"{len(left_out)} load file(s) of series_dir, not zones of this run: "
             f"{', '.join(left_out)}")
    with progress.stage(f"fit and simulate {len(leaves)} zones"):
        leaf_results = map_tasks(run_node, leaves, "zones")
    for result in leaf_results:
        for line in result.input_warnings:
            warn(line.removeprefix("warning: "))
    _refuse_a_zone_files_mistake(leaf_results)
    failed = [r.node for r in leaf_results if not r.ok]
    if len(failed) == len(leaf_results):
        _refuse_a_setting_every_zone_refuses(config_path, leaf_results)
        reasons = "; ".join(f"{r.node}: {r.reason}" for r in leaf_results)
        raise InputError(display_path(config.series_dir), f"no zone could be forecast: {reasons}")
    alive = hierarchy.without(failed)
    parents = parent_tasks(config, alive, files) if alive.leaves else []
    parent_results = _run_parents(parents, alive, leaf_results, progress, map_tasks)
    for result in parent_results:
        for line in result.input_warnings:
            warn(line)
    with progress.stage("reconcile energy across the hierarchy"):
        run = assemble(hierarchy, [*leaf_results, *parent_results], config.region)
    return ComputedManyZones(config, Path(config_path), hierarchy, run, started,
                             tuple(warned))


def _run_parents(parents: Sequence[NodeTask], alive: Hierarchy,
                 leaf_results: Sequence[NodeResult], progress: Progress,
                 map_tasks: MapTasks) -> list[NodeResult]:
    """The parents' results, in their order: the totals of several children run first; a
    single-child total takes the result of the node below it when that ran, else runs as
    its own node (`forecasting.many_zones.same_load`)."""
    single = [t for t in parents if node_below(alive, t.node) is not None]
    several = [t for t in parents if node_below(alive, t.node) is None]
    with progress.stage(f"fit and simulate {len(several)} parent totals"):
        results = {r.node: r for r in map_tasks(run_node, several, "parent totals")}
    ok = {r.node: r for r in [*leaf_results, *results.values()] if r.ok}
    taken = [t for t in single if not needs_own_run(alive, t, ok)]
    if taken:
        with progress.stage(f"take {len(taken)} single-child totals from the node below "
                            f"(the same load)"):
            results.update({t.node: taken_from_below(t, ok[node_below(alive, t.node)])
                            for t in taken})
    own = [t for t in single if needs_own_run(alive, t, ok)]
    if own:
        with progress.stage(f"fit and simulate {len(own)} single-child totals whose node "
                            f"below failed"):
            results.update({r.node: r for r in map_tasks(run_node, own, "parent totals")})
    return [results[t.node] for t in parents]


def _refuse_a_zone_files_mistake(results: Sequence[NodeResult]) -> None:
    """The first zone's file mistake (`NodeResult.input_error`) as the run's `InputError`,
    its file, row and field kept; the next few zones' mistakes, if any, follow on its line
    (at most `OTHER_MISTAKES`, then how many more: a setting every file refuses, say a
    ``column`` none holds, stays one readable line)."""
    errors = [r.input_error for r in results if r.input_error is not None]
    if not errors:
        return
    first, others = errors[0], errors[1:]
    named = "; ".join(str(e) for e in others[:OTHER_MISTAKES])
    more = len(others) - OTHER_MISTAKES
    also = (f" (also refused: {named}" + (f"; and {more} more zone file(s)" if more > 0 else "")
            + ")") if others else ""
    raise InputError(first.file, f"{first.message}{also}", row=first.row, field=first.field)


def _refuse_a_setting_every_zone_refuses(config_path: Path, results) -> None:
    """One line naming the config file, the key's line and the key when every zone failed on
    one ``zone.<key>`` setting (`NodeResult.setting`), rather than the reason once per zone."""
    keys = {r.setting for r in results}
    if len(keys) != 1 or not next(iter(keys)):
        return
    key = next(iter(keys))
    first = results[0]
    raise InputError(display_path(config_path), f"{first.reason.removeprefix(key + ':').strip()} "
                     f"({first.node}; every zone of the {len(results)} is refused the same "
                     f"way)", row=key_line(config_path, key), field=key)
