"""`dcload scenarios`: list, show, validate and reproduce the scenario files."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from pipelines.cli.options import ConfigOption as PipelineConfigOption

scenarios_app = typer.Typer(no_args_is_help=True,
                            help="AI growth scenarios and the published outlooks they reproduce.")

ConfigOption = PipelineConfigOption


def _directory(config: Path):
    from forecasting.io.config_file import load_config

    return load_config(config).scenarios_dir


@scenarios_app.command("list")
def list_command(config: Path = ConfigOption,
                 as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Every scenario file: name, kind (project or preset), driver and what it reproduces."""
    from forecasting.scenarios.catalog import list_scenarios

    table = list_scenarios(_directory(config))
    if as_json:
        typer.echo(json.dumps(table.to_dict("records"), indent=2))
        return
    for row in table.itertuples():
        extra = f"  [reproduces {row.reproduces}]" if row.reproduces else ""
        typer.echo(f"{row.name:<26} {row.kind:<8} {row.driver:<18}{extra}")


@scenarios_app.command("show")
def show_command(name: str, config: Path = ConfigOption,
                 as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """A scenario's description and every parameter with its distribution and source."""
    from forecasting.scenarios.catalog import load_scenario, show_record, show_text

    spec = load_scenario(name, _directory(config))
    if as_json:
        typer.echo(json.dumps(show_record(spec), indent=2, allow_nan=False))
        return
    typer.echo(show_text(spec))


@scenarios_app.command("validate")
def validate_command(file: Path,
                     as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Check a scenario file, a supply-envelope file (one in an envelope/ folder, named
    after a region with a backcast file, or one with only `constraints`), or a backcast
    file (one in a backcast/ folder, as a run reads it); a mistake exits 2
    naming the file, row, parameter's path and why (with --json too: JSON is printed only
    for a valid file)."""
    result = _validated(file)
    if as_json:
        typer.echo(json.dumps(result, indent=2, allow_nan=False))
        return
    if result["kind"] == "backcast":
        typer.echo(f"{file}: backcast assumptions of region '{result['region']}' are valid "
                   f"({result['years']} shipment years, {result['first_year']}-"
                   f"{result['last_year']})")
        return
    if result["kind"] == "envelope":
        limits = [f"{r['limit']} {r['distribution']}" for r in result["limits"]]
        where = "" if result["bounds_scenarios"] else (
            "; it bounds scenarios only as envelope/<region>.yaml beside them")
        typer.echo(f"{file}: supply envelope '{result['name']}' is valid ({len(limits)} limits: "
                   f"{', '.join(limits)}){where}")
        return
    typer.echo(f"{file}: scenario '{result['name']}' is valid ({result['driver']} driver, "
               f"{result['parameters']} parameters)")


def _validated(file: Path) -> dict:
    """What `validate` found in a valid file (an InputError otherwise): kind (scenario or
    envelope), name, and a scenario's driver and number of parameters, or an envelope's
    limits (limit, distribution, p10, p50, p90) and whether it bounds scenarios where it is
    (only as envelope/<region>.yaml)."""
    from forecasting.scenarios.catalog import (
        BACKCAST_DIR,
        in_envelope_folder,
        is_envelope_file,
        load_backcast,
        load_envelope_file,
        load_scenario_file,
    )
    from forecasting.scenarios.constraints import LIMITS

    if file.absolute().parent.name == BACKCAST_DIR.name:  # read as a run reads it
        backcast = load_backcast(file.stem, file.parent)
        years = sorted(backcast.shipments_world_m)
        return {"file": str(file), "valid": True, "kind": "backcast", "name": file.stem,
                "region": backcast.region, "years": len(years), "first_year": years[0],
                "last_year": years[-1]}
    if is_envelope_file(file):
        envelope = load_envelope_file(file)
        if not in_envelope_folder(file) and (file.parent / "envelope").is_dir():
            load_scenario_file(file)   # among scenario files a run refuses it: say so now
        limits = [{"limit": name, "distribution": dist.describe(),
                   **{f"p{q}": dist.quantile(q / 100) for q in (10, 50, 90)}}
                  for name in LIMITS if (dist := getattr(envelope, name)) is not None]
        return {"file": str(file), "valid": True, "kind": "envelope", "name": file.stem,
                "limits": limits, "bounds_scenarios": in_envelope_folder(file)}
    spec = load_scenario_file(file)
    return {"file": str(file), "valid": True, "kind": "scenario", "name": spec.name,
            "driver": spec.driver, "parameters": len(spec.parameter_paths())}


@scenarios_app.command("reproduce")
def reproduce_command(
    config: Path = ConfigOption,
    draws: int = typer.Option(5000, "--draws", min=100),
    seed: int = typer.Option(20241219, "--seed", min=0),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Run every preset and compare its P50 with the published figure it reproduces."""
    from forecasting.national import build_history_of, load_inputs
    from forecasting.scenarios.catalog import load_all
    from forecasting.scenarios.reproduce import reproduce

    cfg, data = load_inputs(config)
    history = build_history_of(cfg, data, config).series
    table = reproduce(history, specs=load_all(cfg.scenarios_dir), n=draws, seed=seed,
                      directory=cfg.scenarios_dir)
    if as_json:
        typer.echo(json.dumps(table.to_dict("records"), indent=2))
        return
    typer.echo(table.to_string(index=False, float_format=lambda v: f"{v:.4g}"))
