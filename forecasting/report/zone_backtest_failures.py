"""The zone report's sentence on the backtest's failures: which models were skipped at how many
of how many origins, per metric, and what `selected` did there (from the run's
backtest_failures.csv, `forecasting.zones.backtest_failures`; nothing when it holds no row, or
for a run made before it).

What the sentence says is what the run did (`forecasting.backtest.selected`, applied by
`forecasting.zones.backtest.load_backtest`):

- at an origin where a candidate failed, `selected` is made from the candidates that
  forecast there alone: its rule (the config's ``backtest.strategy``) weighs them on their
  own earlier forecasts, and a candidate enters it only once a forecast of its own has an
  actual by the origin (`decide`: only scored candidates are weighed), so one that failed
  at the first origins is left out of the next ones too until then (at the origin of its
  first forecast, say); where no candidate forecast, `selected` has no forecast;
- a peer never enters `selected`, so a peer's failure changes nothing but its own rows;
- `selected`'s peaks are made from its energy paths and weather-year shapes
  (`weather_peaks`), so a peak model's failure leaves them as they are;
- the forecast's own choice (the decision on the whole energy backtest) compares the
  candidates on the (origin, month) pairs all of them forecast, so a candidate that failed
  at some origins leaves those origins out of the comparison, and one that failed at every
  origin is not in the choice.

The origins are the backtest's, the same for every metric (the energy series' segments give
them for the peak too: `forecasting.zones.backtest`): those of the monthly rows in
backtest_forecasts.csv with those of the failures (an origin where every model failed has no
row). At an origin every model either forecast or failed, so the rows of `selected` alone
give the same origins with the failures, as a many-zone run publishes them (each node's
`selected` rows: `forecasting.report.many_zones_backtest_failures`), where a metric's own
rows would not: `selected`'s peaks are missing at an origin without a complete weather year
before it. A model is a candidate when the manifest's ``backtest.candidates`` names it (as
``name+dc`` on energy where the run fitted the candidates on the base plus the data-center
trend: where its rows name them so, as the other report sections take it, or where the
caller knows it, as a many-zone node's `selected` rows cannot tell); any other is a peer, a
peer of a candidate's name included (it forecasts the total as it comes).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from markupsafe import Markup

from forecasting.report.run_dir_reading import check_columns

FAILURES_FILE = "backtest_failures.csv"
FAILURE_COLUMNS = ("metric", "model", "origin", "message")
BASE_PLUS_DC = "+dc"
METRIC_ORDER = ("energy_gwh", "peak_mw")


def failures_text(failures: pd.DataFrame | None, forecasts: pd.DataFrame | None,
                  manifest: dict, directory: Path) -> Markup | None:
    """The sentence (module docstring), or None when no model failed; a failures table
    without its columns is an InputError naming the file."""
    if failures is None:
        return None
    check_columns(failures, Path(directory) / FAILURES_FILE, FAILURE_COLUMNS,
                  "backtest failures")
    return failures_sentence(failures, forecasts,
                             settings=(manifest.get("config") or {}).get("backtest") or {})


def failures_sentence(failures: pd.DataFrame, forecasts: pd.DataFrame | None, *,
                      settings: dict, with_data_center: bool | None = None) -> Markup | None:
    """The sentence on one backtest's `failures` (rows with `FAILURE_COLUMNS`), or None when
    it has none. ``settings`` is the backtest's config section (``candidates``,
    ``strategy``); ``forecasts`` its backtest_forecasts.csv rows, each model's or
    `selected`'s alone (the origins: module docstring); ``with_data_center`` whether its
    energy candidates were fitted on the base plus the data-center trend (None: as the
    rows name them)."""
    if failures.empty:
        return None
    named = [str(c) for c in settings.get("candidates") or []]
    origins = (set(_monthly_rows(forecasts, None)["origin"].astype(str))
               | set(failures["origin"].astype(str)))
    facts = [_metric_facts(metric, rows, _monthly_rows(forecasts, metric), named, len(origins),
                           with_data_center if metric == "energy_gwh" else None)
             for metric, rows in failures.groupby(failures["metric"].astype(str))]
    facts.sort(key=lambda f: (METRIC_ORDER.index(f["metric"])
                              if f["metric"] in METRIC_ORDER else len(METRIC_ORDER),
                              f["metric"]))
    said = Markup("; ").join(
        Markup("{}: {}").format(f["metric"], Markup(", ").join(
            Markup("{}{} at {} of {} origins").format(
                model, "" if model in f["candidates"] else " (a peer)", n, f["origins"])
            for model, n in f["failed"].items()))
        for f in facts)
    return (Markup("Some models failed at some backtest origins and were skipped there (why "
                   "each: <code>{}</code>): {}").format(FAILURES_FILE, said)
            + _selected_clause(facts, str(settings.get("strategy") or "ensemble")) + ".")


def _monthly_rows(forecasts: pd.DataFrame | None, metric: str | None) -> pd.DataFrame:
    """backtest_forecasts.csv's monthly (``YYYY-MM``) rows of `metric` (None: of every one)."""
    if forecasts is None or forecasts.empty or "metric" not in forecasts:
        return pd.DataFrame({"model": [], "origin": []})
    part = (forecasts if metric is None
            else forecasts[forecasts["metric"].astype(str) == metric])
    return part[part["period"].astype(str).str.fullmatch(r"\d{4}-\d{2}")]


def _metric_facts(metric: str, rows: pd.DataFrame, monthly: pd.DataFrame,
                  named: list[str], origins: int, with_data_center: bool | None) -> dict:
    """One metric's failures: the backtest's number of ``origins``, its ``candidates``
    (aliases: ``name+dc`` if ``with_data_center``, or where None as its rows name them),
    the origins each failed model missed (``failed``: model -> count, by name) and the
    origins where every candidate failed (``none_at``)."""
    models = set(monthly["model"].astype(str)) | set(rows["model"].astype(str))
    if with_data_center is None:
        candidates = {c + BASE_PLUS_DC if c + BASE_PLUS_DC in models else c for c in named}
    else:
        candidates = {c + BASE_PLUS_DC if with_data_center else c for c in named}
    failed = rows.groupby(rows["model"].astype(str))["origin"].nunique().sort_index()
    mine = rows[rows["model"].astype(str).isin(candidates)]
    per_origin = mine.groupby(mine["origin"].astype(str))["model"].nunique()
    return {"metric": metric, "origins": origins, "candidates": candidates,
            "failed": {str(m): int(n) for m, n in failed.items()},
            "none_at": int((per_origin == len(candidates)).sum()) if candidates else 0}


def _selected_clause(facts: list[dict], strategy: str) -> Markup:
    """What `selected` and the forecast did where models failed (module docstring)."""
    candidate_failed = {f["metric"]: [m for m in f["failed"] if m in f["candidates"]]
                        for f in facts}
    notes = []
    if any(candidate_failed.values()):
        notes.append("a candidate that failed enters it at a later origin only once a "
                     "forecast of its own has been scored")
    if any(m not in f["candidates"] for f in facts for m in f["failed"]):
        notes.append("a peer never enters it")
    if candidate_failed.get("peak_mw"):
        notes.append("its peaks are made from its energy paths, so a peak model's failure "
                     "leaves them as they are")
    aside = Markup(" ({})").format("; ".join(notes)) if notes else Markup("")
    if not any(candidate_failed.values()):
        return Markup("; <code>selected</code> is unchanged") + aside
    how = ("was made from the other candidates alone" if strategy == "best"
           else "combined the other candidates alone")
    text = Markup("; at those origins <code>selected</code> {}, by its rule (<code>strategy: "
                  "{}</code>) on their earlier forecasts").format(how, strategy) + aside
    energy = next((f for f in facts if f["metric"] == "energy_gwh"), None)
    if energy is None or not candidate_failed["energy_gwh"]:
        return text
    if energy["none_at"]:
        n = energy["none_at"]
        text += Markup(", at {} origin{} no energy candidate forecast, so it has none there"
                       ).format(n, "" if n == 1 else "s")
    everywhere = [m for m in candidate_failed["energy_gwh"]
                  if energy["failed"][m] == energy["origins"]]
    if len(everywhere) < len(candidate_failed["energy_gwh"]) and len(energy["candidates"]) > 1:
        text += Markup(", and the forecast's own choice compared the candidates only on the "
                       "origins where all of them forecast")
    if everywhere:
        text += Markup(", and the forecast's own choice left out {}, which forecast at no "
                       "origin").format(", ".join(everywhere))
    return text
