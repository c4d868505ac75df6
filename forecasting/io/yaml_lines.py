"""Find where a key path (`["scenarios", 2, "name"]`) stands in a composed YAML tree, so a
validation error can name the line of the offending key."""

from __future__ import annotations

import yaml


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
