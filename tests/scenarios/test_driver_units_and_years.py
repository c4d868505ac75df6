"""A driver parameter written in another unit, or a driver year that cannot mean what it says,
is one line naming the file, row and field (exit 2 from `dcload scenarios validate`), never a
scenario with another meaning. Before, each was valid: high-ai with its boards in watts
(`board_power_kw` 600-800) ran at 18,966 TWh in 2024 (229 as shipped); EPRI high with
`until_year: 2020` against its 2023 start stayed at 152.7 TWh to 2030 (297 published); a PUE
of 135, a lifetime of 60 (months) and a rebound of 100 (percent) ran; `growth_until: 2020`
(before the history's base year, 2023) silently dropped high-ai's 2028 load from 660 to 448
TWh, `pue_target_year: 2020` made its PUE jump in 2024."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
import yaml

from forecasting.scenarios.catalog import SCENARIOS_DIR, load_scenario_file, parse_scenario
from forecasting.scenarios.distributions import ParamError
from forecasting.scenarios.engine import simulate_scenario
from pipelines.cli import main


def refused(monkeypatch, capsys, path: Path) -> str:
    """The one error line of `dcload scenarios validate PATH` (exit 2, nothing on stdout)."""
    monkeypatch.setattr(sys, "argv", ["dcload", "scenarios", "validate", str(path)])
    with pytest.raises(SystemExit) as exited:
        main()
    printed = capsys.readouterr()
    line = printed.err.strip()
    assert exited.value.code == 2 and printed.out == "", (exited.value.code, printed)
    assert "\n" not in line and "Traceback" not in line, line
    return line


def row_of(text: str, piece: str) -> int:
    """The 1-based row of the first line (not a comment) holding `piece`."""
    return 1 + next(i for i, line in enumerate(text.splitlines())
                    if piece in line and not line.lstrip().startswith("#"))


# (shipped file, text replaced, by, field (after 'scenarios.<name>.'), words of the line); the
# row named is that of the replacement's last line (of the field's key when nothing replaces)
MISTAKES = [
    # a board's power in watts: 1000 times the power per board
    ("high-ai.yaml", "low: 0.6, mode: 0.7, high: 0.8,", "low: 600, mode: 700, high: 800,",
     "fleet.board_power_kw.high", ["<= 20 (got 800)", "kW per board"]),
    # a share and a utilization in percent
    ("moderate-ai.yaml", "low: 0.4, mode: 0.5, high: 0.6,", "low: 40, mode: 50, high: 60,",
     "fleet.region_share.high", ["<= 1 (got 60)", "0.5 for 50%"]),
    ("lbnl2024-low.yaml", "low: 0.45, mode: 0.55, high: 0.65,", "low: 45, mode: 55, high: 65,",
     "fleet.utilization.high", ["<= 1 (got 65)", "0.6 for 60%"]),
    # a PUE in percent, and written as its overhead
    ("high-ai.yaml", "low: 1.25, mode: 1.35, high: 1.45,", "low: 125, mode: 135, high: 145,",
     "fleet.pue_target.high", ["<= 3 (got 145)", "facility power over IT power"]),
    ("rebound.yaml", "low: 1.2, mode: 1.3, high: 1.4,", "low: 0.2, mode: 0.3, high: 0.4,",
     "compute_efficiency.pue_target.low", [">= 1 (got 0.2)", "facility power over IT power"]),
    # a host overhead in percent, a lifetime in months, shipments in units
    ("high-ai.yaml", "low: 1.6, mode: 1.8, high: 2.0,", "low: 160, mode: 180, high: 200,",
     "fleet.host_overhead.high", ["<= 4 (got 200)", "server power over board power"]),
    ("high-ai.yaml", "low: 4, mode: 5, high: 6,", "low: 48, mode: 60, high: 72,",
     "fleet.lifetime.high", ["<= 20 (got 72)", "years"]),
    ("moderate-ai.yaml", "  growth_until: 2028",
     "  growth_until: 2028\n  shipments_base_m: 3760000", "fleet.shipments_base_m",
     ["<= 1000 (got 3.76e+06)", "millions"]),
    # TWh written in GWh; a rebound and a rate's yearly noise in percent
    ("epri2024-high.yaml", "value: 152.71,", "value: 152710,",
     "growth_rate.start.twh.value", ["<= 10000 (got 152710)", "TWh"]),
    ("rebound.yaml", "low: 0.5, mode: 1.0, high: 1.5,", "low: 50, mode: 100, high: 150,",
     "compute_efficiency.rebound.high", ["<= 3 (got 150)", "share of the efficiency saving"]),
    ("epri2024-low.yaml", "  year_sd: 0.01", "  year_sd: 1",
     "growth_rate.year_sd", ["<= 0.2 (got 1)", "0.01 for 1 point"]),
    # a training run's power in kW, energy per query in joules, queries as a count
    ("efficiency-breakthrough.yaml", "low: 10, mode: 25, high: 50,",
     "low: 10000, mode: 25000, high: 50000,", "components.training.power_mw.high",
     ["<= 20000 (got 50000)", "MW of facility power per run"]),
    ("efficiency-breakthrough.yaml", "low: 0.3, mode: 1.0, high: 2.9,",
     "low: 1080, mode: 3600, high: 10440,", "components.inference.wh_per_query.high",
     ["<= 100 (got 10440)", "Wh per query"]),
    ("efficiency-breakthrough.yaml", "low: 0.2, mode: 0.5, high: 1.0,",
     "low: 200000000, mode: 500000000, high: 1000000000,",
     "components.inference.queries_per_day_bn.high", ["billions of queries a day"]),
    # a year range reversed: the stated rate would apply to no year of the path
    ("epri2024-high.yaml", "  year_sd: 0.01", "  year_sd: 0.01\n  then_growth_rate: 0.0\n"
     "  until_year: 2020", "growth_rate.until_year", ["2020", "start year 2023"]),
    # a rate that would apply to no year: the year it starts from is not given
    ("high-ai.yaml", "  growth_until: 2028\n", "",
     "fleet.shipments_growth_after", ["growth_until"]),
    ("epri2024-moderate.yaml", "  year_sd: 0.01", "  year_sd: 0.01\n  then_growth_rate: 0.0",
     "growth_rate.then_growth_rate", ["until_year"]),
]


@pytest.mark.parametrize(("name", "old", "new", "field", "words"), MISTAKES,
                         ids=[m[3] for m in MISTAKES])
def test_a_value_in_another_unit_or_a_year_out_of_place_is_one_line(
        monkeypatch, capsys, tmp_path, name, old, new, field, words):
    text = (SCENARIOS_DIR / name).read_text(encoding="utf-8")
    assert old in text, old
    bad = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(bad, encoding="utf-8")
    line = refused(monkeypatch, capsys, path)
    row = row_of(bad, new.strip().splitlines()[-1] if new else field.split(".")[-1] + ":")
    assert f"{name}, row {row}, field 'scenarios.{name.removesuffix('.yaml')}.{field}'" \
        in line, line
    for word in words:
        assert word in line, line


def test_every_shipped_file_is_still_valid():
    for path in sorted(SCENARIOS_DIR.glob("*.yaml")):
        load_scenario_file(path)


YEARS = [
    ("high-ai.yaml", "growth_until: 2028", "growth_until: 2020",
     ["parameters", "growth_until"], "shipments_growth"),
    ("high-ai.yaml", "pue_target_year: 2030", "pue_target_year: 2023",
     ["parameters", "pue_target_year"], "PUE"),
    ("rebound.yaml", "pue_target_year: 2030", "pue_target_year: 2019",
     ["parameters", "pue_target_year"], "PUE"),
]


@pytest.mark.parametrize(("name", "old", "new", "loc", "word"), YEARS,
                         ids=[f"{m[0]}:{m[2]}" for m in YEARS])
def test_a_driver_year_not_after_the_base_year_is_refused(name, old, new, loc, word, history,
                                                         decomposition, years):
    text = (SCENARIOS_DIR / name).read_text(encoding="utf-8")
    spec = load_scenario_file(SCENARIOS_DIR / name)
    spec.check_base_year(base_year=2023)          # shipped: after the base year
    bad = parse_scenario(yaml.safe_load(text.replace(old, new)))
    year = new.split()[-1]
    with pytest.raises(ParamError) as info:
        bad.check_base_year(base_year=2023)
    assert list(info.value.key) == loc, info.value.key
    said = str(info.value)
    assert f"{year} is not after the history's base year 2023" in said and word in said, said
    # the engine refuses it too, rather than run it with another meaning
    with pytest.raises(ParamError):
        simulate_scenario(bad, history=history, years=years, n=20, seed=1,
                          decomposition=decomposition)
    paths = simulate_scenario(spec, history=history, years=years, n=20, seed=1,
                              decomposition=decomposition)
    assert np.isfinite(paths.total).all()


def test_a_growth_rate_or_endpoint_without_a_start_needs_a_year_after_the_base_year():
    rate = parse_scenario({"name": "g", "description": "x", "driver": "growth_rate",
                           "parameters": {"growth_rate": 0.1, "until_year": 2022,
                                          "then_growth_rate": 0.0}})
    with pytest.raises(ParamError) as info:
        rate.check_base_year(base_year=2023)
    assert list(info.value.key) == ["parameters", "until_year"], info.value.key
    end = parse_scenario({"name": "e", "description": "x", "driver": "endpoint",
                          "parameters": {"endpoint_year": 2023, "endpoint_twh": 300}})
    with pytest.raises(ParamError) as info:
        end.check_base_year(base_year=2023)
    assert "2023 is not after the history's base year 2023" in str(info.value), info.value
    end.check_base_year(base_year=2022)
