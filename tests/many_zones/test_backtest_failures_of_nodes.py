"""A many-zone run publishes each node's backtest failures (backtest_failures.csv, a
``region`` column first), as a zone run does: every node is run as a zone, and a candidate
its history is too short for at the first origins fails there the same way. Before, the
nodes' failures reached no output. A single-child total publishes its child's, as it
publishes its child's backtest.

The failure is a real one: ``backtest.min_train: 12`` gives first origins of 12 months, and
seasonal_level needs 24 (naive, the other candidate, 2)."""

from __future__ import annotations

from io import StringIO

import numpy as np
import pandas as pd

from forecasting.many_zones.compute import compute_many_zones
from forecasting.many_zones.tables import many_zones_tables

NEEDED = 24  # months seasonal_level needs (`SeasonalLevel.observations_needed`)


def zone_file(path, start: str, end: str, level: float) -> None:
    hours = pd.date_range(start, end, freq="h")
    t = np.arange(len(hours))
    noise = np.random.default_rng(int(level)).normal(0.0, 5.0, len(hours))
    load = level * (1 + 0.2 * np.sin(t * 2 * np.pi / 24)
                    + 0.1 * np.cos(t * 2 * np.pi / (24 * 365.25))) + noise
    pd.DataFrame({"when": hours.strftime("%Y-%m-%d %H:%M:%S"), "mw": load.round(1)}).to_csv(
        path, index=False)


def test_each_nodes_backtest_failures_are_published_with_its_name(tmp_path):
    # TOP -> North -> AAA -> {AAA-N, AAA-S}: AAA sums the two, North and TOP take its result
    folder = tmp_path / "z"
    folder.mkdir()
    zone_file(folder / "AAA-N.csv", "2021-01-01", "2024-12-31 23:00", 1000.0)
    zone_file(folder / "AAA-S.csv", "2020-01-01", "2024-12-31 23:00", 400.0)
    (tmp_path / "regions.csv").write_text("Code,Name,Time Zone,Region\n"
                                          "AAA,Alpha,Eastern,North\n")
    path = tmp_path / "zones.yaml"
    path.write_text("region: TOP\nseries_dir: z\nregions: regions.csv\nzone:\n  n_paths: 12\n"
                    "  end_year: 2026\n  profile_year: 2026\n  data_center: none\n"
                    "  backtest: {step: 12, n_paths: 12, min_train: 12,\n"
                    "             candidates: [naive, seasonal_level], peers: [naive]}\n")
    computed = compute_many_zones(path)
    text = many_zones_tables(computed)["backtest_failures.csv"]
    failures = pd.read_csv(StringIO(text), dtype={"origin": str})
    assert list(failures.columns) == ["region", "metric", "model", "origin", "message"]
    assert set(failures["model"]) == {"seasonal_level"}
    assert failures["message"].str.startswith("SeriesTooShortError").all()
    # each node's failures are the origins with fewer months than the model needs
    starts = {"AAA-N": "2021-01", "AAA-S": "2020-01", "AAA": "2021-01"}  # a total: shared hours
    rows = computed.run.backtest_selected
    for node, start in starts.items():
        origins = set(rows.loc[(rows["region"] == node) & (rows["period"].str.len() == 7),
                               "origin"])
        short = {o for o in origins
                 if (pd.Period(o, "M") - pd.Period(start, "M")).n + 1 < NEEDED}
        assert short  # the premise: it has such origins
        for metric in ("energy_gwh", "peak_mw"):
            mine = failures[(failures["region"] == node) & (failures["metric"] == metric)]
            assert set(mine["origin"]) == short, (node, metric)
    # the totals over AAA alone publish its failures under their own names
    for total in ("North", "TOP"):
        mine = failures[failures["region"] == total].drop(columns="region")
        theirs = failures[failures["region"] == "AAA"].drop(columns="region")
        assert mine.reset_index(drop=True).equals(theirs.reset_index(drop=True))
