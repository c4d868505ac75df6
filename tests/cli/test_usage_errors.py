"""Command-line mistakes get one line on stderr and exit 2, like bad data or config."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli


@pytest.mark.parametrize(
    ("args", "names", "command"),
    [
        (["forecast", "--bogus"], "--bogus", "forecast"),
        (["backtest", "--series", "x.csv", "--horizon", "soon", "--out", "o.csv"], "--horizon",
         "backtest"),
        (["scenarios", "show"], "name", "scenarios show"),
        (["runs", "list", "--bogus"], "--bogus", "runs list"),
        (["nosuch"], "nosuch", ""),
    ],
)  # fmt: skip
def test_a_command_line_mistake_is_one_line_naming_it(args, names, command):
    done = run_cli(*args)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    line = lines[0]
    assert line.startswith("error: ") and names in line
    assert "--help" in line and command in line
    assert "Traceback" not in done.stderr and "╭" not in done.stderr
    assert done.stdout == ""


def test_help_still_exits_0_and_no_arguments_still_show_the_help():
    done = run_cli("--help")
    assert done.returncode == 0 and "forecast" in done.stdout and done.stderr == ""
    bare = run_cli()
    assert bare.returncode == 2 and "Usage" in bare.stdout and "error" not in bare.stderr


def test_help_and_mistakes_answer_without_loading_the_models():
    """`dcload --help` and a mistyped command answer at once: the CLI loads pandas, the
    models and the publisher only when a command runs (they took 5-10 s to import)."""
    import subprocess
    import sys

    heavy = ("pandas", "statsforecast", "statsmodels", "prophet", "dask", "forecasting.models")
    probe = ("import sys; import pipelines.cli; "
             f"print(','.join(m for m in {heavy!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "", f"imported at startup: {done.stdout.strip()}"
