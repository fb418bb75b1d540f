"""YAML files → frozen models, with ``file:line:col`` for every fault, schema faults too.

Raw dicts never leave this module: callers get ``PathwayDocument`` (the model plus a way
to locate any field of it in the source file) or a ``PathwayLoadError``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from bonemets_cli.errors import Location, PathwayLoadError
from bonemets_cli.load.yaml import MAX_BYTES, Positions, YamlDocument, read_yaml
from bonemets_cli.model import SCHEMA_VERSION, Bibliography, Pathway

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Loaded:
    """A model with where its YAML stood, so later checks can point at a line."""

    source: Positions

    @property
    def file(self) -> str:
        return self.source.file

    def locate(self, *path: Any, key: bool = False) -> Location:
        return self.source.locate(path, key=key)


@dataclass(frozen=True)
class PathwayDocument(Loaded):
    pathway: Pathway


@dataclass(frozen=True)
class BibliographyDocument(Loaded):
    bibliography: Bibliography


class LoadErrors(PathwayLoadError):
    """Every schema fault in one file; the first stands for them all in one-line output.

    ``partial`` is what could still be read (a pathway without its broken nodes), so
    ``validate`` can run the graph and provenance rules on the rest; ``broken`` and
    ``broken_sources`` name the nodes and local sources left out.
    """

    def __init__(
        self,
        errors: list[PathwayLoadError],
        partial: BaseModel | None = None,
        broken: frozenset[str] = frozenset(),
        broken_sources: frozenset[str] = frozenset(),
        positions: Positions | None = None,
    ) -> None:
        first = errors[0]
        file = first.location.file if first.location else ""
        more = f" (and {len(errors) - 1} more: run 'bonemets validate {file}')"
        more = more if len(errors) > 1 else ""
        super().__init__(first.message + more, first.location, first.rule)
        self.errors = errors
        self.partial = partial
        self.broken = broken
        self.broken_sources = broken_sources
        self.positions = positions


def read_bytes(path: Path) -> bytes:
    """Read at most the size limit (+1 to detect oversize) so a huge file costs nothing.

    Only a regular file is read: a named pipe or a device could block for ever or never
    end, so it is opened without waiting and refused once its kind is known.
    """
    where = Location(str(path))
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise PathwayLoadError(f"cannot read: {exc.strerror}", where, "io") from None
    kind = os.fstat(fd).st_mode
    if not stat.S_ISREG(kind):
        os.close(fd)
        if stat.S_ISDIR(kind):
            raise PathwayLoadError("is a folder, expected a .yaml file", where, "io")
        raise PathwayLoadError(NOT_A_FILE, where, "io")
    with os.fdopen(fd, "rb") as handle:
        try:
            return handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise PathwayLoadError(f"cannot read: {exc.strerror}", where, "io") from None


NOT_A_FILE = "is not a regular file (a named pipe, device or socket); bonemets reads only files"


def load_pathway(path: Path) -> PathwayDocument:
    return PathwayDocument(*load_model(path, Pathway, expected="id, title, nodes…"))


def load_bibliography(path: Path) -> BibliographyDocument:
    return BibliographyDocument(*load_model(path, Bibliography))


def load_model(path: Path, model: type[M], *, expected: str = "") -> tuple[Positions, M]:
    """Load any versioned model (quiz banks, answers files) with the same guarantees.

    ``expected`` names the main keys for 'empty file' messages (default: the first
    required fields). The raw values are dropped once the model is built: only their
    positions are kept, to locate later faults.
    """
    source = read_yaml(read_bytes(path), str(path), expected or _keys(model))
    return source.positions, _validate(source, model)


def _keys(model: type[BaseModel]) -> str:
    """The first few required keys, for 'empty file' and 'not a mapping' messages."""
    required = [name for name, f in model.model_fields.items() if f.is_required()]
    return ", ".join(required[:3]) + ("…" if len(required) > 3 else "")


def _validate(source: YamlDocument, model: type[M]) -> M:
    _check_schema_version(source, model)
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        every = exc.errors(include_url=False)
        raw = _without_echoes(model, every)
        errors = sorted(
            (_explain(source, model, err) for err in raw), key=lambda e: e.location or Location("")
        )
        salvaged = _salvage(source.data, every) if model is Pathway else None
        if salvaged is None:
            raise LoadErrors(errors) from None
        raise LoadErrors(errors, *salvaged, source.positions) from None


_STAND_INS: dict[str, Any] = {
    "schema_version": SCHEMA_VERSION,
    "title": "?",
    "summary": "?",
    "producer": "?",
    "audience": ["?"],
    "version": "0.0.0",
    "reviewed": dt.date.min,
    "next_review": dt.date.max,
    "entry": False,
    "clinician_only": False,
    "bibliography": "bibliography.yaml",
}
"""Values for broken top-level fields of a pathway that no graph or provenance rule
reads (the review dates are chosen to raise no review rule)."""


def _salvage(
    data: dict[str, Any], errors: list[Any]
) -> tuple[Pathway, frozenset[str], frozenset[str]] | None:
    """The pathway without its broken nodes and sources, broken metadata stood in for;
    None when what is broken is what the other rules need (the id, start or nodes)."""
    data = dict(data)
    nodes = data.get("nodes")
    sources = data.get("sources")
    if not isinstance(nodes, dict):
        return None
    nodes, sources = dict(nodes), dict(sources) if isinstance(sources, dict) else sources
    broken: set[str] = set()
    dropped: set[str] = set()
    for err in errors:
        loc = tuple(err["loc"])
        if len(loc) >= 2 and loc[0] == "nodes":
            nodes.pop(loc[1], None)
            broken.add(str(loc[1]))
        elif len(loc) >= 2 and loc[0] == "sources" and isinstance(sources, dict):
            sources.pop(loc[1], None)
            dropped.add(str(loc[1]))
        elif len(loc) == 1 and err["type"] == "extra_forbidden":
            data.pop(loc[0], None)
        elif loc and loc[0] in _STAND_INS:
            data[loc[0]] = _STAND_INS[loc[0]]
        else:
            return None
    if not nodes:
        return None
    data["nodes"], data["sources"] = nodes, sources if sources is not None else {}
    try:
        return Pathway.model_validate(data), frozenset(broken), frozenset(dropped)
    except ValidationError:
        return None


def _without_echoes(model: type[BaseModel], raw: list[Any]) -> list[Any]:
    """Drop errors that only echo another one, so the first line shown is the real fault.

    A list whose item failed is also "too short" (pydantic counts only valid items), and
    a misspelt key also leaves its right spelling "missing"; the typo is the news.
    """
    locs = [tuple(e["loc"]) for e in raw]
    suggested = {
        (loc[:-1], _suggestion(model, loc))
        for e, loc in zip(raw, locs, strict=True)
        if e["type"] == "extra_forbidden"
    }
    kept = []
    for err, loc in zip(raw, locs, strict=True):
        inner = any(o[: len(loc)] == loc and len(o) > len(loc) for o in locs)
        if err["type"] == "too_short" and inner:
            continue
        if err["type"] == "missing" and (loc[:-1], str(loc[-1])) in suggested:
            continue
        kept.append(err)
    return kept or raw


def _suggestion(model: type[BaseModel], loc: tuple[Any, ...]) -> str | None:
    hint = difflib.get_close_matches(str(loc[-1]), _allowed_keys(model, loc[:-1]), n=1)
    return hint[0] if hint else None


def _check_schema_version(source: YamlDocument, model: type[BaseModel]) -> None:
    if "schema_version" not in model.model_fields:
        return
    version = source.data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise PathwayLoadError(
            f"written for a newer bonemets (schema_version {version}; this one reads up to "
            f"{SCHEMA_VERSION}): upgrade with 'pip install --upgrade bonemets'",
            source.locate(("schema_version",)),
            "newer-schema",
        )


def _explain(source: YamlDocument, model: type[BaseModel], err: Any) -> PathwayLoadError:
    """One pydantic error → a message an author can act on, at the right position."""
    loc = tuple(err["loc"])
    data_path = _data_path(source.data, loc)
    where = _dotted(data_path)
    kind = err["type"]
    if kind == "extra_forbidden":
        unknown = loc[-1]
        hint = _suggestion(model, loc)
        allowed = ", ".join(_allowed_keys(model, loc[:-1]))
        suggestion = f"; did you mean '{hint}'?" if hint else f"; allowed here: {allowed}"
        return PathwayLoadError(
            f"unknown key '{unknown}'{suggestion}",
            source.locate(data_path, key=True),
            "unknown-key",
        )
    if kind == "missing":
        parent = _dotted(data_path[:-1] if data_path and data_path[-1] == loc[-1] else data_path)
        return PathwayLoadError(
            f"missing required key '{loc[-1]}'" + (f" in {parent}" if parent else ""),
            source.locate(data_path),
            "missing-key",
        )
    # a bad mapping key (a node id, a source key) is pointed at the key, not its value
    location = source.locate(data_path, key=bool(loc) and loc[-1] == "[key]")
    if kind == "union_tag_invalid":
        tag = err["ctx"]["tag"]
        return PathwayLoadError(
            f"{where}: unknown node kind '{tag}'; use one of question, info, score, outcome",
            source.locate((*data_path, "kind")),
            "wrong-type",
        )
    if kind == "union_tag_not_found":
        return PathwayLoadError(
            f"{where}: a node needs 'kind: question', 'info', 'score' or 'outcome'",
            location,
            "missing-key",
        )
    rule = _RULE_OF.get(kind, "wrong-type")
    if kind == "string_pattern_mismatch" and loc and loc[-1] == "url":
        rule = "bad-url"
    return PathwayLoadError(f"{where}: {_friendly(err, loc)}", location, rule)


_RULE_OF = {"control_character": "control-character"}
"""pydantic error types with a rule of their own (the rest are 'wrong-type')."""


def _friendly(err: Any, loc: tuple[Any, ...]) -> str:  # noqa: PLR0911 - one message per kind
    kind, field = err["type"], str(loc[-1]) if loc else ""
    value = err.get("input")
    if kind == "string_pattern_mismatch":
        if field == "version":
            return f"'{value}' is not a version like '1.2.0' (write three numbers, quoted)"
        if field in ("next",):
            return f"'{value}' is not a node reference: write 'node_id' or 'pathway:node_id'"
        if field == "url":
            return (
                f"'{value}' is not a plain web address: start with http:// or https:// and "
                "leave out spaces, brackets, quotes and angle brackets (encode them, e.g. %20)"
            )
        return (
            f"'{value}' is not a valid id: use lowercase letters, digits, '-' and '_' "
            "(at most 64 characters)"
        )
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return f"'{value}' is not a date: write YYYY-MM-DD"
    if kind == "too_short":
        need, has = err["ctx"]["min_length"], err["ctx"]["actual_length"]
        return f"needs at least {need} item{'s' if need != 1 else ''}, has {has}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_type":
        return f"expected text, got {type(value).__name__} {value!r} (quote it)"
    return str(err["msg"]).replace("Input should be", "should be") + (
        f", got {value!r}" if isinstance(value, (str, int, float)) and len(repr(value)) < 60 else ""
    )


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Keep only the steps of a pydantic ``loc`` that are real keys or indices in the data."""
    path: list[Any] = []
    node = data
    for step in loc:
        in_map = isinstance(node, dict) and step in node
        in_list = isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)
        if in_map or in_list:
            path.append(step)
            node = node[step]
    return tuple(path)


def _dotted(path: tuple[Any, ...]) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names valid at ``loc``, following the model's annotations."""
    current: Any = model
    for step in loc:
        current = _step_type(current, step)
        if current is None:
            return []
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _step_type(tp: Any, step: Any) -> Any:
    tp = _unwrap(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        field = tp.model_fields.get(str(step))
        return field.annotation if field else None
    origin, args = get_origin(tp), get_args(tp)
    if origin in (list, tuple) and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    for arg in args:  # a union: the step is the discriminator's tag
        member = _unwrap(arg)
        if isinstance(member, type) and issubclass(member, BaseModel):
            kind = member.model_fields.get("kind")
            if kind is not None and step in get_args(kind.annotation):
                return member
    return None


def _unwrap(tp: Any) -> Any:
    while get_origin(tp) is not None and hasattr(tp, "__metadata__"):
        tp = get_args(tp)[0]
    return tp
