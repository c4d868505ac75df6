"""A computed many-zone run as the text of its files. A many-zone run directory holds:

- forecast.csv: `forecasting.contracts.FORECAST_COLUMNS`, one ``region`` per node (zones,
  BAs, regions and the top), scenario ``reference``; energy_gwh and avg_mw coherent across
  the hierarchy (`assemble`), peak_mw each node's own run's fitted to that energy, to the new
  large-load pipeline load under it and to its children's peaks (`coherent_peaks`); the
  ``base`` and ``data_center`` components only of nodes whose zones all estimated their
  data-center part, the others' ``total`` alone (`data_center_source`)
- zones.csv: one row per node: level, parent, status (ok, failed with its one-line reason,
  or "sum of zones" for a parent whose own run failed: its reason says its energy is its
  zones' sum and its peaks its children's peaks summed), ``leaves`` (how many zones a total
  sums: the report names every total with it), energy and peak for 2025, 2028 and
  2030 (P10, P50, P90: fixed columns, empty for a year the run does not forecast; the report
  shows a run's last year from forecast.csv, `forecasting.report.many_zones_years`),
  data-center share of 2030 energy and where that load comes from
  (``data_center``: a zone's ``trend``, ``large-load pipeline`` or ``not estimated``; a
  total's is its zones', e.g. ``trend + large-load pipeline of 1 of its 3 zones``, also when
  its own run failed; the share is empty where it was not estimated, for a total in any of
  its zones: ``not estimated in 2 of its 3 zones; trend in 1``),
  the backtest (monthly energy) of the forecast the node publishes, not of its own model
  when it publishes another (``backtest_of``: a zone's own `selected`, MASE and 80%
  coverage; a bottom-up total's zones' P50s summed, on the backtest months it and its
  zones share, MinT's reconciled P50s, on those every node shares: MASE only; a
  single-child total its child's; each with how many (origin, month) pairs it is scored on:
  `forecasting.many_zones.published_backtest`); the seconds each task took are in
  manifest.json
- coincidence.csv: per parent and complete history year, its peak, the sum of its children's
  peaks and their ratio; a year whose peak, the parent's or a child's, is no evidence (a month
  of it under `forecasting.seasons.MONTH_COMPLETE` measured hours:
  `forecasting.seasons.year_peak_is_evidence`) has no row, its peaks being lower bounds
- peaks.csv: each node's 50/50 and 90/10 summer and winter peaks per forecast year (a
  winter December of ``year`` to February of the next, ``label`` "2030/31"), with
  weather and growth bands apart (the zone run's peaks.csv with a ``region`` column, fitted
  by the same rule, beside the year's annual peak P50, which no larger 90/10 is below;
  peaks do not add up the hierarchy, but a total whose own run failed has its children's
  summed, with an empty 50/50 weather year where they differ)
- peak_check.csv: each node's complete history seasons held out (summer Y, winter Y/Y+1),
  their actual peaks beside the 50/50 and 90/10 the other years' weather gives
  (`forecasting.zones.peak_check`)
- history.csv: each node's evidence figures as its zone run's history.csv has them, annual
  rows then monthly (``YYYY`` and ``YYYY-MM`` periods, the same columns, a ``region``
  column), so a planner can set the first forecast months against the last measured ones;
  an annual ``peak_mw`` is the year's largest measured hour, shown also when a month of the
  year has too few measured hours for its peak to be evidence (its monthly rows say which):
  a lower bound then, in no coincidence
- backtest_summary.csv: each node's backtest summary (``region`` column); a single-child
  total's are its child's, whose forecast it publishes (`forecasting.many_zones.same_load`)
- backtest_forecasts.csv: each node's `selected` backtest rows (``region`` column); a
  single-child total's are its child's likewise
- backtest_failures.csv: each node's backtest models that failed at an origin (their fit or
  draw raised), with why, as a zone run's backtest_failures.csv with a ``region`` column
  (`forecasting.zones.backtest_failures`); the header alone when none did; a single-child
  total's are its child's likewise
- reconciliation.json: how the energy was made coherent (``published``: ``bottom_up`` or
  ``mint``, as the backtest decided; MinT's method, shrinkage and error periods; the
  backtest per level, on the (origin, month) pairs every node shares, and
  ``backtest_projection``: how many, and how it reconciled each origin (MinT-shrink, or the
  structural W when the other origins held too few errors); ``same_load``: single-child
  totals and the node whose paths they take;
  ``months``: the forecast months every node shares, the years they cover only in part and
  the zones whose files end later, which cut them: `assemble.months_note`; ``large_load_added``:
  per zone with a large-load queue, the new load its pipeline adds in the last full year,
  left out of the reconciliation and added back, average MW P10/P50/P90:
  `assemble.large_load_added`)
- pipeline.csv, large_load_contracts.csv, large_load_assumptions.csv (a run with a zone
  that has a large-load queue) and decomposition.csv (a run with a zone whose data-center
  part was estimated): those zones' tables as their zone runs write them, with a ``region``
  column (`forecasting.many_zones.zone_tables`)
"""

from __future__ import annotations

from forecasting.runs.files import csv_text, json_text


def many_zones_tables(computed) -> dict[str, str]:
    run = computed.run
    files = {name: csv_text(frame) for name, frame in (
        ("forecast.csv", run.forecast), ("zones.csv", run.zones),
        ("coincidence.csv", run.coincidence), ("peaks.csv", run.peaks),
        ("peak_check.csv", run.peak_check), ("history.csv", run.history),
        ("backtest_summary.csv", run.backtest_summary),
        ("backtest_forecasts.csv", run.backtest_selected),
        ("backtest_failures.csv", run.backtest_failures),
        *run.zone_tables.items())}
    files["reconciliation.json"] = json_text(
        {**run.reconciliation, "failed": [{"region": n, "reason": r} for n, r in run.failed]})
    return files
