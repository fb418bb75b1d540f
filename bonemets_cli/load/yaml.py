"""Safe YAML → plain Python values and the position of every key and value, in one pass.

PyYAML's loaders drop positions, silently keep the last of two duplicate keys and
recurse without limit. This reader builds values straight from the parser's events
(the C parser when present) and notes each one's position as it goes, so it refuses
duplicate keys, tags, aliases and deep nesting with a line and column, in bounded time
and memory, and a schema fault found later is located too. Plain scalars follow the
YAML 1.2 core schema: only ``true``/``false`` are booleans, so ``id: yes`` stays a string.
"""

from __future__ import annotations

import datetime as dt
import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Protocol

import yaml

from bonemets_cli.errors import Location, PathwayLoadError

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_EVENTS", "Positions", "YamlDocument", "read_yaml"]

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser is several times faster; PyYAML's own is the fallback."""

MAX_BYTES = 4 * 1024 * 1024
"""The largest file read; larger ones are refused (1,000 generated nodes take ~370 KB)."""
MAX_DEPTH = 64
MAX_EVENTS = 200_000
"""Parser events (values, keys, list and map starts) per file: the largest shipped pathway
has under 1,000, so this only stops a 4 MB list of numbers from costing seconds."""


class Mark(Protocol):
    """A parser's mark: 0-based line and column (libyaml's or PyYAML's class)."""

    @property
    def line(self) -> int: ...

    @property
    def column(self) -> int: ...


@dataclass(frozen=True)
class Positions:
    """Where each key and value of a file stood, apart from the values themselves.

    A tape of the document, as simdjson keeps one: an entry per value in document
    order, the top-level mapping first. Entry ``i`` has its key ``steps[i]`` (None in a
    list), the key's 0-based line and column ``keys[2i:2i + 2]``, its own ``values[2i:
    2i + 2]``, and ``ends[i]``, the entry after its last descendant, so a search steps
    over a whole nested value at once. Arrays of ints and a tuple of strings: a large
    folder's positions are compact and give the garbage collector nothing to walk.
    """

    file: str
    steps: tuple[str | None, ...] = field(repr=False)
    keys: array[int] = field(repr=False)
    values: array[int] = field(repr=False)
    ends: array[int] = field(repr=False)

    def locate(self, path: tuple[Any, ...], *, key: bool = False) -> Location:
        """The deepest position along ``path`` (keys and list indices); skips unknown steps.

        With ``key=True`` the last step's key is located rather than its value, which is
        where an editor should put the cursor for an unknown or duplicate key.
        """
        entry, at = 0, self.values
        for i, step in enumerate(path):
            child = self._child(entry, step)
            if child is not None:
                entry, at = child, self.values
                if key and i == len(path) - 1 and self.steps[child] is not None:
                    at = self.keys
        return Location(self.file, at[2 * entry] + 1, at[2 * entry + 1] + 1)

    def _child(self, entry: int, step: Any) -> int | None:
        """The entry of ``step`` (a key, or an index in a list) directly in ``entry``."""
        child, index, end = entry + 1, 0, self.ends[entry]
        while child < end:
            name = self.steps[child]
            if name == step if name is not None else type(step) is int and step == index:
                return child
            child, index = self.ends[child], index + 1
        return None


@dataclass(frozen=True)
class YamlDocument:
    """A file's top-level mapping and where everything in it stood.

    ``data`` is the caller's to change: ``positions`` does not depend on it.
    """

    data: dict[str, Any]
    positions: Positions = field(repr=False, compare=False)

    @property
    def file(self) -> str:
        return self.positions.file

    def locate(self, path: tuple[Any, ...], *, key: bool = False) -> Location:
        return self.positions.locate(path, key=key)


_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_NUMBER_START = frozenset("+-.0123456789")
"""Every int, float and date starts with one of these."""
_RESOLVE_START = frozenset({"", "~", "n", "N", "t", "T", "f", "F", *_NUMBER_START})
"""First characters (``""`` for an empty value) of every plain scalar that is not text."""
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


def _resolve_plain(value: str) -> Any:  # noqa: PLR0911 - one return per YAML type
    """YAML 1.2 core schema for plain (unquoted) scalars, plus ISO dates."""
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if value[0] not in _NUMBER_START:  # most values are text: skip the three patterns
        return value
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


def _fail(file: str, line: int, col: int, message: str, rule: str) -> PathwayLoadError:
    return PathwayLoadError(message, Location(file, line, col), rule)


def _failed_at(file: str, mark: Mark, message: str, rule: str) -> PathwayLoadError:
    return _fail(file, mark.line + 1, mark.column + 1, message, rule)


def _offset_at(text: str | bytes, offset: int) -> tuple[int, int]:
    """1-based (line, column) of an offset into ``text``."""
    newline: Any = "\n" if isinstance(text, str) else b"\n"
    line_start = text.rfind(newline, 0, offset) + 1
    return text.count(newline, 0, offset) + 1, offset - line_start + 1


def decode(data: bytes, file: str) -> str:
    """Bytes → text, refusing binary files, invalid UTF-8 and oversized files."""
    if len(data) > MAX_BYTES:
        raise _fail(
            file,
            1,
            1,
            f"file is over the {MAX_BYTES:,}-byte limit; split it into several pathway files",
            "too-large",
        )
    if b"\x00" in data:
        where = _offset_at(data, data.index(b"\x00"))
        raise _fail(file, *where, "binary file (NUL byte): not a YAML pathway", "encoding")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        where = _offset_at(data, exc.start)
        raise _fail(
            file, *where, "invalid UTF-8 here; save the file as UTF-8", "encoding"
        ) from None
    return text.removeprefix("\ufeff")


def _is_tab(text: str, mark: Mark) -> bool:
    """Whether the parser stopped at a tab: libyaml refuses tabs where indentation is
    read, with a message that does not say so plainly."""
    lines = text.split("\n")
    return mark.line < len(lines) and lines[mark.line][mark.column : mark.column + 1] == "\t"


def read_yaml(data: bytes, file: str, expected: str = "id, title, nodes…") -> YamlDocument:
    """Parse one YAML document that must be a mapping (``expected`` names its main keys)."""
    text = decode(data, file)
    try:
        return _parse(text, file, expected)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        if "maximum nesting depth" in what:  # libyaml's own limit, met before ours in flow [[[
            raise _fail(
                file, *where, f"nested deeper than {MAX_DEPTH} levels", "too-deep"
            ) from None
        if mark and _is_tab(text, mark):  # tabs elsewhere (in a block scalar's text) are fine
            raise _fail(
                file,
                *where,
                "tab in indentation; YAML needs spaces (set your editor to insert spaces)",
                "tab",
            ) from None
        hinted = syntax_hint(text, mark.line, mark.column, what) if mark else None
        if hinted is not None:
            line, col, hint = hinted
            raise _fail(
                file, line, col, f"YAML syntax error: {hint} (YAML: {what})", "yaml-syntax"
            ) from None
        raise _fail(file, *where, f"YAML syntax error: {what}", "yaml-syntax") from None
    except yaml.reader.ReaderError as exc:  # a control character; carries an offset, no mark
        raise _fail(
            file,
            *_offset_at(text, exc.position),
            f"control character U+{exc.character:04X} is not allowed in YAML; remove it",
            "encoding",
        ) from None
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "invalid YAML"
        raise _fail(file, 1, 1, f"YAML error: {first}", "yaml-syntax") from None


_KEY = re.compile(r"(\s*(?:- )?)([^\s:#'\"][^:#]*?):(?:\s+|$)")
"""``  key: `` or ``  - key: `` at the start of a line: the indentation and the key."""


def _spaces(count: int) -> str:
    return f"{count} space{'' if count == 1 else 's'}"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def syntax_hint(  # noqa: PLR0911 - one return per kind of fault
    text: str, line: int, column: int, problem: str
) -> tuple[int, int, str] | None:
    """The line the author must fix (1-based line and column) and what to do, for the
    three faults behind most syntax errors in hand-written files: an unquoted ': ' in a
    value, a key with no colon, a key indented out of line. None for anything else.

    The parser stops where it notices, often a line late: ``line`` and ``column`` are
    its (0-based) mark.
    """
    lines = text.split("\n")
    if line >= len(lines):
        return None
    here = lines[line]
    before = [
        n
        for n in range(line - 1, -1, -1)
        if lines[n].strip() and not lines[n].lstrip().startswith("#")
    ]
    if "could not find expected ':'" in problem:
        for n in [line, *before[:2]]:
            candidate = lines[n].strip()
            if (
                candidate
                and ":" not in candidate
                and not candidate.startswith(("#", "-", "[", "{"))
            ):
                return (
                    n + 1,
                    _indent(lines[n]) + 1,
                    f"'{candidate[:40]}' has no ':' after its key; write 'key: value'",
                )
        return None
    if "mapping values are not allowed" not in problem:
        return None
    key = _KEY.match(here)
    if key is not None and key.end() <= column:  # a second ': ' on a line of 'key: value'
        name, value = key.group(2).strip(), here[key.end() :].strip()
        return (
            line + 1,
            key.end() + 1,
            f"the value of '{name}' holds ': ', which YAML reads as another key; put the "
            f'value in quotes: {name}: "{value[:30]}{"…" if len(value) > 30 else ""}"',
        )
    if key is None or not before:
        return None
    previous = before[0]
    culprit = line
    if len(before) > 1 and _indent(lines[before[1]]) == _indent(here) != _indent(lines[previous]):
        culprit = previous  # the line before stepped out of line; this one is right
    around = _indent(lines[previous] if culprit == line else here)
    return (
        culprit + 1,
        _indent(lines[culprit]) + 1,
        f"this line is indented {_spaces(_indent(lines[culprit]))} where the line "
        f"{'before' if culprit == line else 'after'} it has {around}; keys of one mapping "
        "must line up",
    )


def _parse(text: str, file: str, expected: str) -> YamlDocument:
    parser = _Loader(text)  # PyYAML's own reader checks the characters here
    try:
        # Every tag starts with '!': in a file without one, no event can carry a tag.
        return _build(parser.get_event, file, expected, tags="!" in text)
    finally:
        parser.dispose()


def _build(  # noqa: PLR0912, PLR0915 - one event loop
    next_event: Callable[[], Any], file: str, expected: str, *, tags: bool
) -> YamlDocument:
    """The top-level mapping and the positions of everything in it; or the first refusal.

    The hot loop of every load. The innermost open container's state lives in local
    variables (saved on ``stack`` while a nested one is open); scalars, nine events in
    ten, are tested for first; ``tags=False`` (no '!' in the text) skips the tag check.
    Calling the parser directly (not through ``yaml.parse``'s generator) saves a third
    of the time spent per event on large files; ``islice`` counts the events in C.
    """
    scalar, mapping, sequence = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    resolve, resolve_start = _resolve_plain, _RESOLVE_START
    steps: list[str | None] = []
    key_at, value_at, ends = array("I"), array("I"), array("I")  # the tape (``Positions``)
    add_step, add_key, add_value, add_end = (
        steps.append,
        key_at.append,
        value_at.append,
        ends.append,
    )
    entries = 0  # on the tape so far
    stack: list[tuple[Any, bool, int]] = []  # the enclosing containers' states
    holder: Any = None  # the innermost open container; None at the top level
    in_map = False  # ``holder`` is a mapping
    start = 0  # ``holder``'s entry on the tape
    key: str | None = None  # in a mapping: the key waiting for its value
    key_line = key_column = 0  # and where it stood
    root: Any = _NOTHING
    documents = 0
    value: Any
    events = iter(next_event, None)
    for event in islice(events, MAX_EVENTS):
        etype = type(event)
        if etype is scalar:
            if tags and event.tag is not None:
                raise _tagged(file, event)
            value = event.value
            mark = event.start_mark
            if in_map and key is None:
                if value in holder:
                    first = key_at[2 * _entry(steps, ends, start, value)]
                    raise _failed_at(
                        file,
                        mark,
                        f"duplicate key '{value}' (first at line {first + 1}); YAML "
                        "would keep only the last one, so remove or rename one",
                        "duplicate-key",
                    )
                key, key_line, key_column = value, mark.line, mark.column
                continue
            if event.implicit[0] and value[:1] in resolve_start:
                value = resolve(value)
            if in_map:
                holder[key] = value
            elif holder is None:
                root = value
            else:
                holder.append(value)
            entries += 1
            add_step(key)
            add_key(key_line)
            add_key(key_column)
            add_value(mark.line)
            add_value(mark.column)
            add_end(entries)
            key = None
        elif etype is mapping_end or etype is sequence_end:
            ends[start] = entries
            holder, in_map, start = stack.pop()
        elif etype is mapping or etype is sequence:
            if tags and event.tag is not None:
                raise _tagged(file, event)
            mark = event.start_mark
            if in_map and key is None:
                raise _failed_at(
                    file, mark, "a key must be a plain name, not a mapping or list", "yaml-syntax"
                )
            if len(stack) >= MAX_DEPTH:
                raise _failed_at(file, mark, f"nested deeper than {MAX_DEPTH} levels", "too-deep")
            value = {} if etype is mapping else []
            if in_map:
                holder[key] = value
            elif holder is None:
                root = value
            else:
                holder.append(value)
            stack.append((holder, in_map, start))
            add_step(key)
            add_key(key_line)
            add_key(key_column)
            add_value(mark.line)
            add_value(mark.column)
            add_end(0)  # set when it ends
            holder, in_map, start, key = value, etype is mapping, entries, None
            entries += 1
        elif etype is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _failed_at(
                    file,
                    event.start_mark,
                    "several YAML documents in one file; keep one pathway per file",
                    "multiple-documents",
                )
        elif etype is yaml.AliasEvent:
            raise _failed_at(
                file,
                event.start_mark,
                f"aliases (*{event.anchor}) are not allowed in pathway files; write the value out",
                "alias",
            )
    extra = next(events, None)  # the first event past the limit, if there is one
    if extra is not None:
        raise _failed_at(
            file,
            extra.start_mark,
            f"more than {MAX_EVENTS:,} YAML values; split it into several pathway files",
            "too-large",
        )
    if root is _NOTHING or root is None:
        raise _fail(file, 1, 1, f"empty file: expected a mapping with {expected}", "empty-file")
    if type(root) is not dict:
        raise _fail(
            file,
            value_at[0] + 1,
            value_at[1] + 1,
            f"the top level must be a mapping of keys ({expected}), not a {_kind(root)}",
            "not-a-mapping",
        )
    return YamlDocument(root, Positions(file, tuple(steps), key_at, value_at, ends))


def _entry(steps: list[str | None], ends: array[int], start: int, name: str) -> int:
    """The entry of key ``name`` in the (open) mapping at ``start``, which holds it."""
    child = start + 1
    while steps[child] != name:
        child = ends[child]
    return child


def _tagged(file: str, event: Any) -> PathwayLoadError:
    return _failed_at(
        file,
        event.start_mark,
        f"YAML tags such as '{event.tag}' are not allowed in pathway files; remove it",
        "tag",
    )


def _kind(value: Any) -> str:
    return {list: "list", str: "string", int: "number", float: "number", bool: "boolean"}.get(
        type(value), type(value).__name__
    )


_NOTHING: Any = object()
"""``root`` before the first value: an empty stream."""
