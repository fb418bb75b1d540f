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
from collections.abc import Callable
from itertools import islice
from typing import Any

import yaml

from bonemets_cli.errors import Location, PathwayLoadError
from bonemets_cli.load.yamldoc import MAX_BYTES, TOP, Mark, YamlDocument

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_EVENTS", "YamlDocument", "marks_in_order", "read_yaml"]

try:  # the C parser is several times faster; fall back when libyaml is absent
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 64
MAX_EVENTS = 200_000
"""Parser events (values, keys, list and map starts) per file: the largest shipped pathway
has under 1,000, so this only stops a 4 MB list of numbers from costing seconds."""

Where = tuple[int, int]
"""A 1-based (line, column), as editors show it."""


_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_NUMBER_START = frozenset("+-.0123456789")
"""Every int, float and date starts with one of these."""
_RESOLVE_START = frozenset({"", "~", "n", "N", "t", "T", "f", "F", *_NUMBER_START})
"""First characters (``""`` for an empty value) of every plain scalar that is not text."""
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


def _at(mark: Mark) -> Where:
    return (mark.line + 1, mark.column + 1)


def _fail(file: str, where: Where, message: str, rule: str) -> PathwayLoadError:
    return PathwayLoadError(message, Location(file, where[0], where[1]), rule)


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


def decode(data: bytes, file: str) -> str:
    """Bytes → text, refusing binary files, invalid UTF-8 and oversized files."""
    if len(data) > MAX_BYTES:
        raise _fail(
            file,
            (1, 1),
            f"file is over the {MAX_BYTES:,}-byte limit; split it into several pathway files",
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


def _byte_mark(data: bytes, offset: int) -> Where:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return (data.count(b"\n", 0, offset) + 1, offset - line_start + 1)


def _is_tab(text: str, mark: Mark) -> bool:
    """Whether the parser stopped at a tab: libyaml refuses tabs where indentation is
    read, with a message that does not say so plainly."""
    lines = text.split("\n")
    return mark.line < len(lines) and lines[mark.line][mark.column : mark.column + 1] == "\t"


def read_yaml(data: bytes, file: str, expected: str = "id, title, nodes…") -> YamlDocument:
    """Parse one YAML document that must be a mapping (``expected`` names its main keys)."""
    text = decode(data, file)
    try:
        return _build(text, file, expected)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        if "maximum nesting depth" in what:  # libyaml's own limit, met before ours in flow [[[
            raise _fail(file, where, f"nested deeper than {MAX_DEPTH} levels", "too-deep") from None
        if mark and _is_tab(text, mark):  # tabs elsewhere (in a block scalar's text) are fine
            raise _fail(
                file,
                where,
                "tab in indentation; YAML needs spaces (set your editor to insert spaces)",
                "tab",
            ) from None
        raise _fail(file, where, f"YAML syntax error: {what}", "yaml-syntax") from None
    except yaml.reader.ReaderError as exc:  # a control character; carries an offset, no mark
        raise _fail(
            file,
            _text_mark(text, exc.position),
            f"control character U+{exc.character:04X} is not allowed in YAML; remove it",
            "encoding",
        ) from None
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "invalid YAML"
        raise _fail(file, (1, 1), f"YAML error: {first}", "yaml-syntax") from None


def _text_mark(text: str, offset: int) -> Where:
    line_start = text.rfind("\n", 0, offset) + 1
    return (text.count("\n", 0, offset) + 1, offset - line_start + 1)


def _build(text: str, file: str, expected: str) -> YamlDocument:
    """Build the values alone; a file the fast pass gives up on is read again, to refuse it.

    Every refusal (tags, aliases, duplicate keys, depth, size, several documents, not a
    mapping) is raised by ``_build_events``, with its position; the fast pass only
    notices that there is one. Both passes see the same events in the same order, so a
    file refused by one is refused by the other, at the same event.
    """
    # Every tag starts with '!': in a file without one, no event can carry a tag.
    tags = "!" in text
    data = _parse(text, _build_values, tags=tags)
    if data is _REFUSED:
        data = _parse(
            text, lambda events, tags: _build_events(events, file, expected, tags=tags), tags=tags
        )
    return YamlDocument(data, file, text)


def _parse(text: str, build: Callable[[Callable[[], Any], bool], Any], *, tags: bool) -> Any:
    """Run ``build`` on the parser's events for ``text`` (the parser alone: no composer)."""
    parser: Any = _Loader(text)
    try:
        return build(parser.get_event, tags)
    finally:
        parser.dispose()


def _build_values(  # noqa: PLR0911, PLR0912, PLR0915 - one event loop
    next_event: Callable[[], Any], tags: bool
) -> Any:
    """The fast pass of ``_build``: the top-level mapping, or ``_REFUSED``.

    The hot loop of every load, so it keeps no positions and raises nothing of its own:
    at the first sign of anything ``_build_events`` refuses it returns ``_REFUSED``.
    The innermost open container's state lives in local variables (saved on ``stack``
    while a nested one is open); scalars, nine events in ten, are tested for first;
    ``tags=False`` (no '!' in the text) skips the tag check.
    """
    scalar, mapping, sequence = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    no_key, resolve, resolve_start = _NO_KEY, _resolve_plain, _RESOLVE_START
    stack: list[tuple[Any, Any, bool]] = []  # the enclosing containers' states
    holder: Any = None  # the innermost open container; None at the top level
    key: Any = no_key  # in a mapping: the key waiting for its value
    in_map = False  # ``holder`` is a mapping
    root: Any = None
    documents = 0
    value: Any
    # Calling the parser directly (not through ``yaml.parse``'s generator) saves a third
    # of the time spent per event on large files; ``islice`` counts the events in C.
    events = iter(next_event, None)
    for event in islice(events, MAX_EVENTS):
        etype = type(event)
        if etype is scalar:
            if tags and event.tag is not None:
                return _REFUSED
            value = event.value
            if in_map:
                if key is no_key:
                    if value in holder:
                        return _REFUSED
                    key = value
                    continue
                if event.implicit[0] and value[:1] in resolve_start:
                    value = resolve(value)
                holder[key] = value
                key = no_key
                continue
            if event.implicit[0] and value[:1] in resolve_start:
                value = resolve(value)
            if holder is None:
                root = value
            else:
                holder.append(value)
        elif etype is mapping_end or etype is sequence_end:
            holder, key, in_map = stack.pop()
        elif etype is mapping or etype is sequence:
            if (tags and event.tag is not None) or (in_map and key is no_key):
                return _REFUSED
            if len(stack) >= MAX_DEPTH:
                return _REFUSED
            value = {} if etype is mapping else []
            if in_map:
                holder[key] = value
            elif holder is None:
                root = value
            else:
                holder.append(value)
            stack.append((holder, no_key, in_map))
            holder, key, in_map = value, no_key, etype is mapping
        elif etype is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                return _REFUSED
        elif etype is yaml.AliasEvent:
            return _REFUSED
    if next(events, None) is not None or type(root) is not dict:  # too many, empty, not a map
        return _REFUSED
    return root


def marks_in_order(text: str) -> list[Mark]:
    """The mark of every key and value, in document order (of a file already read)."""
    marks: list[Mark] = _parse(text, _marks_of_values, tags=False)
    return marks


def _marks_of_values(next_event: Callable[[], Any], tags: bool) -> list[Mark]:
    starts = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)
    return [event.start_mark for event in iter(next_event, None) if type(event) in starts]


def _build_events(  # noqa: PLR0912, PLR0915 - one event loop
    next_event: Callable[[], Any], file: str, expected: str, *, tags: bool = True
) -> dict[str, Any]:
    """The same values as ``_build_values``, raising every refusal at its place.

    The slow pass, run only when ``_build_values`` gives up: it keeps each open
    mapping's key marks, so a duplicate key can name the line of the first one.
    """
    scalar, mapping, sequence = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    no_key, resolve, resolve_start = _NO_KEY, _resolve_plain, _RESOLVE_START
    stack: list[tuple[Any, Any, Any]] = []  # the enclosing containers' states
    holder: Any = None  # the innermost open container; None at the top level
    key: Any = no_key  # in a mapping: the key waiting for its value
    key_marks: dict[Any, Mark] | None = None  # where each key stood; None for a list
    root: Any = no_key
    root_mark: Mark = TOP
    documents = 0
    value: Any
    events = iter(next_event, None)
    for event in islice(events, MAX_EVENTS):
        etype = type(event)
        if etype is scalar or etype is mapping or etype is sequence:
            mark = event.start_mark
            if tags and event.tag is not None:
                raise _fail(
                    file,
                    _at(mark),
                    f"YAML tags such as '{event.tag}' are not allowed in pathway files; remove it",
                    "tag",
                )
            if key_marks is not None and key is no_key:
                if etype is not scalar:
                    raise _fail(
                        file,
                        _at(mark),
                        "a key must be a plain name, not a mapping or list",
                        "yaml-syntax",
                    )
                key = event.value
                if key in holder:
                    raise _fail(
                        file,
                        _at(mark),
                        f"duplicate key '{key}' (first at line {key_marks[key].line + 1}); YAML "
                        "would keep only the last one, so remove or rename one",
                        "duplicate-key",
                    )
                key_marks[key] = mark
                continue
            if etype is not scalar and len(stack) >= MAX_DEPTH:
                raise _fail(file, _at(mark), f"nested deeper than {MAX_DEPTH} levels", "too-deep")
            if etype is scalar:
                value = event.value
                if event.implicit[0] and value[:1] in resolve_start:
                    value = resolve(value)
            elif etype is mapping:
                value = {}
            else:
                value = []
            if holder is None:
                root = value
                root_mark = mark
            elif key_marks is not None:
                holder[key] = value
                key = no_key
            else:
                holder.append(value)
            if etype is not scalar:
                stack.append((holder, key, key_marks))
                holder, key = value, no_key
                key_marks = {} if etype is mapping else None
        elif etype is mapping_end or etype is sequence_end:
            holder, key, key_marks = stack.pop()
        elif etype is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _fail(
                    file,
                    _at(event.start_mark),
                    "several YAML documents in one file; keep one pathway per file",
                    "multiple-documents",
                )
        elif etype is yaml.AliasEvent:
            raise _fail(
                file,
                _at(event.start_mark),
                f"aliases (*{event.anchor}) are not allowed in pathway files; write the value out",
                "alias",
            )
    extra = next(events, None)  # the first event past the limit, if there is one
    if extra is not None:
        raise _fail(
            file,
            _at(extra.start_mark),
            f"more than {MAX_EVENTS:,} YAML values; split it into several pathway files",
            "too-large",
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
            _at(root_mark),
            f"the top level must be a mapping of keys ({expected}), not a {_kind(root)}",
            "not-a-mapping",
        )
    return root


def _kind(value: Any) -> str:
    return {list: "list", str: "string", int: "number", float: "number", bool: "boolean"}.get(
        type(value), type(value).__name__
    )


class _NoKey:
    def __repr__(self) -> str:
        return "<no key>"


_NO_KEY: Any = _NoKey()
_REFUSED: Any = _NoKey()
"""What ``_build_values`` returns for a file ``_build_events`` will refuse."""
