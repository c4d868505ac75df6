"""The plain-language paragraph under the headline: what changed the most, or, on a first
run, what drives the spread. Built only from the run's own tables."""

from __future__ import annotations

import pandas as pd

from forecasting.contracts import KEY_YEAR, total_twh

READING_YEAR = KEY_YEAR


def headline_reading(forecast: pd.DataFrame, changes: dict | None,
                     sensitivity: pd.DataFrame | None) -> str:
    total = total_twh(forecast)
    year = READING_YEAR if READING_YEAR in set(total["year"]) else int(total["year"].max())
    at = total[total["year"] == year].set_index("scenario")["p50"]
    sentences = []
    if changes and not changes.get("first_run", False) and changes.get("headline"):
        moves = [h for h in changes["headline"] if h.get("year") == year and h.get("old_p50")
                 and h.get("new_p50") is not None]
        if moves:
            biggest = max(moves, key=lambda h: abs(h["new_p50"] - h["old_p50"]))
            change = biggest["new_p50"] - biggest["old_p50"]
            sentences.append(
                f"Since run {changes.get('from_run', 'the previous run')}, the largest move is in "
                f"scenario {biggest['scenario']}: its {year} median went from "
                f"{biggest['old_p50']:.0f} to {biggest['new_p50']:.0f} TWh "
                f"({100 * change / biggest['old_p50']:+.1f}%).")
        causes = []
        changed = [d["path"] for d in changes.get("data", []) if d["change"] != "moved"]
        if changed:   # a file moved with its content unchanged is no cause
            causes.append("data files changed: " + ", ".join(changed))
        if changes.get("assumptions"):
            keys = [a["key"] for a in changes["assumptions"][:4]]
            causes.append("assumptions changed: " + ", ".join(keys))
        if causes:
            sentences.append("Behind it: " + "; ".join(causes) + ".")
    else:
        sentences.append("This is the first published run, so there is nothing to compare "
                         "with yet.")
    if len(at) > 1:
        sentences.append(
            f"In {year} the scenarios' medians range from {at.min():.0f} TWh ({at.idxmin()}) to "
            f"{at.max():.0f} TWh ({at.idxmax()}).")
    elif len(at) == 1:
        sentences.append(f"In {year} the median is {at.iloc[0]:.0f} TWh.")
    if sensitivity is not None and not sensitivity.empty:
        part = sensitivity[sensitivity["year"] == year]
        if not part.empty:
            swing = (part["p50_at_p90"] - part["p50_at_p10"]).abs()
            top = part.loc[swing.idxmax()]
            sentences.append(
                f"The single assumption that moves a {year} median most is "
                f"{top['parameter']} in scenario {top['scenario']} "
                f"({top['p50_at_p10']:.0f} to {top['p50_at_p90']:.0f} TWh between its own P10 "
                f"and P90).")
    return " ".join(sentences)
