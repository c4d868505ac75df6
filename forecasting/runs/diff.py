"""What changed between two runs: headline numbers, input data, assumptions.

`diff_runs(old, new)` works on two `RunSnapshot`s (a manifest and a forecast table) and returns
a plain, JSON-serialisable dict, so the report's `changes` section and `dcload runs diff` share
it (a published run is read into a snapshot by `forecasting.runs.snapshot.read_snapshot`; a run
still in memory is one already), and `report_changes(diff)` reshapes a diff into a run's
`changes.json` (what the report reads).

Returned dict:

- `old`, `new`: `run_id`, `started_utc`, `fingerprint`
- `headline`: one entry per (scenario, year) in HEADLINE_YEARS with P10/P50/P90 `old`,
  `new`, `change` (new - old) and `change_pct` (of P50); a side is null where a run has no row
- `data_changes`: input files whose sha256 changed: `file`, `change` (modified, added,
  removed, or moved: the same content under another path, `old_file`), `old_sha256`,
  `new_sha256`
- `assumption_changes`: resolved-config values that changed, then the scenario parameters
  that changed (national runs whose manifests record them), then a zone's large-load
  contracts and assumptions that changed (`forecasting.runs.large_load_diff`: zone runs had
  said "none changed" of an edited queue): `path` (dotted, list items of named things as
  `scenarios[high-ai].parameters.shipments_growth.high`,
  `large_loads.contracts[p1].contracted_mw`), `change` (modified, added, removed), `old`,
  `new`
- `version_changes`: package versions that changed: `package`, `old`, `new`
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from forecasting.contracts import HEADLINE_YEARS, key_metric, key_rows
from forecasting.runs.large_load_diff import large_load_changes

QUANTILES = ("p10", "p50", "p90")
_ABSENT = object()


@dataclass(frozen=True)
class RunSnapshot:
    """A run as a diff sees it: its manifest and its forecast table (as published)."""

    manifest: dict
    forecast: pd.DataFrame


def headline(forecast: pd.DataFrame, years: tuple[int, ...] = HEADLINE_YEARS) -> dict:
    """{(scenario, year): {"p10": .., "p50": .., "p90": ..}} for the total of the run's key
    metric (TWh for national runs, annual peak MW for zone runs) in `years`."""
    twh = key_rows(forecast)
    twh = twh[twh["year"].isin(years)]
    several = twh["region"].nunique() > 1
    out = {}
    for row in twh.itertuples():
        scenario = f"{row.region}/{row.scenario}" if several else str(row.scenario)
        out[(scenario, int(row.year))] = {q: round(float(getattr(row, q)), 4) for q in QUANTILES}
    return out


def diff_runs(old: RunSnapshot, new: RunSnapshot,
              years: tuple[int, ...] = HEADLINE_YEARS) -> dict:
    data = _data_changes(old.manifest.get("inputs", {}), new.manifest.get("inputs", {}))
    return {
        "old": _identity(old.manifest),
        "new": _identity(new.manifest),
        "headline": _headline_changes(old.forecast, new.forecast, years),
        "data_changes": data,
        "assumption_changes": [
            *config_changes(old.manifest.get("config", {}), new.manifest.get("config", {})),
            *_scenario_changes(old.manifest, new.manifest),
            *large_load_changes(old.manifest, new.manifest, data)],
        "version_changes": [
            {"package": p, "old": old.manifest.get("packages", {}).get(p),
             "new": new.manifest.get("packages", {}).get(p)}
            for p in sorted(set(old.manifest.get("packages", {}))
                            | set(new.manifest.get("packages", {})))
            if old.manifest.get("packages", {}).get(p) != new.manifest.get("packages", {}).get(p)
        ],
    }


def report_changes(diff: dict) -> dict:
    """A diff in the shape of a run's `changes.json` (the report's changes section, see
    forecasting/report): `from_run`, `headline` rows with `old_p50`/`new_p50`, `data` with
    `path`, `assumptions` with `key`, `old`, `new`."""
    headline = []
    for h in diff["headline"]:
        row = {"scenario": h["scenario"], "year": h["year"], "change_pct": h["change_pct"]}
        for side in ("old", "new"):
            for q in QUANTILES:
                row[f"{side}_{q}"] = None if h[side] is None else h[side][q]
        headline.append(row)
    return {
        "first_run": False,
        "from_run": diff["old"]["run_id"],
        "to_run": diff["new"]["run_id"],
        "headline": headline,
        "data": [{"path": d["file"], "change": d["change"], "old_sha256": d["old_sha256"],
                  "new_sha256": d["new_sha256"],
                  **({"old_path": d["old_file"]} if "old_file" in d else {})}
                 for d in diff["data_changes"]],
        "assumptions": [{"key": a["path"], "change": a["change"], "old": a["old"],
                         "new": a["new"]} for a in diff["assumption_changes"]],
        "versions": diff["version_changes"],
    }


def _identity(manifest: dict) -> dict:
    return {k: manifest.get(k) for k in ("run_id", "started_utc", "fingerprint")}


def _headline_changes(old: pd.DataFrame, new: pd.DataFrame, years) -> list[dict]:
    a, b = headline(old, years), headline(new, years)
    order = list(dict.fromkeys([*a, *b]))
    out = []
    for scenario, year in order:
        before, after = a.get((scenario, year)), b.get((scenario, year))
        entry = {"scenario": scenario, "year": year, "metric": key_metric(new),
                 "old": before, "new": after, "change": None, "change_pct": None}
        if before is not None and after is not None:
            entry["change"] = {q: round(after[q] - before[q], 4) for q in QUANTILES}
            if before["p50"]:
                entry["change_pct"] = round(100 * (after["p50"] / before["p50"] - 1), 2)
        out.append(entry)
    return out


def _data_changes(old: dict, new: dict) -> list[dict]:
    out = []
    for file in sorted(set(old) | set(new)):
        before, after = old.get(file), new.get(file)
        if before == after:
            continue
        change = "added" if before is None else "removed" if after is None else "modified"
        out.append({"file": file, "change": change, "old_sha256": before, "new_sha256": after})
    return _moved(out)


def _moved(changes: list[dict]) -> list[dict]:
    """A file removed and one added with the same sha256 are one file `moved` (its content
    unchanged; `old_file` its former path): a config copied elsewhere with its scenario
    files had listed each of them twice, 17 removed and 17 added. A removed file is paired
    with the added one of the same name first, then in path order."""
    removed = [c for c in changes if c["change"] == "removed"]
    paired: dict[int, dict] = {}   # id of an added change -> its removed twin
    for added in (c for c in changes if c["change"] == "added"):
        twins = [r for r in removed if r["old_sha256"] == added["new_sha256"]
                 and all(r is not t for t in paired.values())]
        if twins:
            name = Path(added["file"]).name
            paired[id(added)] = min(twins, key=lambda r: (Path(r["file"]).name != name,
                                                          r["file"]))
    gone = {id(r) for r in paired.values()}
    return [{**c, "change": "moved", "old_file": paired[id(c)]["file"],
             "old_sha256": c["new_sha256"]} if id(c) in paired else c
            for c in changes if id(c) not in gone]


def _scenario_changes(old: dict, new: dict) -> list[dict]:
    """Scenario parameters that changed, as `scenarios[<name>].<path>`, between two runs
    whose manifests record them (`scenario_parameters`, from dcload 0.3 on); a scenario only
    one of the runs has is told by the config's `scenarios` already."""
    before, after = old.get("scenario_parameters"), new.get("scenario_parameters")
    if not isinstance(before, list) or not isinstance(after, list):
        return []
    names = {s.get("name") for s in before if isinstance(s, dict)} & {
        s.get("name") for s in after if isinstance(s, dict)}
    return config_changes(
        {"scenarios": [s for s in before if isinstance(s, dict) and s.get("name") in names]},
        {"scenarios": [s for s in after if isinstance(s, dict) and s.get("name") in names]})


def config_changes(old: dict, new: dict) -> list[dict]:
    """Leaves of two resolved configs whose values differ, as dotted paths."""
    a, b = flatten(old), flatten(new)
    out = []
    for path in list(dict.fromkeys([*a, *b])):
        before, after = a.get(path, _ABSENT), b.get(path, _ABSENT)
        if before == after:
            continue
        change = ("added" if before is _ABSENT else "removed" if after is _ABSENT
                  else "modified")
        out.append({"path": path, "change": change,
                    "old": None if before is _ABSENT else before,
                    "new": None if after is _ABSENT else after})
    return out


def flatten(value: object, prefix: str = "") -> dict[str, object]:
    """Nested dicts -> {dotted.path: leaf}. A list of dicts with distinct `name`s is keyed by
    name (`scenarios[ai-growth].until_year`), other lists of dicts by index; lists of plain
    values are leaves."""
    if isinstance(value, dict):
        out: dict[str, object] = {}
        for key, item in value.items():
            out.update(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        names = [v.get("name") for v in value]
        named = all(isinstance(n, str) for n in names) and len(set(names)) == len(names)
        out = {}
        for i, item in enumerate(value):
            out.update(flatten(item, f"{prefix}[{names[i] if named else i}]"))
        return out
    return {prefix: value}


def format_diff(diff: dict) -> str:
    """The diff as plain text for a terminal."""
    metric = diff["headline"][0]["metric"] if diff["headline"] else "twh"
    unit = {"twh": "TWh/yr", "peak_mw": "annual peak MW"}.get(metric, metric)
    lines = [f"runs: {diff['old']['run_id']} -> {diff['new']['run_id']}", "",
             f"headline, {unit}: P50 [P10 - P90]"]
    rows = [("scenario", "year", "old", "new", "change P50")]
    for h in diff["headline"]:
        rows.append((h["scenario"], str(h["year"]), _band(h["old"]), _band(h["new"]),
                     _change(h)))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for r in rows:
        lines.append("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True))
                     .rstrip())
    lines += ["", "data changes:"]
    lines += [f"  {d['file']}: moved from {d['old_file']} (same content, sha256 "
              f"{_sha(d['new_sha256'])})" if d["change"] == "moved" else
              f"  {d['file']}: {d['change']} (sha256 {_sha(d['old_sha256'])} -> "
              f"{_sha(d['new_sha256'])})" for d in diff["data_changes"]] or ["  none"]
    lines += ["", "assumption changes:"]
    lines += [f"  {a['path']}: {_value(a['old'], a['change'] == 'added')} -> "
              f"{_value(a['new'], a['change'] == 'removed')}"
              for a in diff["assumption_changes"]] or ["  none"]
    if diff.get("version_changes"):
        lines += ["", "package versions:"]
        lines += [f"  {v['package']}: {v['old']} -> {v['new']}" for v in diff["version_changes"]]
    return "\n".join(lines)


def _band(q: dict | None) -> str:
    return "-" if q is None else f"{q['p50']:.1f} [{q['p10']:.1f} - {q['p90']:.1f}]"


def _change(h: dict) -> str:
    if h["change"] is None:
        return "-"
    pct = "" if h["change_pct"] is None else f" ({h['change_pct']:+.1f}%)"
    return f"{h['change']['p50']:+.1f}{pct}"


def _sha(value: str | None) -> str:
    return "(none)" if value is None else value[:12]


def _value(value: object, absent: bool) -> str:
    return "(absent)" if absent else json.dumps(value)
