"""Each shipped scenario's description, printed in the report's scenarios section and by
`dcload scenarios`, agrees with the parameters it runs with (fuzz 7a D4): high-ai was described
as having 'no limit on grid connections' while the supply envelope caps it
(max_added_gw_per_year bound 97% of its 2030 paths in the default run). Checked here: a
scenario the envelope bounds never calls itself unbounded; every 'about N GW' is the mode of a
capacity limit in effect; a 'last N years' is momentum's fit_last_years."""

from __future__ import annotations

import re

import pytest

from forecasting.scenarios.catalog import load_scenario, scenario_files

SPECS = {path.stem: load_scenario(path.stem) for path in scenario_files()}
UNBOUNDED = re.compile(r"\bno (?:grid |connection )?(?:limit|cap)s?\b|\bunlimited\b|"
                       r"\bunconstrained\b|\bunbounded\b|\bwithout (?:a |any )?(?:limit|cap)",
                       re.IGNORECASE)
GW_FIGURE = re.compile(r"about (\d+(?:\.\d+)?) GW")


def description(spec) -> str:
    return " ".join(spec.description.split())


#: the scenarios the supply envelope bounds (a preset reproduces an outlook as published)
BOUNDED = [name for name, spec in SPECS.items() if spec.constraints is not None]
WITH_GW = [name for name, spec in SPECS.items() if GW_FIGURE.search(description(spec))]


@pytest.mark.parametrize("name", BOUNDED)
def test_a_bounded_scenario_never_calls_itself_unbounded(name):
    assert not UNBOUNDED.search(description(SPECS[name])), description(SPECS[name])


@pytest.mark.parametrize("name", WITH_GW)
def test_every_gw_figure_is_a_capacity_limit_in_effect(name):
    limits = SPECS[name].constraints
    figures = {float(n) for n in GW_FIGURE.findall(description(SPECS[name]))}
    modes = {getattr(limits, key).mode for key in ("max_added_gw_per_year", "max_total_gw")
             if limits is not None and getattr(limits, key) is not None}
    assert figures <= modes, (figures, modes)


def test_momentum_names_its_own_fallback_window():
    spec = load_scenario("momentum")
    said = re.search(r"last (\d+) years", description(spec))
    assert said and int(said.group(1)) == spec.parameters.fit_last_years


def test_the_high_ai_description_names_the_envelope_that_bounds_it():
    spec = load_scenario("high-ai")
    assert spec.constraints.max_added_gw_per_year is not None
    assert "supply envelope" in description(spec)
