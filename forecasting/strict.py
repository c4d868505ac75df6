"""The one base of every validated model of the project's inputs (pipeline configs, scenario
files, backcast assumptions, rows of the curated tables): an unknown key is an error, so a
misspelt key is reported with its path rather than silently ignored, and a validated value
never changes afterwards (a changed copy is made with `model_copy(update=...)`).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
