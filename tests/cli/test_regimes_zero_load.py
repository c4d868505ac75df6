"""`dcload regimes --series` on load with zeros (found by fuzzing: a ValueError traceback).
Zeros in a file whose other values never come near zero are no data, as the zone history takes
a zero hour (an area or meter that stopped reporting): left out of the tests and said on stderr
(`forecasting.series.zeros`). A period of zero load kept as a value (a file of zeros) is left
out too, since regimes works on positive load; a file with too few periods of positive load
left is one line naming the file and the first zero period, exit 2."""

from __future__ import annotations

import json
from pathlib import Path


def monthly(path: Path, zeros: set[int], months: int = 48) -> Path:
    rows = [f"{2015 + i // 12}-{i % 12 + 1:02d}-01,{0 if i in zeros else 100 + 3 * i}"
            for i in range(months)]
    path.write_text("month,mw\n" + "\n".join(rows) + "\n")
    return path


def test_a_file_of_zero_load_is_one_line_naming_the_file(cli, tmp_path: Path):
    zeros = monthly(tmp_path / "zeros.csv", set(range(48)))
    done = cli("regimes", "--series", str(zeros))
    assert done.returncode == 2
    assert done.stderr == (
        f"error: {zeros}: 48 period(s) of zero load (first 2015-01) taken as no data, since "
        "regimes works on positive load; 0 period(s) with load left, regimes needs at least "
        "4\n")


def test_a_few_zero_months_are_left_out_of_the_tests(cli, tmp_path: Path):
    some = monthly(tmp_path / "some.csv", {7, 30})
    done = cli("regimes", "--series", str(some), "--json")
    assert done.returncode == 0, done.stderr
    assert (f"# 2 zero value(s) (first {some} row 8, 2015-08-01) taken as no data (a meter or "
            "area that stopped reporting, as EIA-930 writes its MISSING hours), since the "
            "file's other values never come near zero (1st percentile 59% of the median)"
            ) in done.stderr
    assert ("# 2 period(s) without enough evidence left out of the tests (first 2015-08): "
            "neither fitted nor scored") in done.stderr
    result = json.loads(done.stdout)
    segments = result["segments"]
    assert sum(s["n_points"] for s in segments) == 46
    assert (segments[0]["start"], segments[-1]["end"]) == ("2015-01", "2018-12")
