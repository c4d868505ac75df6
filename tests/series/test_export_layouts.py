"""Common export layouts a load file reader cannot take are refused in one line naming the
real cause and its fix: a ';' or tab separator, Excel's ``sep=,`` line or a title above the
header, a units row under it, a decimal comma in quotes; found by fuzzing (all were told "no
column holds dates" or to "choose the load column", which cannot help). And a header naming
MW without brackets (``Demand MW``) combines with an EIA-930 file of the same zone."""

from __future__ import annotations

import pandas as pd
import pytest

from forecasting.errors import InputError
from forecasting.series.read import read_series
from forecasting.zones.read import read_zone_files
from tests.conftest import one_error_line, run_cli

HOURS = pd.date_range("2024-01-01", periods=72, freq="h")
STAMPS = list(HOURS.strftime("%Y-%m-%d %H:%M"))
LOADS = [f"{6000 + 10 * i}.5" for i in range(len(HOURS))]


def _lines(sep=",", loads=LOADS):
    return [f"Timestamp{sep}Load (MW)"] + [f"{t}{sep}{v}" for t, v in zip(STAMPS, loads,
                                                                        strict=True)]


LAYOUTS = {  # name: (lines of the file, words the error must hold)
    "semicolons": (_lines(";"), ["header", "separated by ';'", "needs commas"]),
    "tabs": (_lines("\t"), ["header", "separated by tabs", "needs commas"]),
    "excel-sep-line": (["sep=,", *_lines()], ["line 1", "'sep=,'", "Excel", "delete it"]),
    "title-lines": (["Utility XYZ hourly load report", "", *_lines()],
                    ["line 3", "('Timestamp', 'Load (MW)') looks like the header",
                     "lines 1-2", "delete them"]),
    "units-row": ([_lines()[0], "(local),(MW)", *_lines()[1:]],
                  ["row 1", "('(local)', '(MW)') is not data", "units row", "delete it"]),
    "quoted-decimal-comma": (_lines(loads=[f'"{v.replace(".", ",")}"' for v in LOADS]),
                             ["row 1", "field 'Load (MW)'", "'6000,5'", "decimal comma",
                              "(6000.5)"]),
}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_each_layout_is_refused_naming_its_cause(tmp_path, layout):
    lines, words = LAYOUTS[layout]
    path = tmp_path / "load.csv"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError) as refused:
        read_series(path)
    message = str(refused.value)
    for word in words:
        assert word in message, message
    assert "value_col" not in message and "no column holds dates" not in message


def test_zones_init_names_the_separator_not_the_column(tmp_path):
    path = tmp_path / "load.csv"
    path.write_text("\n".join(_lines(";")) + "\n")
    line = one_error_line(run_cli("zones", "init", "x", "--series", str(path),
                                  "--out", str(tmp_path / "x.yaml")))
    assert "separated by ';'" in line and "--column" not in line


def test_a_header_naming_mw_without_brackets_combines_with_eia930(tmp_path):
    eia = tmp_path / "eia.csv"
    pd.DataFrame({"date_time": STAMPS[:36], "cleaned demand (MW)": LOADS[:36]}).to_csv(
        eia, index=False)
    own = tmp_path / "own.csv"
    pd.DataFrame({"Timestamp": STAMPS[36:], "Demand MW": LOADS[36:]}).to_csv(own, index=False)
    raws = read_zone_files([eia, own])
    assert [r.unit for r in raws] == ["MW", "MW"]
    assert raws[1].values.iloc[0] == float(LOADS[36])
