"""A YAML config file validated by a pydantic model, every mistake as one `InputError`
naming the file, the line of the offending key (`row`) and its dotted path (`field`), e.g.
`pipelines/x.yaml, row 7, field 'history.splice': ...`. The national, zone and many-zone
config readers all go through `validated_yaml`."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from forecasting.errors import InputError
from forecasting.io.yaml_lines import line_of, refuse_repeated_keys
from forecasting.paths import display_path


def validated_yaml(path: Path, model):
    """The file at `path` read as YAML and validated as `model` (an instance of it)."""
    path = Path(path)
    name = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(name, "config file not found") from None
    except (UnicodeDecodeError, IsADirectoryError) as exc:
        raise InputError(name, f"cannot read the config file ({exc})") from None
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(name, f"not valid YAML: {problem}", row=row) from None
    refuse_repeated_keys(node, name)
    if not isinstance(data, dict):
        raise InputError(name, "the config must be a mapping of keys to values")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = [part for part in error["loc"] if not str(part).startswith("function-")]
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = "unknown key"
        elif error["type"] == "missing":
            beside, row = _unknown_beside(exc, node, loc)
            message = "required key is missing" + beside
            if row is not None:  # the line of what was written instead
                raise InputError(name, message, row=row,
                                 field=".".join(str(p) for p in loc) or None) from None
        elif ("input" in error and not isinstance(error["input"], dict | list)
              and "(got " not in message):   # a message that quotes the value already
            message += f" (got {error['input']!r})"
        raise InputError(name, message, row=line_of(node, loc),
                         field=".".join(str(p) for p in loc) or None) from None


def _unknown_beside(exc: ValidationError, node, loc: list) -> tuple[str, int | None]:
    """For a missing key: the unknown keys of the same mapping (a misspelt section, such as
    `national_totl:`, is both), so the one line names what the user wrote."""
    parent = loc[:-1]
    unknown = [e["loc"] for e in exc.errors() if e["type"] == "extra_forbidden"
               and list(e["loc"][:-1]) == parent]
    if not unknown:
        return "", None
    said = ", ".join(f"'{where[-1]}'" for where in unknown)
    return (f"; the same level has the unknown key(s) {said}: misspelt?",
            line_of(node, list(unknown[0])))
