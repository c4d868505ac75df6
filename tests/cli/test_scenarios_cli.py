"""`dcload scenarios`: list, show, validate, and the published outlooks reproduced."""

from __future__ import annotations

import json

from forecasting.paths import DATA_DIR
from forecasting.scenarios.catalog import describe_scenario, load_scenario, load_scenario_file
from tests.conftest import run_in_process

# published_figures.md section 2 (LBNL, EPRI, IEA US): the figures the presets must reproduce
PUBLISHED = {("lbnl2024", 2028, 325.0), ("lbnl2024", 2028, 580.0), ("epri2024", 2030, 196.9),
             ("epri2024", 2030, 214.9), ("epri2024", 2030, 297.6), ("epri2024", 2030, 406.2),
             ("iea2025", 2030, 426.0)}


def test_reproduce_matches_every_published_figure_within_2_percent(cli):
    done = cli("scenarios", "reproduce", "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert {(r["source_id"], r["year"], r["published"]) for r in rows} == PUBLISHED
    for row in rows:
        assert set(row) == {"source_id", "scenario", "year", "published", "preset", "p50",
                            "ratio"}
        assert abs(row["ratio"] - 1) <= 0.02, row


def test_list_and_show(cli):
    listed = json.loads(cli("scenarios", "list", "--json").stdout)
    names = {r["name"] for r in listed}
    assert {"momentum", "efficiency-offset", "moderate-ai", "high-ai", "grid-constrained",
            "efficiency-breakthrough", "rebound"} <= names
    assert {r["name"] for r in listed if r["kind"] == "preset"} == {
        "lbnl2024-low", "lbnl2024-high", "epri2024-low", "epri2024-moderate", "epri2024-high",
        "epri2024-higher", "iea2025-us-base"}
    shown = cli("scenarios", "show", "high-ai")
    assert shown.returncode == 0 and "fleet.utilization" in shown.stdout


def test_validate_names_the_parameter_path(cli, tmp_path):
    good = cli("scenarios", "validate", str(DATA_DIR / "scenarios" / "high-ai.yaml"))
    assert good.returncode == 0 and "valid" in good.stdout
    text = (DATA_DIR / "scenarios" / "high-ai.yaml").read_text()
    bad = tmp_path / "high-ai.yaml"
    bad.write_text(text.replace("  lifetime:", "  lifetime: 0\n  ignored:", 1))
    done = cli("scenarios", "validate", str(bad))
    assert done.returncode == 2
    line = done.stderr.strip()
    assert "\n" not in line and "Traceback" not in line
    assert "high-ai.yaml" in line and "field 'scenarios.high-ai.fleet." in line
    unknown = cli("scenarios", "show", "no-such-scenario")
    assert unknown.returncode == 2 and "unknown scenario 'no-such-scenario'" in unknown.stderr


def test_validate_checks_a_supply_envelope_file(monkeypatch, capsys, tmp_path):
    """An envelope file (in an envelope/ folder, or a copy elsewhere) is checked as the run
    checks it: it was read as a scenario and refused for lacking a name."""
    shipped = DATA_DIR / "scenarios" / "envelope" / "us.yaml"
    code, out, err = run_in_process(monkeypatch, capsys, "scenarios", "validate", str(shipped))
    assert code == 0, err
    assert out.count("\n") == 1 and "supply envelope 'us' is valid (3 limits:" in out
    assert "max_share_pct pert(12, 16, 20)" in out
    text = shipped.read_text(encoding="utf-8")
    for where, old, new, field, unit in (
            ("envelope/us.yaml", "low: 12, mode: 16, high: 20", "low: 0.12, mode: 0.16, high: 0.2",
             "constraints.max_share_pct.low", "a percent"),
            ("edited.yaml", "high: 0.45", "high: 45", "constraints.max_growth_per_year.high",
             "a fraction per year")):
        path = tmp_path / where
        path.parent.mkdir(exist_ok=True)
        edited = text.replace(old, new)
        path.write_text(edited, encoding="utf-8")
        row = 1 + next(i for i, line in enumerate(edited.splitlines()) if new in line)
        code, out, err = run_in_process(monkeypatch, capsys, "scenarios", "validate", str(path))
        assert code == 2 and out == "", err
        line = err.strip()
        assert "\n" not in line and "Traceback" not in line
        assert f"{path.name}, row {row}, field '{field}'" in line and unit in line, line


def test_show_json_is_the_shown_page_as_data(monkeypatch, capsys):
    # fuzz 13a D17: the README gives `scenarios show NAME [--json]`; it was "No such option"
    code, out, err = run_in_process(monkeypatch, capsys, "scenarios", "show", "lbnl2024-high",
                                    "--json")
    assert code == 0, err
    shown = json.loads(out)
    code, out, _ = run_in_process(monkeypatch, capsys, "scenarios", "list", "--json")
    listed = next(r for r in json.loads(out) if r["name"] == "lbnl2024-high")
    assert {k: shown[k] for k in listed} == listed
    spec = load_scenario("lbnl2024-high")
    assert [p["parameter"] for p in shown["parameters"]] == list(describe_scenario(spec)
                                                                  ["parameter"])
    rows = {p["parameter"]: p for p in shown["parameters"]}
    assert rows["fleet.utilization"]["p10"] < rows["fleet.utilization"]["p90"]
    assert rows["baseline.kind"]["p50"] is None   # a switch: no quantiles (JSON has no NaN)
    assert shown["correlations"][0]["parameters"] == ["fleet.shipments_growth",
                                                      "fleet.board_power_growth"]


def test_validate_json_says_what_a_valid_file_holds(monkeypatch, capsys, tmp_path):
    # fuzz 13a D17: `scenarios validate FILE [--json]` was "No such option: --json"
    scenario = DATA_DIR / "scenarios" / "high-ai.yaml"
    code, out, err = run_in_process(monkeypatch, capsys, "scenarios", "validate",
                                    str(scenario), "--json")
    assert code == 0, err
    found = json.loads(out)
    assert found["valid"] and found["kind"] == "scenario" and found["name"] == "high-ai"
    assert found["parameters"] == len(load_scenario_file(scenario).parameter_paths())
    envelope = DATA_DIR / "scenarios" / "envelope" / "us.yaml"
    code, out, err = run_in_process(monkeypatch, capsys, "scenarios", "validate",
                                    str(envelope), "--json")
    assert code == 0, err
    found = json.loads(out)
    assert found["kind"] == "envelope" and found["bounds_scenarios"] is True
    limits = {r["limit"]: r for r in found["limits"]}
    assert limits["max_share_pct"]["distribution"] == "pert(12, 16, 20)"
    assert limits["max_share_pct"]["p10"] < limits["max_share_pct"]["p50"] == 16
    # a mistake is still one line on stderr and exit 2, with nothing on stdout
    bad = tmp_path / "high-ai.yaml"
    bad.write_text(scenario.read_text().replace("  lifetime:", "  lifetime: 0\n  ignored:", 1))
    code, out, err = run_in_process(monkeypatch, capsys, "scenarios", "validate", str(bad),
                                    "--json")
    assert code == 2 and out == "" and err.count("\n") == 1 and "high-ai.yaml" in err


def test_validate_checks_a_backcast_file_as_a_run_reads_it(monkeypatch, capsys, tmp_path):
    """The shipped backcast file every national run reads was refused by `validate` as a
    scenario with an unknown key (fuzz 13a D19); in a backcast/ folder it is checked as the
    run checks it, a broken copy still refused naming its row and field."""
    shipped = DATA_DIR / "scenarios" / "backcast" / "us.yaml"
    code, out, err = run_in_process(monkeypatch, capsys, "scenarios", "validate", str(shipped))
    assert code == 0, err
    assert "backcast assumptions of region 'US' are valid" in out and out.count("\n") == 1
    code, out, err = run_in_process(monkeypatch, capsys, "scenarios", "validate", str(shipped),
                                    "--json")
    assert code == 0, err
    assert json.loads(out)["kind"] == "backcast" and json.loads(out)["region"] == "US"
    broken = tmp_path / "backcast" / "us.yaml"
    broken.parent.mkdir()
    text = shipped.read_text(encoding="utf-8")
    broken.write_text(text.replace("region: US", "region: EU", 1), encoding="utf-8")
    row = 1 + text.splitlines().index("region: US")
    code, out, err = run_in_process(monkeypatch, capsys, "scenarios", "validate", str(broken))
    assert code == 2 and out == "", err
    assert f"us.yaml, row {row}, field 'backcast.region'" in err.strip(), err
