"""The national decomposition shows parts that add up, says that medians need not, and says
where the supply limits took load from the AI part (fuzz 7a D7): the page stacked the parts'
P50s under "The two parts add up to the total in every year" (moderate-ai 2030: 311.6 + 146.9
= 458.5 TWh against a total P50 of 439), and an AI P10 of 0 where the caps bind was unexplained."""

from __future__ import annotations

import re

import pytest

from forecasting.report.render import render_report
from forecasting.report.run_files import read_run
from tests.report.light_national_run import (
    light_national_run,
    page_charts,
    page_text,
    section,
)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    return read_run(light_national_run(tmp_path_factory))


@pytest.fixture(scope="module")
def decomposition_section(run) -> str:
    return section(render_report(run), "decomposition")


def twh(run, scenario, component, column):
    f = run.forecast
    rows = f[(f["scenario"] == scenario) & (f["component"] == component) & (f["metric"] == "twh")]
    return rows.set_index("year")[column]


def scenario_rows(page_section):
    table = page_section[page_section.index("<summary>Decomposition table"):]
    cells = [[page_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
             for row in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)]
    return [c for c in cells if c and c[0] != "history"]


def test_the_table_gives_parts_that_add_up_to_the_total_shown_beside_them(run,
                                                                         decomposition_section):
    rows = scenario_rows(decomposition_section)
    assert rows
    for scenario, year, baseline, ai, total, *medians in rows:
        assert float(baseline) + float(ai) == pytest.approx(float(total), abs=0.11)
        assert float(total) == pytest.approx(twh(run, scenario, "total", "mean")[int(year)],
                                             abs=0.051)
        assert float(medians[2]) == pytest.approx(twh(run, scenario, "total", "p50")[int(year)],
                                                  abs=0.051)


def test_the_stack_tops_at_the_total_mean(run):
    scenario = "moderate-ai"
    index = list(dict.fromkeys(run.forecast["scenario"])).index(scenario)
    figure = page_charts(render_report(run))[f"decomposition-{index}"]
    parts = {t["name"]: dict(zip(t["x"], t["y"], strict=True)) for t in figure["data"]}
    total = twh(run, scenario, "total", "mean")
    for year in total.index:
        assert parts["baseline"][year] + parts["ai"][year] == pytest.approx(total[year], rel=1e-6)


def test_the_text_says_medians_need_not_add_and_names_the_capped_scenarios(run,
                                                                         decomposition_section):
    text = page_text(decomposition_section)
    assert "The two parts add up to the total in every year" not in text
    assert "Medians do not add up" in text
    f = run.forecast
    removed = f[(f["component"] == "removed_by_cap") & (f["metric"] == "twh") & (f["mean"] > 0)]
    decomposed = set(run.decomposition["scenario"]) - {"history"}
    capped = [s for s in dict.fromkeys(removed["scenario"]) if s in decomposed]
    assert capped   # the light run's AI scenarios meet the supply envelope
    assert ("taken from the AI part first, and from the baseline only once the AI part is used "
            "up") in text
    assert f"the limits remove load in {', '.join(capped)}:" in text
