"""A BA code given two time zones in the regions table (``KAPPA`` Pacific on one row,
``kappa`` or ``KAPPA`` Central on another) is one line naming the table, the later row and
the field, and the earlier row, exit 2, before any zone runs and with nothing published. (The
run took the first row's clock, or the last's, in silence: the zones' data-center afternoons
and every hourly profile followed it.) The same zone written as its EIA label on one row and
its IANA name on another is one clock."""

from __future__ import annotations

import pytest

from forecasting.errors import InputError
from forecasting.many_zones.plan import ba_clocks
from forecasting.zones.config import ManyZonesConfig
from tests.conftest import one_error_line, run_cli


def regions_table(tmp_path, *rows: str):
    path = tmp_path / "regions.csv"
    path.write_text("\n".join(["Code,Time Zone,Region", *rows]) + "\n")
    return path


def config_of(tmp_path, *rows: str) -> ManyZonesConfig:
    (tmp_path / "zones").mkdir(exist_ok=True)
    return ManyZonesConfig(series_dir=str(tmp_path / "zones"),
                           regions=str(regions_table(tmp_path, *rows)))


def test_a_code_in_two_cases_with_two_time_zones_is_refused_by_the_cli(tmp_path):
    (tmp_path / "z").mkdir()
    for name in ("KAPPA-EAST.csv", "kappa-west.csv"):
        (tmp_path / "z" / name).write_text("when,mw\n")  # never read: refused first
    regions_table(tmp_path, "LAMBDA,Central,Plains", "KAPPA,Pacific,Plains",
                  "kappa,Central,Plains")
    (tmp_path / "zones.yaml").write_text("region: TOPB\nseries_dir: z\nregions: regions.csv\n")
    out = tmp_path / "out" / "latest"
    line = one_error_line(run_cli("forecast", "--config", str(tmp_path / "zones.yaml"),
                                  "--output-dir", str(out), "--workers", "1", "--quiet"))
    assert "regions.csv, row 4, field 'Time Zone'" in line
    assert "'kappa'" in line and "'Central'" in line and "row 3" in line and "'Pacific'" in line
    assert not out.exists()


def test_a_code_given_again_with_another_time_zone_is_refused(tmp_path):
    config = config_of(tmp_path, "KAPPA,Pacific,Plains", "LAMBDA,Central,Plains",
                       "KAPPA,Mountain,Plains")
    with pytest.raises(InputError) as caught:
        ba_clocks(config)
    assert caught.value.row == 4 and caught.value.field == "Time Zone"
    assert "row 2 gives 'Pacific'" in caught.value.message


def test_one_zone_as_a_label_and_as_its_iana_name_is_one_clock(tmp_path):
    config = config_of(tmp_path, "KAPPA,Pacific,Plains", "kappa,America/Los_Angeles,Plains",
                       "LAMBDA,,Plains", "LAMBDA,Central,Plains")
    assert ba_clocks(config) == {"kappa": "America/Los_Angeles", "lambda": "America/Chicago"}
    # a clock set for every zone: the table's clocks are not read
    assert ba_clocks(config.model_copy(update={"zone": config.zone.model_copy(
        update={"timezone": "UTC"})})) == {}
