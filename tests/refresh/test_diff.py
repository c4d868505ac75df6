"""`diff_runs`: headline changes, data changes and assumption changes as dotted paths."""

from __future__ import annotations

import pandas as pd

from forecasting.runs.diff import RunSnapshot, config_changes, diff_runs, flatten, format_diff


def forecast(p50_2030: float, years=(2025, 2028, 2030, 2035)) -> pd.DataFrame:
    rows = []
    for scenario in ("momentum", "ai-growth"):
        for year in years:
            p50 = p50_2030 if year == 2030 else 100.0
            for metric in ("twh", "avg_gw"):
                rows.append({"region": "US", "scenario": scenario, "year": year,
                             "metric": metric, "mean": p50, "p05": p50 - 20,
                             "p10": p50 - 10, "p50": p50, "p90": p50 + 10, "p95": p50 + 20})
    return pd.DataFrame(rows)


CONFIG = {"region": "US", "history": {"splice": "ratio", "source_priority": ["a", "b"]},
          "scenarios": [{"name": "momentum", "driver": "momentum"},
                        {"name": "ai-growth", "growth_rate": {"dist": "triangular",
                                                              "high": 0.27}}]}


def test_flatten_names_list_items_by_their_name():
    flat = flatten(CONFIG)
    assert flat["scenarios[ai-growth].growth_rate.high"] == 0.27
    assert flat["history.source_priority"] == ["a", "b"]
    assert flat["region"] == "US"


def test_config_changes_are_dotted_paths_old_to_new():
    new = {**CONFIG, "history": {"splice": "difference", "source_priority": ["b", "a"]},
           "scenarios": [CONFIG["scenarios"][0],
                         {"name": "ai-growth", "growth_rate": {"dist": "triangular",
                                                               "high": 0.30},
                          "until_year": 2028}]}
    changes = {c["path"]: (c["change"], c["old"], c["new"]) for c in config_changes(CONFIG, new)}
    assert changes == {
        "history.splice": ("modified", "ratio", "difference"),
        "history.source_priority": ("modified", ["a", "b"], ["b", "a"]),
        "scenarios[ai-growth].growth_rate.high": ("modified", 0.27, 0.30),
        "scenarios[ai-growth].until_year": ("added", None, 2028),
    }


def test_diff_runs_reports_headline_data_and_assumption_changes():
    old = RunSnapshot({"run_id": "A", "inputs": {"data/x.csv": "1" * 64, "cfg.yaml": "2" * 64},
                       "config": CONFIG, "packages": {"dcload": "0.1.0"}}, forecast(500.0))
    new_config = {**CONFIG, "region": "US-East"}
    new = RunSnapshot({"run_id": "B", "inputs": {"data/x.csv": "3" * 64, "cfg.yaml": "2" * 64,
                                                 "data/y.csv": "4" * 64},
                       "config": new_config, "packages": {"dcload": "0.2.0"}},
                      forecast(550.0, years=(2025, 2028, 2030)))
    diff = diff_runs(old, new)
    assert diff["old"]["run_id"] == "A" and diff["new"]["run_id"] == "B"
    head = {(h["scenario"], h["year"]): h for h in diff["headline"]}
    assert head[("ai-growth", 2030)]["change"] == {"p10": 50.0, "p50": 50.0, "p90": 50.0}
    assert head[("ai-growth", 2030)]["change_pct"] == 10.0
    assert head[("momentum", 2025)]["change"]["p50"] == 0.0
    assert head[("momentum", 2035)]["new"] is None and head[("momentum", 2035)]["change"] is None
    assert [(d["file"], d["change"]) for d in diff["data_changes"]] == [
        ("data/x.csv", "modified"), ("data/y.csv", "added")]
    assert diff["assumption_changes"] == [
        {"path": "region", "change": "modified", "old": "US", "new": "US-East"}]
    assert diff["version_changes"] == [{"package": "dcload", "old": "0.1.0", "new": "0.2.0"}]
    text = format_diff(diff)
    assert "region: \"US\" -> \"US-East\"" in text
    assert "+50.0 (+10.0%)" in text
    assert "data/y.csv: added" in text


def test_a_run_with_year_compares_with_a_run_with_period():
    """Runs before dcload 0.3 wrote `year`; newer ones write `period` (YYYY): a diff across the
    change compares the same years."""
    old = RunSnapshot({"run_id": "A"}, forecast(500.0))
    published = forecast(550.0).rename(columns={"year": "period"})
    published["period"] = published["period"].astype(str)
    diff = diff_runs(old, RunSnapshot({"run_id": "B"}, published))
    head = {(h["scenario"], h["year"]): h for h in diff["headline"]}
    assert head[("ai-growth", 2030)]["change_pct"] == 10.0
    assert all(h["old"] is not None and h["new"] is not None for h in diff["headline"])


def test_zone_runs_are_compared_on_their_annual_peak():
    def zone(peak_2030: float) -> pd.DataFrame:
        rows = []
        for period in ("2030", "2030-07"):
            for metric, value in (("energy_gwh", 150000.0), ("peak_mw", peak_2030)):
                rows.append({"region": "PJM-DOM", "scenario": "vetted", "component": "total",
                             "period": period, "metric": metric, "mean": value,
                             "p05": value, "p10": value, "p50": value, "p90": value,
                             "p95": value})
        return pd.DataFrame(rows)

    diff = diff_runs(RunSnapshot({"run_id": "A"}, zone(30000.0)),
                     RunSnapshot({"run_id": "B"}, zone(33000.0)))
    assert [(h["scenario"], h["year"], h["metric"]) for h in diff["headline"]] == [
        ("vetted", 2030, "peak_mw")]
    assert diff["headline"][0]["change_pct"] == 10.0
    assert "annual peak MW" in format_diff(diff)


def test_a_file_moved_with_its_content_is_one_move_not_a_removal_and_an_addition():
    # a config copied elsewhere with its scenario files listed each of them twice (fuzz 9b D8)
    from forecasting.runs.diff import report_changes

    same, other = "5" * 64, "6" * 64
    old = RunSnapshot({"run_id": "A", "inputs": {"pipelines/s/high-ai.yaml": same,
                                                 "pipelines/s/momentum.yaml": other,
                                                 "data/x.csv": "1" * 64},
                       "config": CONFIG}, forecast(500.0))
    new = RunSnapshot({"run_id": "B", "inputs": {"cfg/s/high-ai.yaml": same,
                                                 "cfg/s/momentum.yaml": "7" * 64,
                                                 "data/x.csv": "1" * 64},
                       "config": CONFIG}, forecast(500.0))
    diff = diff_runs(old, new)
    assert [(d["file"], d["change"], d.get("old_file")) for d in diff["data_changes"]] == [
        ("cfg/s/high-ai.yaml", "moved", "pipelines/s/high-ai.yaml"),
        ("cfg/s/momentum.yaml", "added", None),
        ("pipelines/s/momentum.yaml", "removed", None)]
    assert "cfg/s/high-ai.yaml: moved from pipelines/s/high-ai.yaml (same content" \
        in format_diff(diff)
    moved = report_changes(diff)["data"][0]
    assert moved["old_path"] == "pipelines/s/high-ai.yaml" and moved["change"] == "moved"
