"""Small input mistakes found by fuzzing, each blamed where the user can fix it: a UTF-8 BOM
(what spreadsheet programs write) is not part of the first column's name; a misspelt section
names what was written as well as what is missing; an unknown `--scenario` blames the option,
not the config file."""

from __future__ import annotations

from tests.conftest import Workspace, run_cli


def one_line(done) -> str:
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    return lines[0]


def test_a_bom_at_the_start_of_a_csv_is_read_as_utf8(workspace: Workspace):
    plain = run_cli("data", "history", "--config", str(workspace.config))
    workspace.observations.write_bytes(b"\xef\xbb\xbf" + workspace.observations.read_bytes())
    done = run_cli("data", "history", "--config", str(workspace.config))
    assert done.returncode == 0, done.stderr
    assert done.stdout == plain.stdout


def test_a_misspelt_section_names_the_unknown_key_and_its_line(workspace: Workspace):
    text = workspace.config.read_text()
    row = next(i for i, line in enumerate(text.splitlines(), 1)
               if line.startswith("national_total:"))
    workspace.config.write_text(text.replace("national_total:", "national_totl:", 1))
    line = one_line(run_cli("data", "history", "--config", str(workspace.config)))
    assert f"us_national.yaml, row {row}, field 'national_total'" in line, line
    assert "'national_totl'" in line


def test_an_unknown_scenario_option_blames_the_option(workspace: Workspace):
    out = workspace.root / "out"
    line = one_line(run_cli("forecast", "--config", str(workspace.config), "--output-dir",
                            str(out), "--scenario", "nosuch", "--quiet"))
    assert line.startswith("error: --scenario: unknown scenario 'nosuch'"), line
    assert "us_national.yaml" not in line and "momentum" in line
    assert not out.exists()


def test_draws_over_the_configs_bound_are_refused_like_the_config_key(tmp_path):
    # `--draws` skipped the config's bound: a zone run asked for 10 million paths was a
    # MemoryError traceback after minutes of fitting
    for config, draws, said in [("pipelines/pjm_dom.yaml", "200000", "100,000 paths per zone"),
                                ("pipelines/us_national.yaml", "2000000", "1,000,000 draws")]:
        out = tmp_path / "out"
        done = run_cli("forecast", "--config", config, "--draws", draws, "--output-dir",
                       str(out))
        assert one_line(done) == f"error: --draws: at most {said} (got {int(draws):,})"
        assert not out.exists()


def test_draws_under_the_configs_bound_are_refused_naming_that_bound(tmp_path):
    # the option itself had refused anything under 100, a zone's 50 too, though a zone's
    # n_paths runs from 10 (fuzz 14, J4): each kind of config now holds --draws to its own
    for config, draws, said in [("pipelines/pjm_dom.yaml", "9", "10 paths per zone"),
                                ("pipelines/us_national.yaml", "50", "100 draws"),
                                ("pipelines/us_national.yaml", "-1", "100 draws")]:
        out = tmp_path / "out"
        done = run_cli("forecast", "--config", config, "--draws", draws, "--output-dir",
                       str(out))
        assert one_line(done) == f"error: --draws: at least {said} (got {int(draws):,})"
        assert not out.exists()
