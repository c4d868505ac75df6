"""A contracts.csv row of ``kind`` campus is one project: built in full or not at all on each
path, its stage's realization its chance. A share of it had been realized on every path, so
one 1,000 MW engineering letter at utilization 0.5 showed an 80% band of about 89-200 MW of
load, where in truth it is 0 or 500 MW (fuzz 9a, D8). The mean over paths stays the share
rule's; a queue without the column (or with ``total``) samples exactly as before; any other
kind is refused naming file, row and field. Synthetic queues with the shipped DOM
assumptions; `sample_new_load` called directly, no zone run (the CLI only to refuse)."""

from __future__ import annotations

import dataclasses
import itertools
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.errors import InputError
from forecasting.zones.large_loads import (
    DOMINION_STAGES,
    Contract,
    Triangular,
    parse_contracts,
)
from forecasting.zones.pipeline_sampling import PipelineRules, sample_new_load
from forecasting.zones.pipeline_table import pipeline_by_stage
from forecasting.zones.read import read_large_loads, read_table
from tests.conftest import one_error_line, run_cli

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "zones" / "pjm_dom"
START = pd.Period("2005-05", "M")
MONTHS = pd.period_range("2025-01", "2032-12", freq="M")
HEAD = "project,stage,contracted_mw,as_of,earliest_in_service,source,confidence"
#: utilization, ramp and delay fixed, no limit: a path's load at full ramp is its realized MW
#: x 0.5, the realization (the shipped DOM triangles) drawn
FIXED = PipelineRules(utilization=0.5, ramp_months=12, delay_months=0, limit=False)
N = 4000


@pytest.fixture(scope="module")
def assumptions():
    return read_large_loads(SHIPPED, START)[1]


def _queue(tmp_path: Path, rows: list[tuple[str, str, float, str]],
           kinds: list[str] | None = None):
    """Contracts as a planner writes them: (project, stage, MW, earliest_in_service) rows,
    with a ``kind`` column when ``kinds`` is given."""
    lines = [HEAD + (",kind" if kinds is not None else "")]
    for k, (project, stage, mw, month) in enumerate(rows):
        kind = f",{kinds[k]}" if kinds is not None else ""
        lines.append(f"{project},{stage},{mw:g},2024-12,{month},queue list,U{kind}")
    path = tmp_path / "contracts.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return parse_contracts(*read_table(path), START, stages=DOMINION_STAGES)


def _sample(contracts, assumptions, seed=0, n=N, rules=FIXED, **kw):
    return sample_new_load(contracts, assumptions, MONTHS, n, np.random.default_rng(seed),
                           rules, **kw)


def test_one_campus_is_built_in_full_or_not_at_all(tmp_path, assumptions):
    letter = [("campus-1", "SELOA", 1000.0, "2026-01")]
    campus = _sample(_queue(tmp_path, letter, ["Campus"]), assumptions)[:, -1]
    total = _sample(_queue(tmp_path, letter, ["total"]), assumptions)[:, -1]
    built = np.isclose(campus, 500.0)
    assert np.all(built | np.isclose(campus, 0.0)), np.unique(campus.round(3))
    chance = assumptions.realization["SELOA"].mean  # (0.1 + 0.25 + 0.5) / 3, about 0.283
    tolerance = 4 * np.sqrt(chance * (1 - chance) / N)  # 4 standard errors, about 0.029
    assert abs(built.mean() - chance) < tolerance, (built.mean(), chance)
    np.testing.assert_allclose(np.quantile(campus, [0.1, 0.9]), [0.0, 500.0], atol=1e-9)
    # as a stage total a share of it is realized on every path: 50-250 MW, never 0 or 500
    assert np.all((total > 0.0) & (total < 500.0))
    assert 80 < np.quantile(total, 0.1) < np.quantile(total, 0.9) < 210


def test_a_campus_queue_has_the_total_queues_mean(tmp_path, assumptions):
    rows = [("a", "ESA", 1200.0, "2025-03"), ("b", "CLOA", 800.0, "2025-09"),
            ("c", "SELOA", 3000.0, "2026-01"), ("d", "SELOA", 400.0, "2027-06")]
    campus = _sample(_queue(tmp_path, rows, ["campus"] * 4), assumptions, seed=5)
    total = _sample(_queue(tmp_path, rows, ["total"] * 4), assumptions, seed=5)
    assert campus.std(axis=0)[-1] > 3 * total.std(axis=0)[-1]  # the band is not a share's
    # same seed: the same shares drawn, the campuses' built-or-not drawn after them, so the
    # paths' difference has mean 0; 4 standard errors of it as the tolerance
    diff = campus[:, 12:] - total[:, 12:]
    tolerance = 4 * diff.std(axis=0) / np.sqrt(N)
    assert np.all(np.abs(diff.mean(axis=0)) < tolerance)


def test_a_queue_without_the_column_samples_exactly_as_all_totals(tmp_path, assumptions):
    contracts, _ = read_large_loads(SHIPPED, START)
    rows = [(c.project, c.stage, c.contracted_mw, str(c.earliest_in_service))
            for c in contracts]
    vetted = PipelineRules()
    absent = _sample(_queue(tmp_path, rows), assumptions, 7, 200, vetted, measured_mw=3000.0)
    for kinds in (["total"] * 3, ["", "TOTAL", "Total"]):
        given = _sample(_queue(tmp_path, rows, kinds), assumptions, 7, 200, vetted,
                        measured_mw=3000.0)
        assert np.array_equal(absent, given)
    # and the generator is left where it was: a zone run draws the hourly shape next
    after = [np.random.default_rng(7) for _ in range(2)]
    sample_new_load(_queue(tmp_path, rows, ["total"] * 3), assumptions, MONTHS, 50, after[0],
                    vetted)
    sample_new_load(_queue(tmp_path, rows), assumptions, MONTHS, 50, after[1], vetted)
    assert after[0].random() == after[1].random()


def test_a_campus_measured_in_the_history_is_built_on_every_path(tmp_path, assumptions):
    # in service 2024-07 on a 24-month ramp: 6/24 of it by 2024-12, the history's last month
    rows = [("in-history", "ESA", 1000.0, "2024-07")]
    rules = PipelineRules(utilization=0.5, ramp_months=24, delay_months=0, limit=False)
    campus = _queue(tmp_path, rows, ["campus"])
    held = _sample(campus, assumptions, rules=rules, measured_mw=10_000.0)[:, -1]
    share = assumptions.realization["ESA"].mean  # the mean path's, which the level holds
    np.testing.assert_allclose(held, 1000.0 * share * 0.5 * 18 / 24)
    # no level known: not taken as measured, so built or not from the forecast's first month
    unknown = _sample(campus, assumptions, rules=rules, measured_mw=None)[:, -1]
    assert set(np.unique(unknown.round(6))) == {0.0, 500.0}


def test_pipeline_csv_says_a_stage_holds_campuses(tmp_path, assumptions):
    rows = [("a", "SELOA", 1000.0, "2026-01"), ("b", "SELOA", 500.0, "2026-06"),
            ("c", "ESA", 500.0, "2025-06")]
    table = pipeline_by_stage(_queue(tmp_path, rows, ["campus", "total", "total"]),
                              assumptions, {"vetted": PipelineRules()})
    notes = dict(zip(table["stage"], table["note"], strict=True))
    assert notes["SELOA"].startswith("1 of its 2 contracts is a campus, built in full or "
                                     "not at all on a path (the realization is its chance")
    assert "campus" not in notes["ESA"]


def test_an_unknown_kind_is_refused_naming_file_row_and_field(tmp_path):
    rows = [("a", "ESA", 100.0, "2025-06"), ("b", "ESA", 100.0, "2025-06")]
    with pytest.raises(InputError) as caught:
        _queue(tmp_path, rows, ["campus", "project"])
    err = caught.value
    assert err.file.endswith("contracts.csv") and (err.row, err.field) == (2, "kind")
    assert "kind must be total or campus, not 'project'" in err.message


def test_an_unknown_kind_from_the_cli_is_one_line_exit_2(tmp_path, dom_files):
    large = tmp_path / "large"
    shutil.copytree(SHIPPED, large)
    head, *rows = (large / "contracts.csv").read_text(encoding="utf-8").splitlines()
    kinds = ["total", "site", "total"]
    (large / "contracts.csv").write_text(
        "\n".join([f"{head},kind"] + [f"{r},{k}" for r, k in zip(rows, kinds, strict=True)])
        + "\n", encoding="utf-8")
    config = tmp_path / "zone.yaml"
    config.write_text(f'region: PJM-DOM\nseries: ["{dom_files[2]}"]\n'
                      f'large_loads: "{large}"\nscenarios: [vetted]\nn_paths: 20\n')
    line = one_error_line(run_cli("forecast", "--config", str(config), "--output-dir",
                                  str(tmp_path / "out"), "--quiet"))
    assert "contracts.csv, row 2, field 'kind'" in line and "'site'" in line


@settings(max_examples=25, deadline=None)
@given(mw=st.lists(st.integers(0, 5000), min_size=1, max_size=4),
       stages=st.lists(st.sampled_from(DOMINION_STAGES), min_size=4, max_size=4),
       starts=st.lists(st.integers(0, 36), min_size=4, max_size=4),
       seed=st.integers(0, 2**16))
def test_a_campus_path_at_full_ramp_is_the_load_of_the_campuses_built(mw, stages, starts,
                                                                       seed):
    assumptions = read_large_loads(SHIPPED, START)[1]
    first = pd.Period("2025-01", "M")
    queue = [Contract(f"c{i}", stages[i], float(m), first + starts[i], "campus")
             for i, m in enumerate(mw)]
    load = _sample(queue, assumptions, seed=seed, n=60)
    assert np.all(load >= 0.0)  # no path loses load
    sums = {0.5 * sum(s) for k in range(len(mw) + 1) for s in itertools.combinations(mw, k)}
    for value in load[:, -1]:  # 2032-12: every campus in service and fully ramped
        assert min(abs(value - s) for s in sums) < 1e-6


def test_a_campus_behind_a_binding_limit_is_at_full_ramp_when_its_whole_mw_is_in(
        tmp_path, assumptions):
    """pipeline.csv's full_ramp_by of a campus is the month its whole MW is connected where
    it is built (6,000 MW through 1,200 MW a year: five years), not the month its expected
    share would be (28% of it in about a year and a half: fuzz 11c D5); as a total row the
    share is what connects."""
    rows = [("big", "SELOA", 6000.0, "2026-01")]
    rules = {"vetted": PipelineRules(ramp_months=1, delay_months=0)}
    fixed = dataclasses.replace(assumptions,
                                connection_limit_mw_per_year=Triangular(1200.0, 1200.0, 1200.0))
    campus = pipeline_by_stage(_queue(tmp_path, rows, ["campus"]), fixed, rules)
    total = pipeline_by_stage(_queue(tmp_path, rows, ["total"]), fixed, rules)
    built = pd.Period(campus.loc[0, "full_ramp_by"], "M")
    shared = pd.Period(total.loc[0, "full_ramp_by"], "M")
    assert campus.loc[0, "expected_mw"] == pytest.approx(total.loc[0, "expected_mw"])
    assert (built - pd.Period("2026-01", "M")).n >= 59      # 6,000 MW at 100 MW a month
    assert shared < built
