"""What changed in a zone's large-load contracts and assumptions between two runs, for
`forecasting.runs.diff` (its ``assumption_changes``), from the record each zone run's
manifest keeps (`forecasting.runs.large_load_record`, key ``large_loads``).

Rules, each change a dict as `diff.config_changes` gives (``path``, ``change``, ``old``,
``new``):

- an assumption's bound: ``large_loads.assumptions.utilization.mode`` (a stage's realization
  ``large_loads.assumptions.realization[ESA].mode``), modified, added or removed;
- a contract, keyed by its project: each field that changed
  (``large_loads.contracts[p1].contracted_mw``, 1200.0 -> 1500.0); a contract only one run
  has is one entry, ``large_loads.contracts[p2]`` added or removed, its values as the value;
- a run published before the record (no ``large_loads`` in its manifest) whose large-load
  files' sha256 changed: one entry ``large_loads`` saying the values are not itemized, so the
  report never says "none changed" of edited files. Both runs must name a large-load folder
  in their config (one that adds or drops it is told by the config's ``large_loads``).
"""

from __future__ import annotations

from pathlib import PurePath

#: the files of a large-load folder whose values the record holds
LARGE_LOAD_FILES = ("contracts.csv", "assumptions.csv")


def large_load_changes(old: dict, new: dict, data_changes: list[dict]) -> list[dict]:
    """The changes of two manifests' large-load records (module docstring); ``data_changes``
    the diff's changed input files (for runs without a record)."""
    before, after = old.get("large_loads"), new.get("large_loads")
    if isinstance(before, dict) and isinstance(after, dict):
        return [*_assumption_changes(before.get("assumptions") or {},
                                     after.get("assumptions") or {}),
                *_contract_changes(before.get("contracts") or [],
                                   after.get("contracts") or [])]
    folders = [m.get("config", {}).get("large_loads") for m in (old, new)]
    if not all(folders):
        return _many_zone_changes(old, new, data_changes)
    files = sorted({PurePath(d["file"]).name for d in data_changes
                    if PurePath(d["file"]).name in LARGE_LOAD_FILES
                    and any(_under(d["file"], f) for f in folders)})
    if not files:
        return []
    return [{"path": "large_loads", "change": "modified",
             "old": "not itemized (a run's manifest records no large-load values)",
             "new": f"{', '.join(files)} changed"}]


def _many_zone_changes(old: dict, new: dict, data_changes: list[dict]) -> list[dict]:
    """A many-zone run records no zone's large-load values: its zones' edited queue files
    (under ``large_loads_dir``) are named, each as ``<zone folder>/<file>``, rather than
    "none changed" said of an edited queue (fuzz 10a D4)."""
    roots = [m.get("config", {}).get("large_loads_dir") for m in (old, new)]
    if not all(roots):
        return []
    files = sorted({f"{PurePath(d['file']).parent.name}/{PurePath(d['file']).name}"
                    for d in data_changes if PurePath(d["file"]).name in LARGE_LOAD_FILES
                    and any(_under(PurePath(d["file"]).parent.as_posix(), r) for r in roots)})
    if not files:
        return []
    return [{"path": "large_loads", "change": "modified",
             "old": "not itemized (a many-zone run's manifest records no zone's large-load "
                    "values)", "new": f"{', '.join(files)} changed"}]


def _under(file: str, folder: str) -> bool:
    return PurePath(file).parent.as_posix().rstrip("/").endswith(
        PurePath(folder).as_posix().rstrip("/"))


def _assumption_changes(old: dict, new: dict) -> list[dict]:
    a, b = _leaves(old), _leaves(new)
    out = []
    for key in dict.fromkeys([*a, *b]):
        if a.get(key) != b.get(key):
            out.append(_change(f"large_loads.assumptions.{key}", a.get(key), b.get(key)))
    return out


#: a distribution's bounds in the order a reader reads them (a manifest sorts its keys)
BOUNDS = ("low", "mode", "high")


def _leaves(assumptions: dict) -> dict[str, object]:
    """``utilization.mode`` -> value; a stage's realization as ``realization[ESA].mode``."""
    out: dict[str, object] = {}
    for name, value in assumptions.items():
        if not isinstance(value, dict):
            continue
        dists = value.items() if name == "realization" else [(None, value)]
        for stage, dist in dists:
            key = name if stage is None else f"{name}[{stage}]"
            dist = dist if isinstance(dist, dict) else {}
            for bound in [*(b for b in BOUNDS if b in dist),
                          *sorted(b for b in dist if b not in BOUNDS)]:
                out[f"{key}.{bound}"] = dist[bound]
    return out


def _contract_changes(old: list, new: list) -> list[dict]:
    a = {c.get("project"): c for c in old if isinstance(c, dict)}
    b = {c.get("project"): c for c in new if isinstance(c, dict)}
    out = []
    for project in dict.fromkeys([*a, *b]):
        before, after = a.get(project), b.get(project)
        path = f"large_loads.contracts[{project}]"
        if before is None or after is None:
            out.append(_change(path, _values(before), _values(after)))
            continue
        for field in dict.fromkeys([*before, *after]):
            if field != "project" and before.get(field) != after.get(field):
                out.append(_change(f"{path}.{field}", before.get(field), after.get(field)))
    return out


def _values(contract: dict | None) -> dict | None:
    return None if contract is None else {k: v for k, v in contract.items() if k != "project"}


def _change(path: str, old: object, new: object) -> dict:
    change = "added" if old is None else "removed" if new is None else "modified"
    return {"path": path, "change": change, "old": old, "new": new}
