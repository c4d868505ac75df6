"""The zone report writes a year as its four digits in every table, never with a thousands
separator ("2,024" reads as a quantity): fuzz round 7a D5, Dominion's neighbour table. In
process: the synthetic zone run with a neighbour table and a contracts table, rendered."""

import dataclasses
import re

import pandas as pd

from forecasting.report.zone_render import render_zone_report
from tests.report.synthetic_zone_run import without_charts, zone_run_files


def table_rows(html: str) -> list[list[str]]:
    """Every table row's cells, as text."""
    return [re.findall(r"<td[^>]*>(.*?)</td>", row)
            for row in re.findall(r"<tr>(.*?)</tr>", html, re.S)]


def test_neighbour_and_contract_years_have_no_thousands_separator(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    neighbours = pd.DataFrame({"zone": ["SYN", "NBR"], "first_year": [2020, 2020],
                               "last_year": [2024, 2024],
                               "min_load_first_mw": [7989.0, 2071.83],
                               "min_load_change_mw": [2461.0, 51.99]})
    contracts = pd.DataFrame({"project": ["p1"], "stage": ["ESA"], "contracted_mw": [9000],
                              "as_of": [2024], "earliest_in_service": [2025]})
    run = dataclasses.replace(zone_run_files(tmp_path), neighbour_check=neighbours,
                              contracts=contracts)
    rows = table_rows(render_zone_report(run))
    # the quantities keep their separators, the years have none
    assert ["SYN", "2020", "2024", "7,989", "2,461"] in rows
    assert ["p1", "ESA", "9,000", "2024", "2025"] in rows
