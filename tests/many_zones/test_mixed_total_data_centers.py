"""A total only some of whose zones estimated their data-center part says whose data centers
it holds. Found by fuzzing (10a D3): ERCO (ERCO-WEST with a large-load queue, ERCO-NRTH with
``data_center: none``), Texas and US48 read "not estimated" for data centers while their
totals held ERCO-WEST's 6,677 GWh (2030 P50) of pipeline and existing data-center load. Now
such a total's cells name the zones whose data centers it holds, with each zone's own
published P50, and say the others' are not estimated; it still publishes no data-center
rows or share of its own."""

from __future__ import annotations

from html import unescape

import pandas as pd

from forecasting.report import number_format
from tests.many_zones.test_data_center_not_estimated import components, page, run


def p50(forecast: pd.DataFrame, zone: str, year: str) -> str:
    row = forecast[(forecast["region"] == zone) & (forecast["component"] == "data_center")
                   & (forecast["metric"] == "energy_gwh") & (forecast["period"] == year)]
    return number_format.figure(float(row["p50"].iloc[0]))


def test_a_mixed_total_says_whose_data_centers_it_holds(tmp_path):
    mixed = run({"AAA-S": False})   # AAA-N: a pipeline; AAA-S: not estimated; BBB-X: trend
    html = unescape(page(tmp_path, mixed))   # ' is &#39; in the page
    forecast = mixed.forecast
    aaa = (f"data centers: AAA-N's (large-load pipeline, P50 {p50(forecast, 'AAA-N', '2030')} "
           f"GWh in 2030) only; the other zone's not estimated")
    top = (f"data centers: AAA-N's (large-load pipeline, P50 {p50(forecast, 'AAA-N', '2030')} "
           f"GWh in 2030) and BBB-X's (trend, P50 {p50(forecast, 'BBB-X', '2030')} GWh) only; "
           f"the other zone's not estimated")
    # the table's 2030 cell and the detail section's 2030 row of each total
    assert html.count(aaa) == 2, html.count(aaa)
    assert html.count(top) == 3, html.count(top)   # and the headline's
    # no bare "not estimated" cell left but the zone's own that was not estimated
    assert html.count(">not estimated</td>") == 2   # AAA-S: table and detail
    for node in ("AAA", "TOP"):   # still no data-center rows or share of their own
        assert components(forecast, node) == {"total"}
