"""Find where a key path (`["scenarios", 2, "name"]`) stands in a composed YAML tree, so a
validation error can name the line of the offending key; and find a key given twice in one
mapping (YAML readers keep the last silently, so a user's edit below a forgotten line would
be ignored, or an error would name the wrong line); and refuse anchors and aliases that
expand a small file into a huge tree (a "billion laughs": nine levels of nine aliases are 387
million values). An alias is the same node object as its anchor in the composed tree, so
every walk here visits each node once, never the expanded tree."""

from __future__ import annotations

import yaml

from forecasting.errors import InputError

#: most values (scalars, lists and mappings) a file may expand to through its aliases; every
#: shipped YAML file holds a few hundred without any alias, and no alias is needed to write one
MAX_EXPANDED_VALUES = 100_000


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


def key_line(path, dotted: str) -> int | None:
    """The 1-based line of a dotted key (``backtest.first_origin``) in the YAML file at
    `path`, or None when it is not written there (or the file cannot be read again: the
    line is a nicety of a message about a file already read)."""
    from pathlib import Path

    try:
        node = yaml.compose(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None
    return line_of(node, dotted.split("."))


def repeated_key(node: yaml.Node | None, path: tuple = (),
                 seen: set[int] | None = None) -> tuple[list, int, int] | None:
    """(key path, 1-based line of its first and of its second occurrence) of the first key
    given twice in one mapping of the tree, or None. Each node is looked at once: a mapping
    reached again through an alias was checked at its anchor."""
    seen = set() if seen is None else seen
    if node is None or id(node) in seen:
        return None
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        first: dict[str, int] = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                line = key.start_mark.line + 1
                if key.value in first:
                    return [*path, key.value], first[key.value], line
                first[key.value] = line
            found = repeated_key(value, (*path, getattr(key, "value", "?")), seen)
            if found:
                return found
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            found = repeated_key(item, (*path, i), seen)
            if found:
                return found
    return None


def alias_bomb(node: yaml.Node | None, limit: int = MAX_EXPANDED_VALUES) -> int | None:
    """The 1-based line of the innermost list or mapping that aliases expand to more than
    `limit` values (counting itself and everything in it), or None. Linear in the number of
    distinct nodes: each node's expanded size is worked out once."""
    sizes: dict[int, int] = {}
    found: list[int] = []

    def size(n: yaml.Node) -> int:
        known = sizes.get(id(n))
        if known is not None:
            return known
        sizes[id(n)] = 1  # a node inside itself (a recursive alias) counts once
        total = 1
        if isinstance(n, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in n.value)
        elif isinstance(n, yaml.SequenceNode):
            total += sum(size(item) for item in n.value)
        if total > limit and not found:
            found.append(n.start_mark.line + 1)
        sizes[id(n)] = total
        return total

    if node is None:
        return None
    total = size(node)
    if total <= limit or len(sizes) >= total:  # no alias adds anything: a big file, no bomb
        return None
    return found[0] if found else node.start_mark.line + 1


def refuse_repeated_keys(node: yaml.Node | None, file: str) -> None:
    """Raise `InputError` (file, the line of the second occurrence, the key's dotted path)
    for the first key given twice in one mapping; and (file, the line) for anchors and
    aliases that expand to more than `MAX_EXPANDED_VALUES` values (`alias_bomb`), before
    anything reads the expanded values."""
    bomb = alias_bomb(node)
    if bomb is not None:
        raise InputError(file, f"anchors and aliases (&name, *name) expand this to more than "
                         f"{MAX_EXPANDED_VALUES:,} values; write the values out instead",
                         row=bomb)
    found = repeated_key(node)
    if found:
        loc, first, second = found
        raise InputError(file, f"key given twice (first on row {first}); keep one",
                         row=second, field=".".join(str(p) for p in loc))
