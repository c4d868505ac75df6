"""Find where a key path (`["scenarios", 2, "name"]`) stands in a composed YAML tree, so a
validation error can name the line of the offending key; and find a key given twice in one
mapping (YAML readers keep the last silently, so a user's edit below a forgotten line would
be ignored, or an error would name the wrong line)."""

from __future__ import annotations

import yaml

from forecasting.errors import InputError


def locate(node: yaml.Node | None, loc: list) -> tuple[int | None, int]:
    """(1-based line of the deepest part of `loc` found in the tree, how many parts were found)."""
    line, found = None, 0
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == str(part)), None)
            if pair is None:
                break
            line, node = pair[0].start_mark.line + 1, pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
        found += 1
    return line, found


def line_of(node: yaml.Node | None, loc: list) -> int | None:
    """The 1-based line of the deepest part of `loc` that exists in the tree."""
    return locate(node, loc)[0]


def repeated_key(node: yaml.Node | None, path: tuple = ()) -> tuple[list, int, int] | None:
    """(key path, 1-based line of its first and of its second occurrence) of the first key
    given twice in one mapping of the tree, or None."""
    if isinstance(node, yaml.MappingNode):
        first: dict[str, int] = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                line = key.start_mark.line + 1
                if key.value in first:
                    return [*path, key.value], first[key.value], line
                first[key.value] = line
            found = repeated_key(value, (*path, getattr(key, "value", "?")))
            if found:
                return found
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            found = repeated_key(item, (*path, i))
            if found:
                return found
    return None


def refuse_repeated_keys(node: yaml.Node | None, file: str) -> None:
    """Raise `InputError` (file, the line of the second occurrence, the key's dotted path)
    for the first key given twice in one mapping."""
    found = repeated_key(node)
    if found:
        loc, first, second = found
        raise InputError(file, f"key given twice (first on row {first}); keep one",
                         row=second, field=".".join(str(p) for p in loc))
