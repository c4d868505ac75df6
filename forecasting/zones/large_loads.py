"""Validated large-load data: contracts by stage and the uncertain assumptions that turn
them into load (datasheet: `data/zones/<zone>/README.md`).

`parse_assumptions(file, cells)` and `parse_contracts(file, cells, history_start, stages)`
take the text cells of the CSV files (read by `forecasting.zones.read.read_table`) and
refuse, with an `InputError` naming file, row (1 = first data row) and field: a missing
column, a contract's stage with no ``realization`` row, a number that is not one, negative
MW, a fraction (realization, utilization) outside 0..1, a month that is not exactly YYYY-MM
(month 01-12, year 0001 on; ``1/12/25``, ``07/2026``, ``2026-Q3`` are refused), is before
the zone history starts or after `LAST_YEAR`, a duplicate project, a distribution with low >
mode > high, a missing or unknown parameter, a stage on a parameter that takes none (only
``realization`` is per stage) and a ``realization`` without one, a row without its source or
with a confidence mark other than T, F or U, and values no zone can have (`MAX_MW`,
`MAX_MONTHS`): ``contracted_mw`` or ``connection_limit_mw_per_year`` above 100,000 MW,
``delay_months`` or ``ramp_months`` above 600 (50 years). When the assumptions file has a
``unit`` column, each row's unit must be its parameter's (`UNITS`: ``fraction``, ``months``,
``MW/yr``, in the spellings of `UNIT_SPELLINGS`, case-insensitive); an empty or other unit
is refused, never converted. A contracts file's ``unit`` column, when present, must say MW
on every row (`MW_SPELLINGS`): a ``GW`` beside ``1.2`` was read as a 1.2 MW contract while
the report's contracts table printed "1.2 GW". Any other column is refused by name
(`known_columns`), besides a free-text note (`NOTE_COLUMNS`, not read): a column the reader
does not read could change what a number means without a word (fuzz 9a: a ``units`` column,
misspelt, left a ramp of ``1, years`` read as 1 month).

Stages are the zone's own: the assumptions file's ``realization`` rows name them, in queue
order, most committed first (the order the connection limit breaks a month's ties in:
`Assumptions.stages`), and every contract's stage must be one of them, spelt alike (a stage
given in two cases is refused). Dominion's are ESA, CLOA and SELOA (`DOMINION_STAGES`); an
ERCOT or another utility's queue keeps its own names (its study or agreement stages). They
had been fixed to Dominion's three, which left any other zone's queue unreadable.

A row is a stage total or one project, as the optional ``kind`` column says (`KINDS`, any
case): ``total`` (the default, for an absent column or an empty cell) is a stage's total or a
portfolio of many projects, whose realization is a share of its MW; ``campus`` is one project,
built in full or not at all on each sample path, its stage's realization its chance
(`pipeline_sampling`). Dominion publishes stage totals; a queue listing a few individual
campuses (an ERCOT-style project list) had its realization applied as a share of each, an 80%
band of about 89-200 MW for one 1,000 MW letter at utilization 0.5 that is in truth 0 or 500
MW (fuzz 9a, D8). Any other ``kind`` is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from forecasting.errors import InputError
from forecasting.zones.config import LAST_FORECAST_YEAR, YEAR_MONTH

#: Dominion's contract stages, most committed first (service agreement, construction letter,
#: engineering letter: `data/zones/pjm_dom/README.md`); other zones name their own
DOMINION_STAGES = ("ESA", "CLOA", "SELOA")
CONTRACT_COLUMNS = ("project", "stage", "contracted_mw", "as_of", "earliest_in_service",
                    "source", "confidence")
ASSUMPTION_COLUMNS = ("parameter", "stage", "low", "mode", "high", "source", "confidence")
#: free-text columns a planner may add to either file; never read
NOTE_COLUMNS = ("notes", "note", "comment", "comments")
#: a contract row's kinds (``kind`` column, compared lower-case; module docstring): a stage
#: total or portfolio (the default), or one project built in full or not at all
TOTAL, CAMPUS = "total", "campus"
KINDS = (TOTAL, CAMPUS)
#: the optional columns a contracts file may have besides a note (`known_columns`)
CONTRACT_OPTIONAL = ("unit", "kind")
#: the spellings taken for a contract's unit (compared lower-case)
MW_SPELLINGS = ("mw", "megawatt", "megawatts")
CONFIDENCE = ("T", "F", "U")
FRACTIONS = ("realization", "utilization", "diurnal_amplitude", "summer_uplift")
PARAMETERS = (
    "realization", "delay_months", "ramp_months", "utilization",
    "connection_limit_mw_per_year", "diurnal_amplitude", "summer_uplift",
)
#: the parameters given per stage (every other one is given once, with an empty stage)
PER_STAGE = ("realization",)
#: the unit each parameter takes (checked when the file has a ``unit`` column)
UNITS = {**{name: "fraction" for name in FRACTIONS}, "delay_months": "months",
         "ramp_months": "months", "connection_limit_mw_per_year": "MW/yr"}
#: the spellings taken for each unit (compared lower-case, spaces collapsed, none around /)
UNIT_SPELLINGS = {
    "fraction": ("fraction", "share", "ratio", "probability"),
    "months": ("months", "month", "mo", "mos"),
    "MW/yr": ("mw/yr", "mw/year", "mw/y", "mw/a", "mw per year", "mw per yr", "mw a year"),
}
#: above this many MW a contract or a yearly connection limit is larger than any US zone's
#: whole load (most likely kW given as MW)
MAX_MW = 100_000.0
#: above this many months (50 years) a delay or a ramp is no plan
MAX_MONTHS = 600.0
#: the last year a contract month may name: the last a zone forecast may reach
LAST_YEAR = LAST_FORECAST_YEAR


@dataclass(frozen=True)
class Contract:
    project: str
    stage: str
    contracted_mw: float
    earliest_in_service: pd.Period
    kind: str = TOTAL  # `KINDS`: a stage total (a share of it realized) or one campus


@dataclass(frozen=True)
class Triangular:
    low: float
    mode: float
    high: float

    def draw(self, n: int, rng: np.random.Generator) -> np.ndarray:
        if self.low == self.high:
            return np.full(n, self.low)
        return rng.triangular(self.low, self.mode, self.high, size=n)

    @property
    def mean(self) -> float:
        return (self.low + self.mode + self.high) / 3.0


@dataclass(frozen=True)
class Assumptions:
    realization: dict[str, Triangular]  # per stage, in the file's order (queue order)
    delay_months: Triangular
    ramp_months: Triangular
    utilization: Triangular
    connection_limit_mw_per_year: Triangular
    diurnal_amplitude: Triangular
    summer_uplift: Triangular

    @property
    def stages(self) -> tuple[str, ...]:
        """The zone's stages in queue order, most committed first (module docstring)."""
        return tuple(self.realization)


def _unknown_stage(stage: str, stages: tuple[str, ...]) -> str:
    """Why a contract's stage is refused: it has no realization row (a case twin named)."""
    twin = next((s for s in stages if s.casefold() == stage.casefold()), None)
    if twin is not None:
        return f"stage '{stage}' is spelt '{twin}' in assumptions.csv"
    return (f"stage '{stage}' has no realization row in assumptions.csv (its stages: "
            f"{', '.join(stages)})")


def _require(file: str, cells: pd.DataFrame, columns) -> None:
    for col in columns:
        if col not in cells.columns:
            raise InputError(file, f"missing column (needs {', '.join(columns)})", field=col)


def known_columns(required: tuple[str, ...], optional: tuple[str, ...] = ("unit",)
                  ) -> tuple[str, ...]:
    """The columns a large-load file may have: its required ones, its optional ones (``unit``;
    a contracts file's `CONTRACT_OPTIONAL`) and a note."""
    return (*required, *optional, *NOTE_COLUMNS)


def _refuse_unknown_columns(file: str, cells: pd.DataFrame, required,
                            optional: tuple[str, ...] = ("unit",)) -> None:
    """`InputError` naming the first column not in `known_columns` (module docstring)."""
    known = known_columns(required, optional)
    for col in cells.columns:
        if col not in known:
            raise InputError(file, f"unknown column '{col}' (known: {', '.join(known)}): a "
                             "column not read could change what a number means; rename or "
                             "delete it", row="header", field=col)


def _contract_unit(file: str, rec: dict, row: int) -> None:
    """A contract's ``unit`` cell says MW (`MW_SPELLINGS`): nothing is converted."""
    if rec["unit"].lower() not in MW_SPELLINGS:
        found = f"'{rec['unit']}'" if rec["unit"] else "no unit"
        raise InputError(file, f"contracted_mw is in MW, not {found} (give the value in MW; "
                         "no unit is converted)", row=row, field="unit")


def _kind(file: str, rec: dict, row: int) -> str:
    """A contract's ``kind`` cell, lower-case (`KINDS`); empty is a stage total."""
    kind = rec["kind"].lower()
    if not kind:
        return TOTAL
    if kind not in KINDS:
        raise InputError(file, f"kind must be {' or '.join(KINDS)}, not '{rec['kind']}' "
                         f"({TOTAL}: a stage total, a share of it realized; {CAMPUS}: one "
                         "project, built in full or not at all)", row=row, field="kind")
    return kind


def _cited(file: str, rec: dict, row: int) -> None:
    if not rec["source"]:
        raise InputError(file, "every row needs its source", row=row, field="source")
    if rec["confidence"] not in CONFIDENCE:
        raise InputError(file, f"confidence must be one of {', '.join(CONFIDENCE)}, not "
                         f"'{rec['confidence']}'", row=row, field="confidence")


def _number(file: str, text: str, row: int, col: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise InputError(file, f"not a number: '{text}'", row=row, field=col) from None
    if not np.isfinite(value):
        raise InputError(file, f"not a finite number: '{text}'", row=row, field=col)
    return value


def _month(file: str, text: str, row: int, col: str) -> pd.Period:
    if not YEAR_MONTH.fullmatch(text):
        raise InputError(file, f"not a month YYYY-MM (e.g. 2026-07): '{text}'", row=row,
                         field=col)
    if int(text[:4]) > LAST_YEAR:
        raise InputError(file, f"year {text[:4]} is implausible: expected a month no later "
                         f"than {LAST_YEAR}-12", row=row, field=col)
    if int(text[:4]) == 0:  # no calendar has it: pandas raised a traceback
        raise InputError(file, f"year 0000 is no year: '{text}' (e.g. 2026-07)", row=row,
                         field=col)
    return pd.Period(text, "M")


def _unit(file: str, rec: dict, row: int, name: str) -> None:
    """The row's ``unit`` cell is its parameter's unit (`UNITS`), in any spelling taken."""
    expected = UNITS[name]
    given = re.sub(r"\s*/\s*", "/", " ".join(rec["unit"].lower().split()))
    if given not in UNIT_SPELLINGS[expected]:
        found = f"'{rec['unit']}'" if rec["unit"] else "no unit"
        raise InputError(file, f"{name} is in {expected}, not {found} (give the value in "
                         f"{expected}; no unit is converted)", row=row, field="unit")


def parse_contracts(
    file: str, cells: pd.DataFrame, history_start: pd.Period | None, *,
    stages: tuple[str, ...]
) -> list[Contract]:
    """Contracts, checked (module docstring); ``history_start`` is the first history month
    (None: not known yet, the check that needs it is left to the zone's run), ``stages`` the
    zone's (`Assumptions.stages`). A file with its header only is an empty queue (everything
    connected or withdrawn): no contracts, not a mistake (`queue_size.warn_if_queue_empty`)."""
    _require(file, cells, CONTRACT_COLUMNS)
    _refuse_unknown_columns(file, cells, CONTRACT_COLUMNS, CONTRACT_OPTIONAL)
    seen: dict[str, tuple[str, int]] = {}
    out = []
    for i, rec in enumerate(cells.to_dict("records"), start=1):
        project = rec["project"]
        if not project:
            raise InputError(file, "empty project name", row=i, field="project")
        # compared in any case: `Campus-1` and `campus-1` are one campus typed twice (a
        # queue's ids differing only in case had counted its MW twice)
        key = project.casefold()
        if key in seen:
            first, row = seen[key]
            spelt = "" if first == project else f", as '{first}': names are compared in any case"
            raise InputError(file, f"duplicate project '{project}' (first at row {row}"
                             f"{spelt})", row=i, field="project")
        seen[key] = (project, i)
        _cited(file, rec, i)
        if rec["stage"] not in stages:
            raise InputError(file, _unknown_stage(rec["stage"], stages), row=i,
                             field="stage")
        if "unit" in cells.columns:
            _contract_unit(file, rec, i)
        kind = _kind(file, rec, i) if "kind" in cells.columns else TOTAL
        mw = _number(file, rec["contracted_mw"], i, "contracted_mw")
        if mw < 0:
            raise InputError(file, f"negative MW: {rec['contracted_mw']}", row=i,
                             field="contracted_mw")
        if mw > MAX_MW:
            raise InputError(file, f"{mw:,.0f} MW is larger than any US zone's whole load "
                             f"(at most {MAX_MW:,.0f} MW for one contract; is it in kW?)",
                             row=i, field="contracted_mw")
        _month(file, rec["as_of"], i, "as_of")   # the snapshot's month: any, if a month (a
        # queue published before an EIA-930 history starts is ordinary)
        start = _month(file, rec["earliest_in_service"], i, "earliest_in_service")
        if history_start is not None and start < history_start:
            raise InputError(file, f"{rec['earliest_in_service']} is before the zone history "
                             f"starts ({history_start})", row=i, field="earliest_in_service")
        out.append(Contract(project, rec["stage"], mw, start, kind))
    return out


def parse_assumptions(file: str, cells: pd.DataFrame) -> Assumptions:
    """Assumptions, checked (module docstring)."""
    _require(file, cells, ASSUMPTION_COLUMNS)
    _refuse_unknown_columns(file, cells, ASSUMPTION_COLUMNS)
    found: dict[tuple[str, str], Triangular] = {}
    for i, rec in enumerate(cells.to_dict("records"), start=1):
        name, stage = rec["parameter"], rec["stage"]
        _cited(file, rec, i)
        if name not in PARAMETERS:
            raise InputError(file, f"unknown parameter '{name}' (known: "
                             f"{', '.join(PARAMETERS)})", row=i, field="parameter")
        if name in PER_STAGE and not stage:
            raise InputError(file, f"{name} is given per stage: the stage is empty (name the "
                             f"contracts' stage it applies to, e.g. "
                             f"{', '.join(DOMINION_STAGES)})", row=i, field="stage")
        if stage and name not in PER_STAGE:
            raise InputError(file, f"{name} takes no stage (it applies to all stages), and "
                             f"this row gives '{stage}': leave the stage empty", row=i,
                             field="stage")
        if (name, stage) in found:
            raise InputError(file, f"duplicate parameter '{name}'", row=i, field="parameter")
        if stage and (twin := next((s for (n, s) in found if n == name and s
                                    and s.casefold() == stage.casefold()), None)):
            raise InputError(file, f"stage '{stage}' is '{twin}' in another case: spell a "
                             "stage one way", row=i, field="stage")
        if "unit" in cells.columns:
            _unit(file, rec, i, name)
        low, mode, high = (_number(file, rec[c], i, c) for c in ("low", "mode", "high"))
        for col, value in (("low", low), ("mode", mode), ("high", high)):
            if value < 0:
                raise InputError(file, f"negative value {value:g}", row=i, field=col)
            if name in FRACTIONS and value > 1:
                what = "a probability" if name == "realization" else "a fraction"
                raise InputError(file, f"{what} above 1: {value:g}", row=i, field=col)
            if UNITS[name] == "months" and value > MAX_MONTHS:
                raise InputError(file, f"{value:g} months is implausible: expected at most "
                                 f"{MAX_MONTHS:g} (50 years)", row=i, field=col)
            if UNITS[name] == "MW/yr" and value > MAX_MW:
                raise InputError(file, f"{value:,.0f} MW a year is larger than any US zone's "
                                 f"whole load (at most {MAX_MW:,.0f}; is it in kW?)", row=i,
                                 field=col)
        if not low <= mode <= high:
            raise InputError(file, "needs low <= mode <= high", row=i, field="mode")
        found[(name, stage)] = Triangular(low, mode, high)
    realization = {stage: dist for (name, stage), dist in found.items()
                   if name == "realization"}  # the file's order: queue order
    if not realization:
        raise InputError(file, "no realization row: give one per stage of the contracts, "
                         "most committed first", field="parameter")
    shared = {}
    for name in PARAMETERS[1:]:
        if (name, "") not in found:
            raise InputError(file, f"missing parameter '{name}'", field="parameter")
        shared[name] = found[(name, "")]
    return Assumptions(realization=realization, **shared)
