"""The `dcload` command line (also `python -m pipelines`): one module per command group in
this package (forecast, report, data, regimes, backtest, scenarios, refresh, runs, zones,
vintage), the options they share in `options.py`. Commands are thin: they parse options, call
the library (`forecasting/`) or the publisher (`pipelines/publishing/`), and print.

Exit codes: 0 success, 2 a mistake in the user's input (one line on stderr naming file, row
and field), 1 anything else (a bug: the traceback is printed).
"""

from __future__ import annotations

import sys

import typer

from forecasting.errors import InputError
from pipelines.cli.backtest import backtest_command
from pipelines.cli.data import data_app
from pipelines.cli.forecast import forecast_command
from pipelines.cli.refresh import refresh_command
from pipelines.cli.regimes import regimes_command
from pipelines.cli.report import report_command
from pipelines.cli.runs import runs_app
from pipelines.cli.scenarios import scenarios_app
from pipelines.cli.vintage import vintage_command
from pipelines.cli.zones import zones_app

app = typer.Typer(
    name="dcload", no_args_is_help=True, add_completion=False,
    help="Forecast data-center electricity load: history, scenarios, uncertainty, reports.",
)
app.command("forecast")(forecast_command)
app.command("report")(report_command)
app.add_typer(data_app, name="data")
app.command("regimes")(regimes_command)
app.command("backtest")(backtest_command)
app.add_typer(scenarios_app, name="scenarios")
app.command("refresh")(refresh_command)
app.add_typer(runs_app, name="runs")
app.add_typer(zones_app, name="zones")
app.command("vintage")(vintage_command)


def main() -> None:
    """Entry point: a user's mistake is one line on stderr and exit 2, whether the data or
    config is wrong (InputError) or the command line is (an unknown option, a bad value)."""
    try:
        result = app(standalone_mode=False)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(2)
    except typer.Abort:
        print("aborted", file=sys.stderr)
        sys.exit(1)
    except typer.TyperException as error:  # click's usage errors
        message = error.format_message().strip()
        if message:  # (empty when no arguments were given: the help was printed instead)
            context = getattr(error, "ctx", None)
            command = context.command_path if context is not None else "dcload"
            print(f"error: {message} (see '{command} --help')", file=sys.stderr)
        sys.exit(getattr(error, "exit_code", 2))
    # standalone_mode=False returns the exit code of typer.Exit (e.g. after --help) or None
    sys.exit(result if isinstance(result, int) and not isinstance(result, bool) else 0)
