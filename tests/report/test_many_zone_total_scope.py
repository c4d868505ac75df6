"""Every total of a many-zone run is named with how many zones it sums, where the page names
it: the headline says the top is the sum of this run's zones, not the published total of
that name; the node table's level cell and each total's detail say "sum of N zones in this
run". A run of 7 files published "Headline: US48 ... 963,268 GWh" and "New England" of 2 of
ISO-NE's 8 load zones with no count on the page (fuzz 11b D3). A failed zone is in no
count, as it is in no figure."""

from __future__ import annotations

import re

from tests.report.test_many_zone_failed_zone_status import page


def level_cell(html: str, node: str) -> str:
    row = re.search(rf'<tr><td class="text"><a href="#node-\d+">{node}</a></td>'
                    r'<td class="text">([^<]*)</td>', html)
    return row.group(1)


def test_the_headline_table_and_details_say_how_many_zones_each_total_sums(tmp_path):
    html = page(tmp_path, [])
    assert "US48 is the sum of 3 zones in this run, not the published US48 total" in html
    assert level_cell(html, "US48") == "top (sum of 3 zones in this run)"
    assert level_cell(html, "Texas") == "region (sum of 2 zones in this run)"
    assert level_cell(html, "ERCO") == "ba (sum of 2 zones in this run)"
    assert level_cell(html, "Northwest") == "region (sum of 1 zone in this run)"
    assert level_cell(html, "AVA") == "zone"   # a zone is its own file: no count
    details = html[html.index('<section id="details">'):]
    assert "Texas: sum of 2 zones in this run, not the published Texas total." in details
    assert "AVA: sum of" not in details


def test_a_failed_zone_is_in_no_totals_count(tmp_path):
    html = page(tmp_path, ["ERCO-WEST"])
    assert "US48 is the sum of 2 zones in this run" in html
    assert level_cell(html, "Texas") == "region (sum of 1 zone in this run)"
