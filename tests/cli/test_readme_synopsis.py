"""The README's command synopsis (the block under "## Command line") against the commands:
every option it gives a command is one the command has (fuzz 13a D17: `scenarios show NAME
--json` and `scenarios validate FILE --json` were promised and answered "No such option")."""

from __future__ import annotations

import re

import typer.main

from forecasting.paths import ROOT
from pipelines.cli import app


def synopsis_lines() -> list[str]:
    """The synopsis' commands, each with its continuation lines joined to it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## Command line", 1)[1].split("```", 2)[1]
    lines: list[str] = []
    for raw in block.splitlines():
        if raw.startswith("dcload"):
            lines.append(raw)
        elif raw.strip() and lines:
            lines[-1] += " " + raw.strip()
    return lines


def commands_of(line: str) -> list[tuple[str, object]]:
    """The commands a synopsis line is about: `dcload forecast ...`, or a group's
    subcommands named before its options (`dcload runs list | show ID | diff A B [...]`)."""
    root = typer.main.get_command(app)
    head = re.split(r"\[|--", line, maxsplit=1)[0].split()[1:]
    command = root.commands[head[0]]
    if not hasattr(command, "commands"):
        return [(head[0], command)]
    words = [w for token in head[1:] for w in token.split("|")]
    return [(f"{head[0]} {w}", command.commands[w]) for w in words if w in command.commands]


def test_every_option_of_the_synopsis_is_one_the_command_has():
    lines = synopsis_lines()
    assert len(lines) >= 10
    missing = []
    for line in lines:
        given = set(re.findall(r"(?<![\w-])(--[a-zA-Z][\w-]*)", line))
        commands = commands_of(line)
        assert commands, line
        for name, command in commands:
            has = {o for p in command.params for o in (*p.opts, *p.secondary_opts)}
            missing += [f"dcload {name} {option}" for option in sorted(given - has)]
    assert not missing, missing


def test_every_option_of_a_command_is_in_its_synopsis_line():
    """The other way: a command's long options all appear on a synopsis line naming it (the
    synopsis had left out `runs list --limit/--status`, `scenarios ... --config` and
    `scenarios reproduce --draws/--seed`). `backtest` shares the series options of
    `regimes` ("[same series options]"), so those count for it; `--help` is every command's."""
    given: dict[str, set[str]] = {}
    for line in synopsis_lines():
        options = set(re.findall(r"(?<![\w-])(--[a-zA-Z][\w-]*)", line))
        for name, _ in commands_of(line):
            given.setdefault(name, set()).update(options)
    if "same series options" in " ".join(synopsis_lines()):
        given["backtest"] = given.get("backtest", set()) | given.get("regimes", set())
    missing = []
    for line in synopsis_lines():
        for name, command in commands_of(line):
            has = {o for p in command.params for o in p.opts if o.startswith("--")}
            missing += [f"dcload {name} {o}" for o in sorted(has - given[name] - {"--help"})]
    assert not missing, missing
