"""A many-zone run's zone tables: the tables a zone's own run publishes beside its forecast
that say where its data-center load comes from, for each zone of the run that has them, in
one file each with a ``region`` column (as the run's peaks.csv is the zone run's with one).

- decomposition.csv: the decomposition of each zone whose data-center part was estimated (a
  large-load queue, or the settings' ``data_center: decomposition``): its base and
  data-center load in the history, from which the existing level is read. A total's own
  decomposition is not published: its data-center load is its zones' summed (`assemble`).
- pipeline.csv: each queue zone's pipeline by stage, with the existing level it carries
  (`forecasting.zones.tables.pipeline_table`, as its zone run makes it: the stage's
  contracts and contracted MW, expected MW, in-service months, and the note saying how a
  contract dated inside the history was taken); ``scenario`` is the run's ``reference``
  (the queue zone's data-center component is the ``vetted`` rule's). A zone whose queue
  holds no contracts has one row with an empty ``stage``, 0 projects and no new load,
  carrying its existing level (`forecasting.zones.tables.pipeline_table`).
- large_load_contracts.csv, large_load_assumptions.csv: each queue zone's large-load
  tables as read, sources included.

Why: a queue zone published only its forecast rows and its data-center share, and its
zone run's tables were nowhere (fuzz 10a D3): a reader could not see the queue's stages,
its contracted or expected MW, or that a contract in service inside the history was taken
as already in the measured load. Each table is made by the worker that ran the zone, from
its own run (`zone_tables_of`), and published in the hierarchy's zone order, so the bytes
are the same with any number of workers. A run with no such zone writes none of them.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from forecasting.zones.read import read_large_load_cells
from forecasting.zones.tables import pipeline_table

DECOMPOSITION = "decomposition.csv"
PIPELINE = "pipeline.csv"
CONTRACTS = "large_load_contracts.csv"
ASSUMPTIONS = "large_load_assumptions.csv"
#: the zone tables in the order they are written
NAMES = (PIPELINE, CONTRACTS, ASSUMPTIONS, DECOMPOSITION)


def zone_tables_of(run, large, folder: str | None, scenario: str, *,
                   estimated: bool) -> dict[str, pd.DataFrame]:
    """File name -> table of one zone's run (`forecasting.zones.run.ZoneRun`): its
    decomposition when its data-center part was ``estimated``, and with its large-load
    data (``large``: (contracts, assumptions) as read from ``folder``) the queue's tables
    as its zone run writes them, ``scenario`` being the run's scenario of the queue."""
    tables = {}
    if large is not None:
        tables[PIPELINE] = pipeline_table(*large, [scenario], run)
        tables[CONTRACTS], tables[ASSUMPTIONS] = read_large_load_cells(folder)
    if estimated:
        tables[DECOMPOSITION] = run.decomposition
    return tables


def published_zone_tables(zones: Sequence[str], by_node: dict,
                          scenario: str) -> dict[str, pd.DataFrame]:
    """File name -> the zone tables of ``zones`` (in that order) that ran, each with a
    leading ``region`` column, pipeline.csv's ``scenario`` the run's; a table no zone has
    is left out (module docstring)."""
    out = {}
    for name in NAMES:
        frames = []
        for zone in zones:
            result = by_node.get(zone)
            table = (getattr(result, "zone_tables", None) or {}).get(name) if result else None
            if table is None or table.empty:
                continue
            if name == PIPELINE:
                table = table.assign(scenario=scenario)
            frames.append(table.assign(region=zone)[["region", *table.columns]])
        if frames:
            out[name] = pd.concat(frames, ignore_index=True)
    return out
