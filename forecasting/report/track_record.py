"""The report's track-record section, from a run's `track_record.csv` (and the manifest's
`track_record` note): per vintage the forecasts of the years today's history has evidence for,
the published forecasts of the same vintage, and plain sentences on where the method missed.

Rules: a year counts (is scored) only when today's value for it is evidence (`published` or
`spliced`); interpolated outcomes are shown but never counted. Vintages whose forecasts are
identical (the same history: no new source in between) are said to be so and counted once in
the hit rate.
"""

from __future__ import annotations

import math

import pandas as pd

from forecasting.report.run_dir_reading import csv_bool

EVIDENCE = ("published", "spliced")


def _growth(rows: pd.DataFrame, column: str) -> float | None:
    rows = rows.sort_values("target_year")
    first, last = rows.iloc[0], rows.iloc[-1]
    years = int(last["target_year"]) - int(first["target_year"])
    if years <= 0 or not (first[column] > 0 and last[column] > 0):
        return None
    return 100 * ((last[column] / first[column]) ** (1 / years) - 1)


def track_record_view(track: pd.DataFrame | None, note: dict | None) -> dict | None:
    """What the template shows (None: the run has no track record)."""
    if track is None:
        return None
    note = note or {}
    ours = track[track["kind"] == "dcload"].copy()
    ours["evidence"] = ours["outcome_provenance"].isin(EVIDENCE)
    published = track[track["kind"] == "published"]
    vintages, seen, hits, scored, misses = [], {}, 0, 0, []
    for as_of, rows in ours.groupby("as_of", sort=True):
        as_of = int(as_of)
        key = tuple(rows["target_year"]) + tuple(rows["p50"].round(6))
        same_as = seen.get(key)
        seen.setdefault(key, as_of)
        evidence = rows[rows["evidence"]]
        inside = evidence["inside_p10_p90"].map(csv_bool)
        if same_as is None:
            hits += int(inside.sum())
            scored += len(evidence)
        above = evidence[evidence["outcome"] > evidence["p90"]]
        below = evidence[evidence["outcome"] < evidence["p10"]]
        history_last = note.get("history_last_year", {}).get(str(as_of))
        vintage_misses = []
        if not below.empty:
            years = ", ".join(f"{int(r.target_year)} ({r.outcome:.0f} TWh, band "
                              f"{r.p10:.0f}-{r.p90:.0f})" for r in below.itertuples())
            vintage_misses.append(f"too high: the outcome fell below the band in {years}")
        if not above.empty:
            years = ", ".join(f"{int(r.target_year)} ({r.outcome:.0f} TWh, band "
                              f"{r.p10:.0f}-{r.p90:.0f})" for r in above.itertuples())
            vintage_misses.append(f"too low: the outcome rose above the band in {years}")
        missed = pd.concat([above, below])
        span = evidence if missed.empty else evidence[
            evidence["target_year"] <= missed["target_year"].max()]
        median_growth = _growth(span, "p50") if len(span) > 1 else None
        outcome_growth = _growth(span, "outcome") if len(span) > 1 else None
        if vintage_misses and same_as is None:
            text = f"As of {as_of}"
            if history_last is not None:
                text += f" (history to {history_last})"
            text += ", the forecast was " + "; ".join(vintage_misses)
            if median_growth is not None and outcome_growth is not None:
                first, last = int(span["target_year"].min()), int(span["target_year"].max())
                text += (f". From {first} to {last} its median grew {median_growth:.1f}%/yr; "
                         f"the outcome grew {outcome_growth:.1f}%/yr")
            misses.append(text + ".")
        vintage_published = published[published["as_of"] == as_of]
        vintages.append({
            "as_of": as_of, "history_last_year": history_last, "same_as": same_as,
            "rows": evidence.to_dict("records"),
            "all_rows": rows.to_dict("records"),
            "inside": int(inside.sum()), "scored": len(evidence),
            "published": vintage_published.to_dict("records"),
        })
    published_once = published.drop_duplicates(["source", "scenario", "target_year"])
    published_lines = []
    for r in published_once.itertuples():
        kind = "an interpolated" if r.outcome_provenance not in EVIDENCE else "an evidence"
        published_lines.append(
            f"{r.source} ({int(r.published)}), {r.scenario}: {r.p50:.0f} TWh for "
            f"{int(r.target_year)} on today's basis ({r.p50_as_published:.0f} as published) "
            f"against {kind} outcome of {r.outcome:.0f} TWh ({r.error_pct:+.0f}%)")
    return {
        "vintages": vintages,
        "hits": hits, "scored": scored,
        "hit_rate": None if scored == 0 else 100 * hits / scored,
        "misses": misses,
        "published_lines": published_lines,
        "note": note,
        "published_file": note.get("published_forecasts"),
        "published_found": note.get("published_found", True),
    }


def fmt(value, digits: int = 0) -> str:
    """A number for the table, or '-' for a missing one."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "-"
    return "-" if math.isnan(number) else f"{number:.{digits}f}"
