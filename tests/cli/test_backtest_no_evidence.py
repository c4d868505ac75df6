"""`dcload backtest` with no target that is evidence: one line saying so, naming the targets
and the origins that would score, exit 2, no CSV. Before: the built history printed pandas'
"Empty DataFrame" and exited 0; a --series said "every model failed at every origin" though
none had failed."""

from __future__ import annotations

import pandas as pd


def _one_line_error(done) -> str:
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    return lines[0]


def test_built_history_origin_whose_targets_are_interpolated(cli, tmp_path):
    out = tmp_path / "bt.csv"
    done = cli("backtest", "--horizon", "3", "--models", "naive", "--first-origin", "2019",
               "--last-origin", "2019", "--out", str(out))
    line = _one_line_error(done)
    assert "no target of origins 2019..2019 at horizon 3 (2020..2022) is evidence" in line
    assert "origins 2020..2022 score 2023" in line
    assert not out.exists()


def test_series_month_without_evidence_is_not_called_a_model_failure(cli, tmp_path):
    months = pd.period_range("2020-01", "2024-12", freq="M")
    rows = [f"{p}-01,{1000 + i}" for i, p in enumerate(months) if str(p) != "2023-07"]
    path = tmp_path / "gap.csv"
    path.write_text("month,load_mw\n" + "\n".join(rows) + "\n")
    out = tmp_path / "bt.csv"
    done = cli("backtest", "--series", str(path), "--horizon", "1", "--models", "naive",
               "--first-origin", "2023-06", "--last-origin", "2023-06", "--out", str(out))
    line = _one_line_error(done)
    assert "failed" not in line
    assert "(2023-07..2023-07) is evidence" in line and "origin 2023-07 scores 2023-08" in line
    assert not out.exists()
