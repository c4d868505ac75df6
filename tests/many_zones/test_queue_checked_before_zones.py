"""Every zone's queue is checked before any zone runs: a queue's typo is one line, exit 2,
naming file, row and field, nothing published, whatever happens to the load files. Read after
its zone's load file, a typo in the queue of a zone whose file is not a load file at all (the
zone's failure: the run goes on) was never reported: exit 4 naming the load file, and the
queue's error only on the run after the file was fixed (fuzz 10a D7)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import one_error_line, run_cli
from tests.zones.synthetic import hourly_load, write_load

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "zones" / "pjm_dom"


def test_a_queue_typo_beside_a_zone_file_refused_whole_is_exit_2_naming_its_row(tmp_path):
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / "XX-A.csv").write_text("hello,world\n1,2\n")   # not a load file
    write_load(tmp_path / "z" / "XX-B.csv", hourly_load(400.0))
    queue = tmp_path / "ll" / "xx_a"
    queue.mkdir(parents=True)
    shutil.copy(SHIPPED / "assumptions.csv", queue / "assumptions.csv")
    (queue / "contracts.csv").write_text(
        "project,stage,contracted_mw,as_of,earliest_in_service,source,confidence\n"
        "a-esa,ESA,150,2024-12,2025-01,test,F\n"
        "a-loi,LOI,100,2024-12,2025-07,test,F\n")   # a stage with no realization row
    (tmp_path / "zones.yaml").write_text("\n".join([
        "region: US48", "series_dir: z", "large_loads_dir: ll", "zone:", "  end_year: 2026",
        "  profile_year: 2026", "  n_paths: 20",
        "  backtest: {candidates: [seasonal_naive], peers: [seasonal_naive], n_paths: 10}",
    ]) + "\n")
    out = tmp_path / "out" / "latest"
    done = run_cli("forecast", "--config", str(tmp_path / "zones.yaml"), "--output-dir",
                   str(out), "--workers", "1", "--quiet")
    line = one_error_line(done)
    assert f"{queue}/contracts.csv, row 2, field 'stage'" in line and "'LOI'" in line
    assert "XX-A.csv" not in line
    assert not out.exists()
