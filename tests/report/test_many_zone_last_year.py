"""A many-zone run ending before 2028 shows its last year on the page: the headline and
detail tables show the usual years it forecasts and its last, and the node table's peak,
summer and winter peaks and data-center share are of its last year, with an energy column
of it (the zone report's rule, `zone_headline_years`). A run to 2027 showed 2025 alone, its
last year on no table (fuzz 11b D4). zones.csv keeps its fixed 2025/2028/2030 columns,
empty for the years the run does not forecast."""

from __future__ import annotations

import re

from tests.report.test_many_zone_missing_years import made, page


def test_a_run_ending_before_2028_shows_its_last_year(tmp_path):
    run = made(longer=None)   # months 2025-01 to 2026-12
    html = page(tmp_path, run)
    headline = html[html.index('<section id="headline">'):html.index('<section id="zones">')]
    assert re.findall(r"<tr><td>(\d{4})</td>", headline) == ["2025", "2026"]
    table = html[html.index('<table id="zone-table">'):]
    table = table[:table.index("</table>")]
    headers = re.findall(r'<th class="sortable">([^<]*)</th>', table)
    assert headers[:6] == ["Energy 2025", "Energy 2026", "Peak 2026",
                           "Summer peak 2026, 50/50 [90/10]",
                           "Winter peak 2026, 50/50 [90/10]", "Data-center share 2026"]
    top = run.forecast[(run.forecast["region"] == "US48") & (run.forecast["period"] == "2026")
                       & (run.forecast["component"] == "total")].set_index("metric")
    row = re.search(r'<tr><td class="text"><a href="#node-\d+">US48</a>.*?</tr>', table,
                    re.S).group(0)
    assert f'data-value="{top.loc["energy_gwh", "p50"]}"' in row
    assert f'data-value="{top.loc["peak_mw", "p50"]}"' in row
    assert "This run ends in 2026, before 2030" in html
    details = html[html.index('<section id="details">'):]
    assert details.count("<tr><td>2026</td>") == len(run.zones)
    # zones.csv's fixed columns stay, empty for the years it does not forecast
    assert run.zones["energy_gwh_2030_p50"].isna().all()
    assert run.zones["energy_gwh_2025_p50"].notna().all()
