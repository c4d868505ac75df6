"""A large-load queue far above the zone's own load (probably written in another unit), or
empty.

The contracts' MW are checked one by one against a fixed bound (100,000 MW,
`large_loads`), which a queue typed in kW (a 50,000 kW campus written as 50,000 MW) or a
thousand rows of duplicates passes: a fuzzed queue of 456,715 MW in a zone whose highest
hour is 3,250 MW ran without a word (fuzz 9a D8). Published queues are a few times their
zone's peak (Dominion's 40 GW of contracts on a 2024 peak near 22 GW; ERCOT's large-load
requests of some 200 GW on a peak near 85 GW), so a queue above `QUEUE_WARNING_FACTOR`
times the zone's highest hourly load is warned of in one line (`InputWarning`); the run goes
on, since a small zone can host a campus far larger than itself.

A queue with no contract (``contracts.csv`` with its header only: everything connected or
withdrawn) is a state a queue can be in, not a mistake: the zone runs with the existing
data-center load the history ends on carried, as every pipeline scenario does, and no new
load; one `InputWarning` says so (`warn_if_queue_empty`), since a file emptied by mistake
reads the same. It had been refused ("no contracts"), and in a many-zone run the zone failed
and its whole load left every total above it (fuzz 10a D5).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

from forecasting.errors import InputWarning
from forecasting.zones.large_loads import Contract

#: a queue's contracted MW over the zone's highest hourly load above which it is warned of
QUEUE_WARNING_FACTOR = 10.0


def warn_if_queue_dwarfs_zone(contracts: Sequence[Contract], highest_mw: float, *,
                              file: str) -> None:
    """One `InputWarning` naming ``file`` when the contracts' MW exceed
    `QUEUE_WARNING_FACTOR` times ``highest_mw`` (module docstring)."""
    total = sum(c.contracted_mw for c in contracts)
    if highest_mw > 0 and total > QUEUE_WARNING_FACTOR * highest_mw:
        warnings.warn(f"{file}: the contracts total {total:,.0f} MW, {total / highest_mw:,.0f} "
                      f"times the zone's highest hourly load ({highest_mw:,.0f} MW): MW "
                      "written for kW, or contracts given twice?", InputWarning, stacklevel=2)


def warn_if_queue_empty(contracts: Sequence[Contract], *, file: str) -> None:
    """One `InputWarning` naming ``file`` when the queue holds no contract (module
    docstring)."""
    if not contracts:
        warnings.warn(f"{file}: no contracts; the pipeline scenarios add no new load to the "
                      "existing data-center load", InputWarning, stacklevel=2)
