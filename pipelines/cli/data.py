"""`dcload data history` (print the built history) and `dcload data fetch` (download EIA data
with retries; a bad download never replaces a good copy)."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path

import typer

from forecasting.errors import InputError
from forecasting.paths import DATA_DIR, display_path
from pipelines.cli.options import ConfigOption

DEFAULT_FETCH_DEST = DATA_DIR / "downloads"

data_app = typer.Typer(no_args_is_help=True,
                       help="Curated data: print the built history; fetch EIA data.")


class OutputFormat(StrEnum):
    csv = "csv"
    json = "json"


@data_app.command("history")
def data_history(
    config: Path = ConfigOption,
    output_format: OutputFormat = typer.Option(OutputFormat.csv, "--format", "-f"),
) -> None:
    """Print the built annual history (with provenance of every row)."""
    from forecasting.national import build_history_of, load_inputs

    cfg, data = load_inputs(config)
    built = build_history_of(cfg, data, config)
    if output_format is OutputFormat.json:
        records = built.series.astype(object).where(built.series.notna(), None)
        typer.echo(json.dumps(records.to_dict("records"), indent=2))
    else:
        typer.echo(built.series.to_csv(index=False, float_format="%.4f",
                                       lineterminator="\n"), nl=False)


@data_app.command("fetch")
def fetch_command(
    datasets: list[str] = typer.Argument(
        None, metavar="DATASET",
        help="eia930 (hourly balancing-authority demand) and/or eia-annual (EIA annual "
        "electricity totals); default both."),
    period: str = typer.Option(None, "--period",
                               help="EIA-930 half-year, e.g. 2024H1 (default: the latest "
                               "complete one)."),
    url: str = typer.Option(None, "--url",
                            help="URL (or template with {base_url}, {year}, {half}) to fetch "
                            "instead of the default; one dataset only."),
    base_url: str = typer.Option(None, "--base-url",
                                 help="Replaces https://www.eia.gov in the default URLs."),
    dest: Path = typer.Option(DEFAULT_FETCH_DEST, "--dest", "-d",
                              help="Directory for the downloaded files."),
    retries: int = typer.Option(4, "--retries", min=0, help="Retries after a failed try."),
    backoff: float = typer.Option(2.0, "--backoff", min=0.0,
                                  help="Seconds before the first retry; doubles each time."),
    timeout: float = typer.Option(60.0, "--timeout", min=0.1,
                                  help="Seconds a connection or a read may wait; each try "
                                  "must also finish within 10 times this (10 minutes at "
                                  "the default), or it counts as failed."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only errors."),
) -> None:
    """Download EIA-930 demand and EIA annual totals; a bad download never replaces a good
    copy (exit code 2, one line naming the URL, row and field)."""
    from forecasting.fetch import (
        DATASETS,
        EIA_BASE_URL,
        DestinationError,
        Period,
        RetryPolicy,
        fetch,
    )

    names = list(dict.fromkeys(datasets or DATASETS))
    unknown = [n for n in names if n not in DATASETS]
    if unknown:
        raise InputError("DATASET", f"unknown dataset {unknown[0]!r}; choose from "
                         f"{', '.join(DATASETS)}")
    if url is not None and len(names) != 1:
        raise InputError("--url", "name exactly one dataset with --url")
    try:
        chosen = Period.parse(period) if period else Period.latest_complete()
    except ValueError as exc:
        raise InputError("--period", str(exc)) from None
    policy = RetryPolicy(attempts=retries + 1, backoff_s=backoff, timeout_s=timeout)
    failures = 0
    for name in names:
        dataset = DATASETS[name]
        this_period = chosen if dataset.periodic else None
        try:
            target = dataset.url(base_url=base_url or EIA_BASE_URL, template=url,
                                 period=this_period)
        except ValueError as exc:
            raise InputError("--url", str(exc)) from None

        def on_retry(attempt: int, delay: float, reason: str, target: str = target) -> None:
            if not quiet:
                print(f"{target}: try {attempt} failed ({reason}); retrying in {delay:g} s",
                      file=sys.stderr)

        if not quiet:
            print(f"fetching {name}: {target}", file=sys.stderr)
        try:
            result = fetch(dataset, target, dest, period=this_period, policy=policy,
                           on_retry=on_retry)
        except DestinationError as error:
            raise InputError("--dest", error.message) from None
        except InputError as error:
            print(f"error: {error}", file=sys.stderr)
            failures += 1
            continue
        if not quiet:
            print(f"wrote {display_path(result.path)} ({result.rows} rows, {result.bytes} "
                  f"bytes, sha256 {result.sha256[:12]})", file=sys.stderr)
    if failures:
        raise SystemExit(2)
