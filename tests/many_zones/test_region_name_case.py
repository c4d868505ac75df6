"""Region names of the regions table that differ only in case (``Southeast`` for one BA,
``southeast`` for another) are one region, spelt as the table's first row naming it spells
it. (They made two region nodes, each the total of half the region's BAs, exit 0.)"""

from __future__ import annotations

import pytest

from forecasting.errors import InputError
from forecasting.hierarchy.tree import UNKNOWN_REGION, build_hierarchy
from forecasting.many_zones.plan import hierarchy_of, zone_files
from forecasting.zones.config import ManyZonesConfig


def regions_of(h) -> list[str]:
    return [n for n in h.nodes if h.level[n] == "region"]


def test_a_region_spelt_in_two_cases_is_one_region_spelt_as_its_first_row(tmp_path):
    (tmp_path / "zones").mkdir()
    for name in ("AEC.csv", "SOCO.csv", "TAL.csv", "ERCO-COAS.csv"):
        (tmp_path / "zones" / name).write_text("when,mw\n")
    (tmp_path / "regions.csv").write_text("Code,Region\nTAL,Florida\nSOCO,southeast\n"
                                          "ERCO,Texas\nAEC,Southeast\n")
    config = ManyZonesConfig(series_dir=str(tmp_path / "zones"),
                             regions=str(tmp_path / "regions.csv"), region="US48")
    h = hierarchy_of(config, zone_files(config))
    assert regions_of(h) == ["Florida", "Texas", "southeast"]
    assert h.leaves_under("southeast") == ["AEC", "SOCO"]


def test_the_spelling_follows_the_table_order_not_the_zones():
    zones = ["AEC", "SOCO"]
    first = build_hierarchy(zones, "US48", {"AEC": "Southeast", "SOCO": "southeast"})
    second = build_hierarchy(zones, "US48", {"SOCO": "southeast", "AEC": "Southeast"})
    assert regions_of(first) == ["Southeast"] and regions_of(second) == ["southeast"]
    assert first.leaves_under("Southeast") == second.leaves_under("southeast") == zones


def test_a_table_region_spelt_as_the_unknown_region_in_another_case_is_refused(tmp_path):
    (tmp_path / "zones").mkdir()
    for name in ("AEC.csv", "XYZ.csv"):
        (tmp_path / "zones" / name).write_text("when,mw\n")
    (tmp_path / "regions.csv").write_text(f"Code,Region\nAEC,{UNKNOWN_REGION.upper()}\n")
    config = ManyZonesConfig(series_dir=str(tmp_path / "zones"),
                             regions=str(tmp_path / "regions.csv"))
    with pytest.raises(InputError, match="differ only in case"):
        hierarchy_of(config, zone_files(config))
