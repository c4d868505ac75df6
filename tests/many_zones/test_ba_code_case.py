"""A BA code is one BA whatever its case: ``KAPPA-EAST.csv`` and ``kappa-west.csv`` sit under
one BA node, spelt as the regions table spells the code (else as the first file in sorted
order), and the table's regions and clocks are looked up without case. (They made two BA
nodes, ``KAPPA`` and ``kappa`` under "(region unknown)", and KAPPA's total lacked
kappa-west, exit 0.)"""

from __future__ import annotations

import pytest

from forecasting.errors import InputError
from forecasting.hierarchy.tree import UNKNOWN_REGION, build_hierarchy
from forecasting.many_zones.plan import hierarchy_of, leaf_tasks, parent_tasks, zone_files
from forecasting.zones.config import ManyZonesConfig
from forecasting.zones.read import read_ba_regions


def test_zones_of_one_code_in_two_cases_sit_under_one_ba_spelt_as_the_table():
    h = build_hierarchy(["KAPPA-EAST", "kappa-west"], "TOPB", {"Kappa": "Plains"})
    assert h.parent == {"Plains": "TOPB", "Kappa": "Plains", "KAPPA-EAST": "Kappa",
                        "kappa-west": "Kappa"}
    assert h.leaves_under("Kappa") == ["KAPPA-EAST", "kappa-west"]
    assert UNKNOWN_REGION not in h.nodes


def test_without_the_code_in_the_table_the_first_file_spells_the_ba():
    for regions in (None, {"MU": "Prairie"}):
        h = build_hierarchy(["kappa-west", "Kappa-East"], "TOPB", regions)
        assert h.parent["kappa-west"] == h.parent["Kappa-East"] == "Kappa"
        assert [n for n in h.nodes if h.level[n] == "ba"] == ["Kappa"]


def test_a_ba_file_beside_a_sub_region_of_its_code_in_another_case_is_refused():
    with pytest.raises(ValueError, match="differ only in case"):
        build_hierarchy(["kappa", "KAPPA-EAST"], "TOPB", {"KAPPA": "Plains"})


def test_a_code_given_again_in_another_case_with_another_region_is_refused(tmp_path):
    path = tmp_path / "regions.csv"
    path.write_text("Code,Region\nKAPPA,Plains\nkappa,Prairie\n")
    with pytest.raises(InputError) as caught:
        read_ba_regions(path)
    assert caught.value.row == 3 and "'KAPPA'" in caught.value.message
    path.write_text("Code,Region\nKAPPA,Plains\nkappa,Plains\n")
    assert read_ba_regions(path) == {"KAPPA": "Plains"}


def test_a_many_zone_plan_totals_both_files_under_the_table_spelling_and_clock(tmp_path):
    (tmp_path / "zones").mkdir()
    for name in ("KAPPA-EAST.csv", "kappa-west.csv"):
        (tmp_path / "zones" / name).write_text("when,mw\n")
    (tmp_path / "regions.csv").write_text("Code,Time Zone,Region\nKAPPA,Pacific,Plains\n"
                                          "LAMBDA,Central,Plains\n")
    config = ManyZonesConfig(series_dir=str(tmp_path / "zones"),
                             regions=str(tmp_path / "regions.csv"), region="TOPB")
    files = zone_files(config)
    h = hierarchy_of(config, files)
    assert h.leaves_under("KAPPA") == ["KAPPA-EAST", "kappa-west"]
    assert "kappa" not in h.nodes and UNKNOWN_REGION not in h.nodes
    clocks = {t.node: t.settings.timezone for t in [*leaf_tasks(config, h, files),
                                                    *parent_tasks(config, h, files)]}
    assert set(clocks.values()) == {"America/Los_Angeles"}
