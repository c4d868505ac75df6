"""The zone report's sentence on the hourly shape of data-center load, true of each of the
run's own scenarios.

The pipeline scenarios (every scenario but ``statistical-trend``: vetted, all-requests,
pjm2025-dom) shape their data-center load from the large-load assumptions: near-flat with a
drawn diurnal swing peaking mid-afternoon local time and a drawn June-September cooling
uplift that leaves the annual average unchanged. ``statistical-trend`` has no large-load
assumptions to draw them from (`forecasting.zones.run`: amplitude zero, no seasonal
factors): its data-center load is a flat block, each month's trend value in every hour. One
sentence for every scenario was false for statistical-trend, and for the whole run when it
had no pipeline scenario (fuzz round 10b D2: DOM 2030, data-center load at a July 15:00 is
1.003 x its annual mean in statistical-trend, 1.060 x in vetted), so the peaks of the two
kinds are not on the same footing and the sentence says so. The report reads files, not the
zone modules: a scenario is told apart by its name alone.
"""

from __future__ import annotations

#: the one scenario whose data-center load carries no drawn hourly shape
FLAT_SCENARIO = "statistical-trend"
SHAPED = ("near-flat, with a small diurnal swing (its amplitude drawn) peaking mid-afternoon "
          "local time, and a cooling uplift in June-September scaled to leave the annual "
          "average unchanged")
FLAT = "a flat block, each month's trend value in every hour"


def data_center_shape_text(scenarios: list[str], estimated: bool = True) -> str | None:
    """The sentence for a run of `scenarios` (None when the run estimated no data-center
    load): the drawn shape when every scenario is a pipeline one, the flat block when the
    run has only statistical-trend, and both, named by scenario, when it has both."""
    if not estimated or not scenarios:
        return None
    names = [str(s) for s in scenarios]
    shaped = [s for s in names if s != FLAT_SCENARIO]
    if not shaped:
        return f"Hourly shape of data-center load: {FLAT}."
    if len(shaped) == len(names):
        return f"Hourly shape of data-center load: {SHAPED}."
    return (f"Hourly shape of data-center load: in {_listed(shaped)}, {SHAPED}; in "
            f"{FLAT_SCENARIO}, {FLAT} (no swing and no uplift: it has no large-load "
            f"assumptions to draw them from), so its data-center and total peaks are not on "
            f"the same footing as those of {_listed(shaped)}.")


def _listed(names: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
