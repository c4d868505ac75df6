"""A total with a single child (a region of one BA, a BA of one zone) is its child's load,
and the run publishes its child's paths for it: it takes the result of the node below it
rather than being fitted, simulated and backtested for nothing
(`forecasting.many_zones.same_load`). Measured on three EIA zones with the cheapest model:
5 parent totals took 14.2 s, 3 of them single-child; 2 are fitted now."""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.many_zones import compute
from forecasting.many_zones.compute import compute_many_zones
from forecasting.many_zones.node_task import run_node
from forecasting.progress import Timings


def zone_file(path, start: str, end: str, level: float) -> None:
    hours = pd.date_range(start, end, freq="h")
    t = np.arange(len(hours))
    noise = np.random.default_rng(int(level)).normal(0.0, 5.0, len(hours))
    load = level * (1 + 0.2 * np.sin(t * 2 * np.pi / 24)
                    + 0.1 * np.cos(t * 2 * np.pi / (24 * 365.25))) + noise
    pd.DataFrame({"when": hours.strftime("%Y-%m-%d %H:%M:%S"), "mw": load.round(1)}).to_csv(
        path, index=False)


def config(tmp_path, zones: dict[str, tuple[str, str, float]], origin: str = "'2023-12'"):
    folder = tmp_path / "z"
    folder.mkdir()
    for name, (start, end, level) in zones.items():
        zone_file(folder / f"{name}.csv", start, end, level)
    (tmp_path / "regions.csv").write_text("Code,Name,Time Zone,Region\n"
                                          "AAA,Alpha,Eastern,North\nCCC,Gamma,Central,South\n")
    path = tmp_path / "zones.yaml"
    path.write_text("region: TOP\nseries_dir: z\nregions: regions.csv\nzone:\n  n_paths: 12\n"
                    "  end_year: 2026\n  profile_year: 2026\n"
                    f"  backtest: {{first_origin: {origin}, step: 12, n_paths: 12,\n"
                    "             candidates: [seasonal_naive], peers: [seasonal_naive]}\n")
    return path


def counted(monkeypatch) -> list[str]:
    ran: list[str] = []

    def run(task):
        ran.append(task.node)
        return run_node(task)

    monkeypatch.setattr(compute, "run_node", run)
    return ran


def test_a_single_child_total_takes_its_childs_result_unfitted(tmp_path, monkeypatch):
    # TOP -> North -> AAA -> {AAA-N, AAA-S}; TOP -> South -> CCC (a BA of no sub-zone)
    path = config(tmp_path, {"AAA-N": ("2022-01-01", "2024-12-31 23:00", 1000.0),
                             "AAA-S": ("2022-01-01", "2024-12-31 23:00", 400.0),
                             "CCC": ("2022-01-01", "2024-12-31 23:00", 700.0)})
    ran = counted(monkeypatch)
    timings = Timings()
    run = compute_many_zones(path, progress=timings).run
    assert sorted(ran) == ["AAA", "AAA-N", "AAA-S", "CCC", "TOP"]   # not North, nor South
    assert "fit and simulate 2 parent totals" in timings.timings
    assert "take 2 single-child totals from the node below (the same load)" in timings.timings
    assert run.reconciliation["same_load"] == {"North": "AAA", "South": "CCC"}
    # each publishes its child's numbers under its own name, and its history's coincidence
    tables = (run.forecast, run.peaks, run.peak_check, run.history, run.backtest_summary,
              run.backtest_selected)
    for total, child in (("North", "AAA"), ("South", "CCC")):
        for table in tables:
            mine = table[table["region"] == total].drop(columns="region")
            assert len(mine) and mine.reset_index(drop=True).equals(
                table[table["region"] == child].drop(columns="region").reset_index(drop=True))
        mine = run.coincidence[run.coincidence["region"] == total]
        years = run.history[(run.history["region"] == child) & run.history["complete"]
                            & (run.history["period"].str.len() == 4)]
        assert mine["year"].astype(str).tolist() == years["period"].tolist()
        assert (mine["coincidence_factor"] == 1.0).all()   # its peak is its child's
    zones = run.zones.set_index("region")
    assert (zones.loc[["North", "South"], "status"] == "ok").all()


def test_a_single_child_total_over_a_failed_total_runs_as_before(tmp_path, monkeypatch):
    # AAA's zones share 2022-01..2023-06 only: AAA fails, and North over it runs (and fails
    # the same way, naming itself), as no node below it carries the load
    path = config(tmp_path, {"AAA-N": ("2021-01-01", "2023-06-30 23:00", 1000.0),
                             "AAA-S": ("2022-01-01", "2024-12-31 23:00", 400.0),
                             "CCC": ("2022-01-01", "2024-12-31 23:00", 700.0)}, origin="null")
    ran = counted(monkeypatch)
    run = compute_many_zones(path).run
    assert sorted(ran) == ["AAA", "AAA-N", "AAA-S", "CCC", "North", "TOP"]
    reasons = dict(run.failed)
    assert reasons["North"].startswith("total North (region level, sum of 2 zones): its "
                                       "zones ran, but the hours they all cover")
    assert run.reconciliation["same_load"] == {"South": "CCC"}
