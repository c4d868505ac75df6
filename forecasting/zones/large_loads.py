"""Validated large-load data: contracts by stage and the uncertain assumptions that turn
them into load (datasheet: `data/zones/<zone>/README.md`).

`parse_contracts(file, cells, history_start)` and `parse_assumptions(file, cells)` take the
text cells of the CSV files (read by `forecasting.zones.read.read_table`) and refuse, with an
`InputError` naming file, row (1 = first data row) and field: a missing column, an unknown
stage, a number that is not one, negative MW, a fraction (realization, utilization) outside
0..1, a date that is not YYYY-MM or is before the zone history starts, a duplicate project,
a distribution with low > mode > high, a missing or unknown parameter, and a row without
its source or with a confidence mark other than T, F or U.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from forecasting.errors import InputError

STAGES = ("ESA", "CLOA", "SELOA")  # queue order: most committed first
CONTRACT_COLUMNS = ("project", "stage", "contracted_mw", "as_of", "earliest_in_service",
                    "source", "confidence")
ASSUMPTION_COLUMNS = ("parameter", "stage", "low", "mode", "high", "source", "confidence")
CONFIDENCE = ("T", "F", "U")
FRACTIONS = ("realization", "utilization", "diurnal_amplitude", "summer_uplift")
PARAMETERS = (
    "realization", "delay_months", "ramp_months", "utilization",
    "connection_limit_mw_per_year", "diurnal_amplitude", "summer_uplift",
)


@dataclass(frozen=True)
class Contract:
    project: str
    stage: str
    contracted_mw: float
    earliest_in_service: pd.Period


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
    realization: dict[str, Triangular]  # per stage
    delay_months: Triangular
    ramp_months: Triangular
    utilization: Triangular
    connection_limit_mw_per_year: Triangular
    diurnal_amplitude: Triangular
    summer_uplift: Triangular


def _require(file: str, cells: pd.DataFrame, columns) -> None:
    for col in columns:
        if col not in cells.columns:
            raise InputError(file, f"missing column (needs {', '.join(columns)})", field=col)


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
    try:
        if len(text) != 7:
            raise ValueError
        return pd.Period(text, "M")
    except ValueError:
        raise InputError(file, f"not a month YYYY-MM: '{text}'", row=row, field=col) from None


def parse_contracts(
    file: str, cells: pd.DataFrame, history_start: pd.Period
) -> list[Contract]:
    """Contracts, checked (module docstring); ``history_start`` is the first history month."""
    _require(file, cells, CONTRACT_COLUMNS)
    if cells.empty:
        raise InputError(file, "no contracts")
    seen: dict[str, int] = {}
    out = []
    for i, rec in enumerate(cells.to_dict("records"), start=1):
        project = rec["project"]
        if not project:
            raise InputError(file, "empty project name", row=i, field="project")
        if project in seen:
            raise InputError(file, f"duplicate project '{project}' (first at row "
                             f"{seen[project]})", row=i, field="project")
        seen[project] = i
        _cited(file, rec, i)
        if rec["stage"] not in STAGES:
            raise InputError(file, f"unknown stage '{rec['stage']}' (known: "
                             f"{', '.join(STAGES)})", row=i, field="stage")
        mw = _number(file, rec["contracted_mw"], i, "contracted_mw")
        if mw < 0:
            raise InputError(file, f"negative MW: {rec['contracted_mw']}", row=i,
                             field="contracted_mw")
        for col in ("as_of", "earliest_in_service"):
            month = _month(file, rec[col], i, col)
            if month < history_start:
                raise InputError(file, f"{rec[col]} is before the zone history starts "
                                 f"({history_start})", row=i, field=col)
        start = _month(file, rec["earliest_in_service"], i, "earliest_in_service")
        out.append(Contract(project, rec["stage"], mw, start))
    return out


def parse_assumptions(file: str, cells: pd.DataFrame) -> Assumptions:
    """Assumptions, checked (module docstring)."""
    _require(file, cells, ASSUMPTION_COLUMNS)
    found: dict[tuple[str, str], Triangular] = {}
    for i, rec in enumerate(cells.to_dict("records"), start=1):
        name, stage = rec["parameter"], rec["stage"]
        _cited(file, rec, i)
        if name not in PARAMETERS:
            raise InputError(file, f"unknown parameter '{name}' (known: "
                             f"{', '.join(PARAMETERS)})", row=i, field="parameter")
        if stage and stage not in STAGES:
            raise InputError(file, f"unknown stage '{stage}' (known: {', '.join(STAGES)})",
                             row=i, field="stage")
        if (name, stage) in found:
            raise InputError(file, f"duplicate parameter '{name}'", row=i, field="parameter")
        low, mode, high = (_number(file, rec[c], i, c) for c in ("low", "mode", "high"))
        for col, value in (("low", low), ("mode", mode), ("high", high)):
            if value < 0:
                raise InputError(file, f"negative value {value:g}", row=i, field=col)
            if name in FRACTIONS and value > 1:
                what = "a probability" if name == "realization" else "a fraction"
                raise InputError(file, f"{what} above 1: {value:g}", row=i, field=col)
        if not low <= mode <= high:
            raise InputError(file, "needs low <= mode <= high", row=i, field="mode")
        found[(name, stage)] = Triangular(low, mode, high)
    realization = {}
    for stage in STAGES:
        if (key := ("realization", stage)) not in found:
            raise InputError(file, f"no realization for stage {stage}", field="parameter")
        realization[stage] = found[key]
    shared = {}
    for name in PARAMETERS[1:]:
        if (name, "") not in found:
            raise InputError(file, f"missing parameter '{name}'", field="parameter")
        shared[name] = found[(name, "")]
    return Assumptions(realization=realization, **shared)
