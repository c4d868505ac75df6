"""What a many-zone run will do: its zone files, their hierarchy and one task per node.

Zones are the files of ``series_dir`` matching ``pattern`` (without one, every load file the
readers take: `SERIES_SUFFIXES`), sorted (`candidate_files`). ``pattern`` is matched in any
case, as the suffixes are (``*.csv`` takes ``BETA.CSV``: a Windows export is not left out
because its suffix is upper case); a file whose name starts with '.' is never a zone (a
hidden file, macOS's ``._TAL.csv`` beside ``TAL.csv``), as such large-load folders are not
looked at. The load files ``pattern`` leaves out (`left_out_by_pattern`) are warned about by
the run, one line, so a zone is never dropped without a word. A zone's name is its file's
without the compression and data suffixes (`forecasting.zones.read.zone_name`: ``TAL.csv``
and ``TAL.csv.gz`` are both ``TAL``), and two files naming one zone are an `InputError`. The
hierarchy follows `forecasting.hierarchy.tree`. Leaf tasks come first; parent tasks are made
once the leaves have run, over the leaves that did not fail.

A node's clock (the data-center afternoon of its hourly profiles): the settings' ``timezone``
if given; else its BA's time zone from the ``regions`` table (a parent's when every leaf
under it shares one); else the files' own clock (``series_timezone``) when it is not UTC;
else America/New_York. A BA code the table gives two time zones (in any case) is an
`InputError` naming both rows (`ba_clocks`).

Large-load folders (`large_load_folders`): every subfolder of ``large_loads_dir`` is one
zone's, named as the zone (``PJM-DOM``) or as the zone in lower case with '-' as '_'
(``pjm_dom``), whatever its case; a subfolder naming no zone, two subfolders of one zone, and
a file named as ``contracts.csv`` or ``assumptions.csv`` only in another case
(``Contracts.csv``: refused, never taken) are an `InputError` before any zone runs. A zone's
folder missing its files, or empty, is still the zone's: its run fails naming the file.

A queue's files are the user's input, checked for every zone before any zone runs
(`check_queues`): columns, stages, values, all `forecasting.zones.large_loads` checks but the
one that needs the zone's history (a contract in service before it starts, checked by the
zone's run). A mistake in any queue is then an `InputError` naming file, row and field,
whatever happens to the load files: read after the zone's load file, a queue's typo in a zone
whose load file was refused as a whole (not a load file: the zone's failure) was never
reported, and showed only on the run after the load file was fixed (fuzz 10a D7).
"""

from __future__ import annotations

import difflib
import fnmatch
from collections.abc import Sequence
from pathlib import Path

from forecasting.errors import InputError
from forecasting.hierarchy.tree import Hierarchy, ba_key, build_hierarchy
from forecasting.many_zones.node_task import NodeTask, node_seed
from forecasting.paths import display_path
from forecasting.series.read import SERIES_SUFFIXES
from forecasting.zones.config import ManyZonesConfig, ZoneConfig, ZoneSettings
from forecasting.zones.inputs import LARGE_LOAD_FILES
from forecasting.zones.read import (
    EIA_TIME_ZONES,
    read_ba_regions,
    read_ba_table,
    read_ba_time_zones,
    read_large_loads,
    zone_name,
)

#: a node's clock when neither the settings nor the regions table give one: a zone's default
DEFAULT_TIME_ZONE = ZoneConfig.model_fields["timezone"].default


def zone_files(config: ManyZonesConfig) -> dict[str, Path]:
    """Zone name (`zone_name`) -> file, sorted by name (InputError: no folder, no file, two
    files naming one zone)."""
    folder = Path(config.series_dir)
    if not folder.is_dir():
        raise InputError(display_path(folder), "series_dir is not a folder", field="series_dir")
    if config.large_loads_dir is not None and not Path(config.large_loads_dir).is_dir():
        raise InputError(display_path(Path(config.large_loads_dir)), "large_loads_dir is not a "
                         "folder: the zones with large-load data would run without their "
                         "data-center pipelines", field="large_loads_dir")
    files: dict[str, Path] = {}
    folded: dict[str, str] = {}
    for path in candidate_files(folder, config.pattern):
        name = zone_name(path)
        if not name or name.startswith("-") or name.endswith("-"):
            raise InputError(display_path(path), f"'{name}' is not a zone name: a zone file is "
                             "named <BA>.csv or <BA>-<zone>.csv", field="series_dir")
        if name.casefold() in folded and folded[name.casefold()] != name:
            raise InputError(display_path(folder), f"files '{files[folded[name.casefold()]].name}'"
                             f" and '{path.name}' name zones that differ only in case; a BA "
                             "code is one zone whatever its case: keep one", field="series_dir")
        folded[name.casefold()] = name
        if name in files:
            narrow = (f"narrow pattern (now '{config.pattern}')" if config.pattern is not None
                      else "set pattern (e.g. '*.csv.gz')")
            raise InputError(display_path(folder), f"files '{files[name].name}' and "
                             f"'{path.name}' both name zone '{name}'; keep one, or {narrow}",
                             field="pattern")
        files[name] = path
    if not files and config.pattern is None:
        raise InputError(display_path(folder), f"holds no load file "
                         f"({', '.join(SERIES_SUFFIXES)}); put the zone files there or set "
                         f"pattern", field="series_dir")
    if not files:
        raise InputError(display_path(folder), f"no file matches '{config.pattern}'",
                         field="pattern")
    large_load_folders(config, files)
    return dict(sorted(files.items()))


def candidate_files(folder: Path, pattern: str | None) -> list[Path]:
    """The files of `folder` that are zones, sorted: those matching `pattern` in any case
    (`matches`), or without one every load file the readers take (`SERIES_SUFFIXES`, any
    case); never a hidden file (name starting with '.')."""
    if pattern is not None:
        return [p for p in _visible_files(folder) if matches(p.name, pattern)]
    return [p for p in _visible_files(folder) if _is_load_file(p)]


def matches(name: str, pattern: str) -> bool:
    """Whether a file name matches a ``pattern`` glob, in any case: the default suffix match
    takes ``.CSV`` as ``.csv``, so ``*.csv`` must too, whatever the file system's rule."""
    return fnmatch.fnmatchcase(name.casefold(), pattern.casefold())


def left_out_by_pattern(config: ManyZonesConfig) -> list[str]:
    """The names of the load files of ``series_dir`` (`SERIES_SUFFIXES`, not hidden) that
    ``pattern`` leaves out of the run, sorted; none without a pattern."""
    if config.pattern is None or not Path(config.series_dir).is_dir():
        return []
    return [p.name for p in _visible_files(Path(config.series_dir))
            if _is_load_file(p) and not matches(p.name, config.pattern)]


def _visible_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def _is_load_file(path: Path) -> bool:
    return path.name.lower().endswith(SERIES_SUFFIXES)


def folder_key(name: str) -> str:
    """A zone or large-load folder name as they are matched: casefolded, '-' as '_'."""
    return name.casefold().replace("-", "_")


def large_load_folders(config: ManyZonesConfig, zones) -> dict[str, Path]:
    """Zone -> its large-load folder, for the `zones` (names) with one (module docstring; an
    `InputError` naming the folder or file for a subfolder naming no zone, two subfolders of
    one zone, a folder naming two zones, or a file named as a large-load file only in another
    case). Folders starting with '.' are not looked at, nor those of zone files of
    `series_dir` that `pattern` leaves out of the run."""
    if config.large_loads_dir is None:
        return {}
    root = Path(config.large_loads_dir)
    if not root.is_dir():
        return {}
    by_key: dict[str, list[str]] = {}
    for zone in sorted(zones):
        by_key.setdefault(folder_key(zone), []).append(zone)
    # a zone of series_dir that `pattern` leaves out may keep its folder (a shared folder)
    others = {folder_key(zone_name(p)) for p in candidate_files(Path(config.series_dir), None)}
    out: dict[str, Path] = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        named = by_key.get(folder_key(folder.name), [])
        if not named and folder_key(folder.name) in others:
            continue
        if not named:
            near = difflib.get_close_matches(folder_key(folder.name), list(by_key), n=1)
            hint = f" (is it {by_key[near[0]][0]}'s?)" if near else ""
            under = [z for z in sorted(zones)
                     if folder_key(z.split("-")[0]) == folder_key(folder.name) and "-" in z]
            if under:   # named for a total: a queue is one zone's load
                hint = (f" ({under[0].split('-')[0]} is a total of the run; a queue belongs "
                        f"to one of its zones: {', '.join(under)})")
            raise InputError(display_path(folder), f"a large_loads_dir folder named for no zone"
                             f" of the run{hint}: name it as its zone's file (PJM-DOM) or in "
                             "lower case with '-' as '_' (pjm_dom), or move it out",
                             field="large_loads_dir")
        if len(named) > 1:
            raise InputError(display_path(folder), f"names zones {' and '.join(named)} alike; "
                             "rename one zone's file", field="large_loads_dir")
        if named[0] in out:
            raise InputError(display_path(root), f"folders '{out[named[0]].name}' and "
                             f"'{folder.name}' are both zone {named[0]}'s; keep one",
                             field="large_loads_dir")
        for file in sorted(folder.iterdir()):
            for expected in LARGE_LOAD_FILES:
                if file.name.casefold() == expected and file.name != expected:
                    raise InputError(display_path(file), f"a large-load file is named "
                                     f"'{expected}' (in lower case), and this one is not "
                                     f"read: rename it {expected}", field="large_loads_dir")
        out[named[0]] = folder
    return out


def large_load_dir(config: ManyZonesConfig, zone: str) -> Path | None:
    """The zone's large-load folder, if it has one (`large_load_folders`). A folder missing
    one of its files, or both, is still the zone's, so that its run fails naming the file
    rather than going on without the zone's data-center pipeline."""
    if config.large_loads_dir is None or not Path(config.large_loads_dir).is_dir():
        return None
    for folder in sorted(Path(config.large_loads_dir).iterdir()):
        if folder.is_dir() and folder_key(folder.name) == folder_key(zone):
            return folder
    return None


def check_queues(tasks: Sequence[NodeTask]) -> None:
    """Every queue of the zone ``tasks`` (`NodeTask.large_loads`) read and checked without
    its zone's history (module docstring), in the zones' order: the first mistake is raised
    as the `InputError` it is. A folder missing one of its files is left to its zone's run,
    which fails naming the file (`large_load_dir`)."""
    for task in tasks:
        if task.large_loads is None:
            continue
        folder = Path(task.large_loads)
        if all((folder / name).is_file() for name in LARGE_LOAD_FILES):
            read_large_loads(folder, None)


def hierarchy_of(config: ManyZonesConfig, files: dict[str, Path]) -> Hierarchy:
    regions = read_ba_regions(config.regions) if config.regions else None
    try:
        return build_hierarchy(files, config.region, regions)
    except ValueError as exc:
        raise InputError(display_path(config.series_dir), str(exc)) from None


def ba_clocks(config: ManyZonesConfig) -> dict[str, str]:
    """BA code casefolded (`ba_key`) -> time zone from the regions table ({} without one,
    or when the settings give every zone's clock). A code given two time zones, in one case
    or two (``KAPPA`` Pacific on one row, ``kappa`` Central on another), is an InputError
    naming the table, the later row and the field, and the earlier row: a BA has one clock.
    The same zone again, as an EIA label or its IANA name, is taken once."""
    if config.zone.timezone is not None or not config.regions:
        return {}
    if not read_ba_time_zones(config.regions):  # an unknown label: refused naming its row
        return {}
    file, table, first_row = read_ba_table(config.regions)
    seen: dict[str, tuple[str, str, int]] = {}  # folded code -> (its label, clock, row)
    for i, code, label in zip(table.index, table["Code"], table["Time Zone"], strict=True):
        if not code or not label:
            continue
        clock, row = EIA_TIME_ZONES.get(label, label), first_row + int(i)
        before, known, at = seen.setdefault(code.casefold(), (label, clock, row))
        if known != clock:
            raise InputError(file, f"'{code}' given again, with time zone '{label}' (row {at} "
                             f"gives '{before}'); a BA has one clock: give each code one time "
                             "zone", row=row, field="Time Zone")
    return {key: clock for key, (_, clock, _) in seen.items()}


def node_settings(config: ManyZonesConfig, leaves, clocks: dict[str, str]) -> ZoneSettings:
    """The zone settings of a node over `leaves`, with its clock (module docstring; `clocks`:
    `ba_key` -> time zone, `ba_clocks`)."""
    if config.zone.timezone is not None:
        return config.zone
    found = {clocks.get(ba_key(leaf)) for leaf in leaves}
    fallback = DEFAULT_TIME_ZONE if config.series_timezone == "UTC" else config.series_timezone
    clock = found.pop() if len(found) == 1 and None not in found else fallback
    return config.zone.model_copy(update={"timezone": clock})


def reading(config: ManyZonesConfig) -> dict:
    """How every task reads its files: the folder's clock and load column."""
    return {"series_timezone": config.series_timezone, "column": config.column}


def leaf_tasks(config: ManyZonesConfig, hierarchy: Hierarchy,
               files: dict[str, Path]) -> list[NodeTask]:
    out = []
    clocks = ba_clocks(config)
    for leaf in hierarchy.leaves:
        large = large_load_dir(config, leaf)
        out.append(NodeTask(leaf, hierarchy.level[leaf], (leaf,), (str(files[leaf]),),
                            settings=node_settings(config, (leaf,), clocks),
                            seed=node_seed(config.seed, leaf),
                            large_loads=None if large is None else str(large),
                            **reading(config)))
    return out


def parent_tasks(config: ManyZonesConfig, alive: Hierarchy,
                 files: dict[str, Path]) -> list[NodeTask]:
    out = []
    clocks = ba_clocks(config)
    for node in alive.nodes:
        if node in alive.leaves:
            continue
        leaves = tuple(alive.leaves_under(node))
        children = tuple((c, tuple(alive.leaves_under(c))) for c in alive.children(node))
        out.append(NodeTask(node, alive.level[node], leaves,
                            tuple(str(files[leaf]) for leaf in leaves), children=children,
                            settings=node_settings(config, leaves, clocks),
                            seed=node_seed(config.seed, node), **reading(config)))
    return out
