"""Safe YAML → plain Python values, remembering where every key and value stood.

PyYAML's loaders drop positions, silently keep the last of two duplicate keys and
recurse without limit. This reader builds values straight from the parser's events
(the C parser when present), so it can refuse duplicate keys, tags, aliases and deep
nesting with a line and column, in bounded time and memory. Plain scalars follow the
YAML 1.2 core schema: only ``true``/``false`` are booleans, so ``id: yes`` stays a string.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from bonemets_cli.errors import Location, PathwayLoadError

try:  # the C parser is several times faster; fall back when libyaml is absent
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 64

Mark = tuple[int, int]

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


@dataclass
class Marks:
    """Where each value stood: ``values[id(container)][key]`` and key positions for maps."""

    root: Mark = (1, 1)
    values: dict[int, dict[Any, Mark]] = field(default_factory=dict)
    keys: dict[int, dict[Any, Mark]] = field(default_factory=dict)


@dataclass(frozen=True)
class YamlDocument:
    """A file's top-level mapping with the positions of everything in it."""

    data: dict[str, Any]
    marks: Marks
    file: str

    def locate(self, path: tuple[Any, ...], *, key: bool = False) -> Location:
        """The deepest position along ``path`` (keys and list indices); skips unknown steps.

        With ``key=True`` the last step's key is located rather than its value, which is
        where an editor should put the cursor for an unknown or duplicate key.
        """
        node: Any = self.data
        mark = self.marks.root
        steps = list(path)
        for i, step in enumerate(steps):
            holder = self.marks.values.get(id(node))
            if holder is None or step not in holder:
                continue
            last = i == len(steps) - 1
            if last and key and id(node) in self.marks.keys:
                mark = self.marks.keys[id(node)].get(step, holder[step])
            else:
                mark = holder[step]
            node = node[step]
        return Location(self.file, mark[0], mark[1])


def _fail(file: str, mark: Mark, message: str, rule: str) -> PathwayLoadError:
    return PathwayLoadError(message, Location(file, mark[0], mark[1]), rule)


def _resolve_plain(value: str) -> Any:  # noqa: PLR0911 - one return per YAML type
    """YAML 1.2 core schema for plain (unquoted) scalars, plus ISO dates."""
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    if _DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value  # the model reports it as an invalid date, with its position
    return value


def decode(data: bytes, file: str) -> str:
    """Bytes → text, refusing binary files, invalid UTF-8 and oversized files."""
    if len(data) > MAX_BYTES:
        raise _fail(
            file,
            (1, 1),
            f"file is {len(data):,} bytes, over the {MAX_BYTES:,}-byte limit; split it into "
            "several pathway files",
            "too-large",
        )
    if b"\x00" in data:
        at = data.index(b"\x00")
        raise _fail(
            file, _byte_mark(data, at), "binary file (NUL byte): not a YAML pathway", "encoding"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _fail(
            file,
            _byte_mark(data, exc.start),
            "invalid UTF-8 here; save the file as UTF-8",
            "encoding",
        ) from None
    return text.removeprefix("\ufeff")


def _byte_mark(data: bytes, offset: int) -> Mark:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return (data.count(b"\n", 0, offset) + 1, offset - line_start + 1)


def _check_tabs(text: str, file: str) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            raise _fail(
                file,
                (number, indent.index("\t") + 1),
                "tab in indentation; YAML needs spaces (set your editor to insert spaces)",
                "tab",
            )


def read_yaml(data: bytes, file: str, expected: str = "id, title, nodes…") -> YamlDocument:
    """Parse one YAML document that must be a mapping (``expected`` names its main keys)."""
    text = decode(data, file)
    _check_tabs(text, file)
    try:
        return _build(text, file, expected)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        raise _fail(file, where, f"YAML syntax error: {what}", "yaml-syntax") from None
    except yaml.YAMLError as exc:
        raise _fail(file, (1, 1), f"YAML error: {exc}", "yaml-syntax") from None


def _build(text: str, file: str, expected: str) -> YamlDocument:  # noqa: PLR0912, PLR0915 - one event loop
    marks = Marks()
    values, keys = marks.values, marks.keys
    # Each frame: [container, pending key or _NO_KEY, key mark]
    stack: list[list[Any]] = []
    root: Any = _NO_KEY
    documents = 0
    events: Iterator[Any] = yaml.parse(text, Loader=_Loader)  # attributes vary by event type
    for event in events:
        etype = type(event)
        if (
            etype is yaml.ScalarEvent
            or etype is yaml.MappingStartEvent
            or etype is yaml.SequenceStartEvent
        ):
            sm = event.start_mark
            mark = (sm.line + 1, sm.column + 1)
            if event.tag is not None:
                raise _fail(
                    file,
                    mark,
                    f"YAML tags such as '{event.tag}' are not allowed in pathway files; remove it",
                    "tag",
                )
            if etype is yaml.ScalarEvent:
                value: Any = _resolve_plain(event.value) if event.implicit[0] else event.value
            elif etype is yaml.MappingStartEvent:
                value = {}
            else:
                value = []
            if stack:
                frame = stack[-1]
                holder = frame[0]
                if type(holder) is dict:
                    if frame[1] is _NO_KEY:
                        if etype is not yaml.ScalarEvent:
                            raise _fail(
                                file,
                                mark,
                                "a key must be a plain name, not a mapping or list",
                                "yaml-syntax",
                            )
                        key = event.value
                        if key in holder:
                            first = keys[id(holder)][key]
                            raise _fail(
                                file,
                                mark,
                                f"duplicate key '{key}' (first at line {first[0]}); YAML would keep "
                                "only the last one, so remove or rename one",
                                "duplicate-key",
                            )
                        frame[1], frame[2] = key, mark
                        continue
                    key = frame[1]
                    holder[key] = value
                    values[id(holder)][key] = mark
                    keys[id(holder)][key] = frame[2]
                    frame[1] = _NO_KEY
                else:
                    values[id(holder)][len(holder)] = mark
                    holder.append(value)
            else:
                root = value
                marks.root = mark
            if etype is not yaml.ScalarEvent:
                if len(stack) >= MAX_DEPTH:
                    raise _fail(file, mark, f"nested deeper than {MAX_DEPTH} levels", "too-deep")
                values[id(value)] = {}
                if etype is yaml.MappingStartEvent:
                    keys[id(value)] = {}
                stack.append([value, _NO_KEY, None])
        elif etype is yaml.MappingEndEvent or etype is yaml.SequenceEndEvent:
            stack.pop()
        elif etype is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                sm = event.start_mark
                raise _fail(
                    file,
                    (sm.line + 1, sm.column + 1),
                    "several YAML documents in one file; keep one pathway per file",
                    "multiple-documents",
                )
        elif etype is yaml.AliasEvent:
            sm = event.start_mark
            raise _fail(
                file,
                (sm.line + 1, sm.column + 1),
                f"aliases (*{event.anchor}) are not allowed in pathway files; write the value out",
                "alias",
            )
    if root is _NO_KEY or root is None:
        raise _fail(
            file,
            (1, 1),
            f"empty file: expected a mapping with {expected}",
            "empty-file",
        )
    if type(root) is not dict:
        raise _fail(
            file,
            marks.root,
            f"the top level must be a mapping of keys ({expected}), not a {_kind(root)}",
            "not-a-mapping",
        )
    return YamlDocument(root, marks, file)


def _kind(value: Any) -> str:
    return {list: "list", str: "string", int: "number", float: "number", bool: "boolean"}.get(
        type(value), type(value).__name__
    )


class _NoKey:
    def __repr__(self) -> str:
        return "<no key>"


_NO_KEY: Any = _NoKey()
