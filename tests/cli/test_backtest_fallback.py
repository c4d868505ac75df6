"""`selected` before any model has scored rows (`pipelines/cli/backtest.py` FALLBACKS): a
documented fallback (seasonal_naive for monthly load), said on stderr, the same whatever the
order of --models. Before, it was the first model listed (by default `naive`, a peer), so
`selected` scored 1.181 or 1.028 on the same rows as the models were listed."""

from __future__ import annotations

import numpy as np
import pandas as pd


def test_selected_falls_back_to_seasonal_naive_whatever_the_order(cli, tmp_path):
    months = pd.period_range("2020-01", "2024-12", freq="M")
    rng = np.random.default_rng(3)
    load = 1000 * np.exp(0.12 * np.cos(2 * np.pi * (np.asarray(months.month) - 1) / 12)
                         + rng.normal(0, 0.02, len(months)))
    path = tmp_path / "load.csv"
    path.write_text("month,load_mw\n" + "\n".join(
        f"{p}-01,{v:.2f}" for p, v in zip(months, load, strict=True)) + "\n")
    tables = []
    for order in ("naive,seasonal_naive", "seasonal_naive,naive"):
        out = tmp_path / f"{order}.csv"
        done = cli("backtest", "--series", str(path), "--horizon", "2", "--first-origin",
                   "2023-06", "--last-origin", "2023-07", "--models", order, "--out", str(out))
        assert done.returncode == 0, done.stderr
        tables.append((pd.read_csv(out), done.stderr))
    selected = [t[t["model"] == "selected"].reset_index(drop=True) for t, _ in tables]
    pd.testing.assert_frame_equal(selected[0], selected[1])
    assert all("seasonal_naive, the fallback" in said for _, said in tables)
    first = tables[0][0][tables[0][0]["origin"] == "2023-06"]
    mine = first[first["model"] == "selected"]["p50"].to_numpy()
    assert np.allclose(mine, first[first["model"] == "seasonal_naive"]["p50"].to_numpy())
