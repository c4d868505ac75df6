"""The many-zone report's section on the zones with a large-load queue, one entry each, from
the run's own files: pipeline.csv (each queue zone's pipeline by stage as its zone run makes
it, `forecasting.many_zones.zone_tables`) and reconciliation.json's ``large_load_added``
(the new load its pipeline adds in the last full year, `assemble.large_load_added`).

Each entry says the zone's contracts by stage, its contracted MW, the P50 of the new load
added in the last year with its 80% band, and the existing data-center level it carries;
its stage table and the sentences under it are the zone report's
(reports/templates/pipeline_stages.html.j2), so an in-history contract's note ("in service
inside the history: ... taken as in the measured load") reads as in the zone run. Before,
the many-zone report never named a queue (fuzz 10a D3).

A queue with no contracts has pipeline.csv rows with no stage and 0 projects
(`forecasting.zones.tables.pipeline_table`): its entry has no stage table and says "No
contracts; the existing level ... in YYYY-MM, no new load." It had been left out of the
section, though its zone's data-center load is the level it carries (fuzz 11c D2)."""

from __future__ import annotations

import pandas as pd

from forecasting.report import number_format
from forecasting.report.zone_render import _records


def queue_entries(pipeline: pd.DataFrame | None, added: dict | None) -> list[dict]:
    """One entry per zone of pipeline.csv, in its order: ``zone``, ``summary`` (a
    sentence), ``rows`` (the zone's pipeline rows as the zone report's table takes them)."""
    if pipeline is None or pipeline.empty:
        return []
    out = []
    for i, zone in enumerate(dict.fromkeys(pipeline["region"])):
        rows = pipeline[pipeline["region"] == zone].drop(columns="region")
        if rows["projects"].sum() == 0:
            out.append({"zone": zone, "anchor": f"queue-{i}", "rows": None,
                        "summary": empty_queue_summary(rows)})
            continue
        out.append({"zone": zone, "anchor": f"queue-{i}", "rows": _records(rows),
                    "summary": queue_summary(rows, (added or {}).get(zone))})
    return out


def empty_queue_summary(rows: pd.DataFrame) -> str:
    """"No contracts; the existing level 32.0 MW (+/- 107 MW) in 2024-12, no new load." from
    an empty queue's pipeline.csv rows (module docstring)."""
    first = rows.iloc[0]
    text = "No contracts (its contracts.csv has its header only)"
    if "existing_level_mw" in rows.columns:
        text += (f"; the existing data-center level it carries, "
                 f"{number_format.figure(float(first['existing_level_mw']))} MW (+/- "
                 f"{number_format.figure(float(first['existing_half_width_mw']))} MW) in "
                 f"{first['existing_level_month']}")
    return text + ", no new load."


def queue_summary(rows: pd.DataFrame, added: dict | None) -> str:
    """"3 contracts (ESA 1: 500 MW; CLOA 1: 500 MW; SELOA 1: 1,500 MW), 2,500 MW contracted.
    New load its pipeline adds in 2030, average MW: 716 [589-859] (P50 [P10-P90]), on top
    of the existing data-center level it carries, 32.0 MW (+/- 107 MW) in 2024-12." from one
    zone's
    pipeline.csv rows (one scenario's) and its ``large_load_added`` entry."""
    first = rows[rows["scenario"] == rows["scenario"].iloc[0]]
    projects = int(first["projects"].sum())
    stages = "; ".join(f"{r.stage} {int(r.projects)}: {number_format.figure(r.contracted_mw)} MW"
                       for r in first.itertuples(index=False))
    text = (f"{projects} contract{'s' if projects != 1 else ''} ({stages}), "
            f"{number_format.figure(float(first['contracted_mw'].sum()))} MW contracted.")
    if added:
        p50, p10, p90 = (added[f"avg_mw_{q}"] for q in ("p50", "p10", "p90"))
        text += (f" New load its pipeline adds in {added['year']}, average MW: "
                 f"{number_format.band(p50, p10, p90)} (P50 [P10-P90])")
    if "existing_level_mw" in first.columns:
        level, half = first["existing_level_mw"].iloc[0], first["existing_half_width_mw"].iloc[0]
        text += ((", on top of" if added else " It adds to") + " the existing data-center "
                 f"level it carries, {number_format.figure(float(level))} MW "
                 f"(+/- {number_format.figure(float(half))} MW) in "
                 f"{first['existing_level_month'].iloc[0]}.")
    elif added:
        text += "."
    return text
