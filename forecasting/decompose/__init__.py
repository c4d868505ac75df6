"""History -> conventional load + AI-accelerated load (an accelerator-fleet backcast).

`decompose_history(history, assumptions)` returns a `Decomposition` whose parts add up to the
built history exactly; `catalog.load_backcast(region)` reads the cited assumptions.
"""

from forecasting.decompose.assumptions import BackcastAssumptions, Cited
from forecasting.decompose.fleet_backcast import (
    Decomposition,
    FleetHistory,
    backcast_ai,
    decompose_history,
)

__all__ = ["BackcastAssumptions", "Cited", "Decomposition", "FleetHistory", "backcast_ai",
           "decompose_history"]
