"""The `dcload` command line (also `python -m forecasting`).

Exit codes: 0 success, 2 a mistake in the user's input (one line on stderr naming file, row
and field), 1 anything else (a bug: the traceback is printed).
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path

import typer

from forecasting.errors import InputError
from forecasting.paths import DEFAULT_PIPELINE, LATEST_DIR
from pipelines.refresh.cli import fetch_command, refresh_command, runs_app

app = typer.Typer(
    name="dcload", no_args_is_help=True, add_completion=False,
    help="Forecast data-center electricity load: history, scenarios, uncertainty, reports.",
)
data_app = typer.Typer(no_args_is_help=True,
                       help="Curated data: print the built history; fetch EIA data.")
app.add_typer(data_app, name="data")

ConfigOption = typer.Option(DEFAULT_PIPELINE, "--config", "-c", help="Pipeline YAML file.")


class OutputFormat(StrEnum):
    csv = "csv"
    json = "json"


@app.command()
def forecast(
    config: Path = ConfigOption,
    output_dir: Path = typer.Option(None, "--output-dir", "-o",
                                    help="Where to publish (default reports/latest)."),
    draws: int = typer.Option(None, "--draws", min=100,
                              help="Monte Carlo draws (overrides config)."),
    seed: int = typer.Option(None, "--seed", min=0, help="Random seed (overrides config)."),
    scenario: str = typer.Option(None, "--scenario", "-s",
                                 help="Run only this scenario (any in `dcload scenarios list`)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress output (for cron)."),
) -> None:
    """Run the pipeline and publish its tables and report (default reports/latest)."""
    from pipelines.runner import run_forecast

    run_forecast(config, output_dir=output_dir, draws=draws, seed=seed, scenario=scenario,
                 quiet=quiet)


@app.command()
def report(
    run_dir: Path = typer.Option(LATEST_DIR, "--run-dir", help="A published run directory."),
) -> None:
    """Render index.html again from a published run's own files (works on archived runs)."""
    from pipelines.rerender import rerender_report

    written = rerender_report(run_dir)
    typer.echo(f"wrote {written}", err=True)


@data_app.command("history")
def data_history(
    config: Path = ConfigOption,
    output_format: OutputFormat = typer.Option(OutputFormat.csv, "--format", "-f"),
) -> None:
    """Print the built annual history (with provenance of every row)."""
    from pipelines.runner import build, load_inputs

    cfg, data = load_inputs(config)
    built = build(cfg, data, config)
    if output_format is OutputFormat.json:
        records = built.series.astype(object).where(built.series.notna(), None)
        typer.echo(json.dumps(records.to_dict("records"), indent=2))
    else:
        typer.echo(built.series.to_csv(index=False, float_format="%.4f",
                                       lineterminator="\n"), nl=False)


from forecasting.commands.backtest import backtest_command  # noqa: E402
from forecasting.commands.regimes import regimes_command  # noqa: E402
from forecasting.commands.scenarios import scenarios_app  # noqa: E402

app.command("regimes")(regimes_command)
app.command("backtest")(backtest_command)
app.add_typer(scenarios_app, name="scenarios")
app.command("refresh")(refresh_command)
app.add_typer(runs_app, name="runs")
data_app.command("fetch")(fetch_command)


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
