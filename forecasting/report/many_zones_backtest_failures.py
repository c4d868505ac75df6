"""The many-zone report on the backtest models that failed at some origins: a sentence in each
such node's details, the zone report's (`zone_backtest_failures.failures_sentence`), and one
line by the node table naming those nodes, since the table's MASE and coverage would
otherwise give no hint that some of a node's candidates were skipped (from the run's
backtest_failures.csv, a ``region`` column first; nothing when it holds no row, or for a
run published before it).

A node's backtest is the one its own zone run made (every node runs as a zone:
`forecasting.many_zones.node_task`), so its sentence is read as a zone run's is:

- its candidates and strategy are the run's ``zone.backtest`` settings (the manifest's
  ``config``): every node runs with them, its clock aside. Its energy candidates are fitted
  on the base plus the data-center trend (``name+dc``) where its run had a data-center
  component: every node's with ``zone.data_center: decomposition``, else a zone's with a
  large-load queue alone (zones.csv's ``data_center`` ``large-load pipeline``). Its
  `selected` rows cannot tell, so this says which failed model is a candidate and which a
  peer of the same name;
- its origins are those of its rows of backtest_forecasts.csv (a many-zone run publishes
  each node's `selected` rows alone) with those of its failure rows: at an origin every
  model forecast or failed, so these are its own run's origins (`zone_backtest_failures`);
- a single-child total's rows are those of the node whose forecast it publishes (the
  bottom of its chain of single children, reconciliation.json's ``same_load``:
  `forecasting.many_zones.same_load`), so its sentence is that node's;
- a total of several children published bottom-up shows its zones' forecasts summed: its
  failures are those of its own model, fitted to test the reconciliation, and its sentence
  says so, as does that of a single-child total above it (under MinT its own model's
  forecast is the one reconciled).

The line by the table counts the nodes with a failure row among those backtested (a node
with rows in either table: a failed node has none) and names them in the table's order.
"""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from forecasting.report.zone_backtest_failures import FAILURES_FILE, failures_sentence

#: zones.csv's ``data_center`` of a zone with a large-load queue, as
#: forecasting/many_zones/data_center_source.py writes it
PIPELINE = "large-load pipeline"
OWN_MODEL_ONLY = Markup(" These are its own model's, fitted to test the reconciliation; the "
                        "figures shown are its zones' forecasts summed.")


def node_failure_sentences(failures: pd.DataFrame | None, forecasts: pd.DataFrame | None,
                           *, manifest: dict, nodes: list[dict]) -> dict[str, Markup]:
    """Node -> its sentence (module docstring), for every node of ``nodes`` (zones.csv's
    rows) with a failure row; ``failures`` and ``forecasts`` are the run's
    backtest_failures.csv and backtest_forecasts.csv (None when it has none)."""
    if failures is None or failures.empty:
        return {}
    config = manifest.get("config") or {}
    settings = (config.get("zone") or {}).get("backtest") or {}
    reconciliation = manifest.get("reconciliation") or {}
    summed = reconciliation.get("published") == "bottom_up"
    same_load = reconciliation.get("same_load") or {}
    rows_of = (dict(tuple(forecasts.groupby(forecasts["region"].astype(str))))
               if forecasts is not None and not forecasts.empty else {})
    level = {str(n["region"]): n.get("level") for n in nodes}
    source = {str(n["region"]): n.get("data_center") for n in nodes}
    decomposed = (config.get("zone") or {}).get("data_center")
    sentences = {}
    for node, mine in failures.groupby(failures["region"].astype(str)):
        own = str(same_load.get(node, node))  # the node whose run these rows are
        with_data_center = (None if decomposed is None  # a config without it: as rows say
                            else decomposed == "decomposition" or source.get(own) == PIPELINE)
        sentence = failures_sentence(mine, rows_of.get(node), settings=settings,
                                     with_data_center=with_data_center)
        if sentence is None:
            continue
        if summed and level.get(own, "zone") != "zone":
            sentence += OWN_MODEL_ONLY
        sentences[node] = sentence
    return sentences


def backtested_nodes(failures: pd.DataFrame | None,
                     forecasts: pd.DataFrame | None) -> int:
    """How many nodes have rows in backtest_forecasts.csv or backtest_failures.csv."""
    return len({str(r) for table in (failures, forecasts) if table is not None
                for r in table["region"]})


def failed_nodes_text(nodes: list[dict], backtested: int) -> Markup | None:
    """The line by the node table: in how many of the ``backtested`` nodes some model failed,
    naming each with a link to its details (``nodes``: zones.csv's rows with ``anchor`` and
    ``backtest_failures``, in the table's order); None when none did."""
    named = [n for n in nodes if n.get("backtest_failures")]
    if not named:
        return None
    links = Markup(", ").join(Markup('<a href="#{}">{}</a>').format(n["anchor"], n["region"])
                              for n in named)
    return Markup("In {} of the {} nodes backtested some backtest models failed at some "
                  "origins and were skipped there (why each: <code>{}</code>; each node's "
                  "details say which, at how many origins and what <code>selected</code> did "
                  "there): {}.").format(len(named), max(backtested, len(named)), FAILURES_FILE,
                                        links)
