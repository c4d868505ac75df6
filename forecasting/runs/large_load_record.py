"""A zone's large-load contracts and assumptions as a run's manifest records them, so that
`dcload runs diff` and the report's changes section can name each one a planner edited
(`large_load_diff`).

The record holds the values as read and run (`forecasting.zones.large_loads`), not the
files' text: a source or a confidence mark rewritten changes no number and is told by the
files' sha256 only. Before it, a zone run recorded only the two files' sha256, and a
contract edited from 1,200 to 1,500 MW with utilization 0.5 -> 0.6 was reported as
"Assumptions: none changed" while the peak moved 300 MW (fuzz 9a).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields


def _distribution(dist) -> dict[str, float]:
    return {"low": float(dist.low), "mode": float(dist.mode), "high": float(dist.high)}


def large_load_record(contracts: Sequence, assumptions) -> dict:
    """``{"contracts": [{project, stage, contracted_mw, earliest_in_service}, ...],
    "assumptions": {"realization": {stage: {low, mode, high}}, <parameter>: {low, mode,
    high}, ...}}``, contracts in the file's order, stages in queue order. Takes the zone's
    `large_loads.Contract`s and `large_loads.Assumptions` by their fields (the runs layer
    does not import `forecasting.zones`: pyproject's import contracts)."""
    out: dict[str, object] = {}
    for field in fields(assumptions):  # every parameter, the realization per stage
        value = getattr(assumptions, field.name)
        out[field.name] = ({stage: _distribution(d) for stage, d in value.items()}
                           if isinstance(value, dict) else _distribution(value))
    return {
        "contracts": [{"project": c.project, "stage": c.stage,
                       "contracted_mw": float(c.contracted_mw),
                       "earliest_in_service": str(c.earliest_in_service)} for c in contracts],
        "assumptions": out,
    }
