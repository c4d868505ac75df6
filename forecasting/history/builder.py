"""Observations -> the annual series the models use, with provenance on every row.

The output frame (the "built history") has one row per year and the columns

- `year`, `twh`: the value the models use;
- `provenance`: `published` (a source's value, unchanged), `spliced` (a source's value moved
  onto the newest vintage's basis) or `interpolated` (filled between neighbours);
- `source_ids`: the source behind the row, or the two neighbours of an interpolated year,
  joined by `;`;
- `published_twh`: the value as published (empty for interpolated rows).

`build_history` also returns every observation that was not used, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from forecasting.contracts import annual_index
from forecasting.errors import InputError
from forecasting.history.interpolate import loglinear_fill
from forecasting.history.rules import HistoryRules
from forecasting.history.splice import Splice

COLUMNS = ["year", "twh", "provenance", "source_ids", "published_twh"]


@dataclass(frozen=True)
class BuiltHistory:
    series: pd.DataFrame
    unused: pd.DataFrame
    splice: Splice

    def as_series(self) -> pd.Series:
        """The `twh` column as a Series on an annual PeriodIndex (the models' input)."""
        return pd.Series(self.series["twh"].to_numpy(), index=annual_index(self.series["year"]),
                         name="twh")

    def observed(self) -> pd.Series:
        """True for the years with a published (or spliced) value: the evidence; False for
        the interpolated years, which may be shown but never tested, scored or counted."""
        return pd.Series((self.series["provenance"] != "interpolated").to_numpy(),
                         index=annual_index(self.series["year"]), name="observed")

    def evidence_series(self) -> pd.Series:
        """`as_series` with the interpolated years as NaN (what break tests run on)."""
        return self.as_series().where(self.observed())


def build_history(
    observations: pd.DataFrame, sources: pd.DataFrame, rules: HistoryRules, *, file: str = "config"
) -> BuiltHistory:
    published = dict(zip(sources["source_id"], sources["year_published"], strict=True))
    for source in rules.source_priority:
        if source not in published:
            raise InputError(file, f"unknown source id '{source}'", field="history.source_priority")

    reasons = pd.Series("", index=observations.index, dtype=object)
    reasons[observations["kind"] != "observation"] = "vintage forecast, never history"
    reasons[(reasons == "") & observations["twh"].isna()] = "range only, no point estimate"
    if not rules.include_partial_scope:
        partial = (reasons == "") & (observations["scope"] != "total")
        reasons[partial] = "scope excludes storage and network"
    reasons[(reasons == "") & ~observations["source_id"].isin(rules.source_priority)] = (
        "source not in source_priority"
    )
    if rules.first_year is not None:
        reasons[(reasons == "") & (observations["year"] < rules.first_year)] = "before first_year"
    if rules.last_year is not None:
        reasons[(reasons == "") & (observations["year"] > rules.last_year)] = "after last_year"

    splice = _splice(observations, rules, file)
    candidates = observations[reasons == ""].copy()
    old_basis = candidates["source_id"].map(published) < published[rules.splice_new_source]
    candidates["value"] = candidates["twh"]
    candidates["provenance"] = "published"
    if rules.splice != "none":
        candidates.loc[old_basis, "value"] = splice.apply(candidates.loc[old_basis, "twh"])
        candidates.loc[old_basis, "provenance"] = "spliced"
    nonpositive = candidates[candidates["value"] <= 0]
    if not nonpositive.empty:
        first = nonpositive.iloc[0]
        raise InputError(
            file, f"the {rules.splice} splice makes {first['source_id']} {first['year']} "
            f"non-positive ({first['value']:g} TWh); use splice: ratio",
            field="history.splice",
        )

    rank = {s: i for i, s in enumerate(rules.source_priority)}
    candidates["rank"] = candidates["source_id"].map(rank)
    candidates = candidates.sort_values(["year", "rank"], kind="stable")
    chosen = candidates.drop_duplicates("year", keep="first")
    outranked = candidates.index.difference(chosen.index)
    for idx in outranked:
        year = candidates.at[idx, "year"]
        winner = chosen.loc[chosen["year"] == year, "source_id"].iloc[0]
        reasons[idx] = f"outranked by {winner}"

    if chosen.empty:
        raise InputError(file, "no observation is eligible for the history",
                         field="history.source_priority")
    years = pd.RangeIndex(int(chosen["year"].min()), int(chosen["year"].max()) + 1)
    by_year = chosen.set_index("year")
    values = loglinear_fill(by_year["value"].reindex(years))
    series = pd.DataFrame({"year": years, "twh": values.to_numpy()})
    series["provenance"] = by_year["provenance"].reindex(years).fillna("interpolated").to_numpy()
    series["published_twh"] = by_year["twh"].reindex(years).to_numpy()
    series["source_ids"] = [
        by_year.at[y, "source_id"] if y in by_year.index else _neighbours(by_year, y)
        for y in years
    ]
    unused = observations.loc[reasons != ""].assign(reason=reasons[reasons != ""])
    return BuiltHistory(series=series[COLUMNS], unused=unused, splice=splice)


def _splice(observations: pd.DataFrame, rules: HistoryRules, file: str) -> Splice:
    def anchor(source: str) -> float:
        rows = observations[
            (observations["source_id"] == source)
            & (observations["year"] == rules.splice_year)
            & (observations["kind"] == "observation")
            & observations["twh"].notna()
        ]
        if rows.empty:
            if rules.splice == "none":  # nothing is moved, so no anchor is needed
                return float("nan")
            raise InputError(
                file, f"no {rules.splice_year} observation from '{source}' to splice on",
                field="history.splice_year",
            )
        return float(rows["twh"].iloc[0])

    return Splice(rules.splice, anchor(rules.splice_old_source), anchor(rules.splice_new_source))


def _neighbours(by_year: pd.DataFrame, year: int) -> str:
    before = by_year.index[by_year.index < year].max()
    after = by_year.index[by_year.index > year].min()
    ids = [by_year.at[before, "source_id"], by_year.at[after, "source_id"]]
    return ";".join(dict.fromkeys(ids))
