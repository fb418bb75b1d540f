"""Property tests: whatever bytes arrive, the loader returns a pathway or raises PathwayLoadError.

Random bytes, random YAML-ish text, and valid pathways mutated the way editing goes wrong
(a key deleted, a type changed, a line duplicated, a tab inserted, the file truncated,
characters inserted). Any other exception, or an error without a location, is a bug.

The default run is quick (150 examples per property). For a longer hunt set
``BONEMETS_FUZZ_EXAMPLES``, e.g. ``BONEMETS_FUZZ_EXAMPLES=20000 python -m pytest tests/test_fuzz.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pathwayhelp import CLEAN_PATHWAY, VALID

from bonemets_cli.errors import PathwayLoadError
from bonemets_cli.load import yaml as yamlread
from bonemets_cli.load.catalog import load_catalog
from bonemets_cli.load.loader import PathwayDocument, load_pathway
from bonemets_cli.validate import validate_catalog

EXAMPLES = int(os.environ.get("BONEMETS_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SEEDS = [CLEAN_PATHWAY.read_bytes(), (VALID / "mini.yaml").read_bytes()]


def load_or_refuse(path: Path, data: bytes) -> PathwayDocument | None:
    """The property: a document, or a located PathwayLoadError; nothing else escapes."""
    path.write_bytes(data)
    try:
        return load_pathway(path)
    except PathwayLoadError as exc:
        error = exc
    assert error.location is not None
    assert error.location.file == str(path)
    assert error.location.line >= 1
    assert error.rule
    assert error.message
    assert "\n" not in str(error)
    return None


def checked(path: Path, data: bytes) -> None:
    doc = load_or_refuse(path, data)
    if doc is not None:  # a loadable mutation must also validate without raising
        validate_catalog(load_catalog([], [path]))


@FUZZ
@given(data=st.binary(max_size=2000))
def test_random_bytes(tmp_path: Path, data: bytes) -> None:
    checked(tmp_path / "f.yaml", data)


YAMLISH = st.text(
    alphabet=st.sampled_from([*"abc:-[]{}#&*!|>'\"?,%@` \t\n\r0123456789.~", "\ufeff", "é"]),
    max_size=300,
)


@FUZZ
@given(text=YAMLISH)
def test_random_yaml_punctuation(tmp_path: Path, text: str) -> None:
    checked(tmp_path / "f.yaml", text.encode("utf-8"))


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A valid pathway with one to three edits of the kinds people make by accident."""
    data = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 3))):
        lines = _lines(data)
        if not lines:  # truncated to nothing: no more edits to make
            break
        i = draw(st.integers(0, len(lines) - 1))
        kind = draw(
            st.sampled_from(
                ["delete", "duplicate", "tab", "truncate", "insert", "retype", "swap", "indent"]
            )
        )
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "tab":
            lines[i] = b"\t" + lines[i].lstrip(b" ")
        elif kind == "truncate":
            data = data[: draw(st.integers(0, len(data)))]
            continue
        elif kind == "insert":
            at = draw(st.integers(0, len(lines[i])))
            junk = draw(
                st.binary(min_size=1, max_size=8)
                | st.sampled_from([b":", b"- ", b"&a ", b"*a", b"!!str ", b"{", b"'", b"\xff"])
            )
            lines[i] = lines[i][:at] + junk + lines[i][at:]
        elif kind == "retype":
            key, sep, _ = lines[i].partition(b": ")
            if sep:
                value = draw(
                    st.sampled_from(
                        [
                            b"yes",
                            b"12",
                            b"1.5",
                            b"~",
                            b"[]",
                            b"{}",
                            b"2026-13-45",
                            b'"true"',
                            b"-1",
                            b"[a, b]",
                        ]
                    )
                )
                lines[i] = key + sep + value + b"\n"
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "indent":
            lines[i] = b" " * draw(st.integers(1, 6)) + lines[i]
        data = b"".join(lines)
    return data


@FUZZ
@given(data=mutated())
def test_mutated_valid_pathways(tmp_path: Path, data: bytes) -> None:
    checked(tmp_path / "mini.yaml", data)


@pytest.mark.parametrize("seed", [0, 1])
def test_seeds_themselves_load(tmp_path: Path, seed: int) -> None:
    assert load_or_refuse(tmp_path / "mini.yaml", SEEDS[seed]) is not None


def _paths(value: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    steps = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    return [path] + [p for step, inner in steps for p in _paths(inner, (*path, step))]


def located_everywhere(text: str) -> None:
    """Read or refused at a place, nothing else; when read, every key and value is found
    on a line of the file, and stays there when the data is changed."""
    try:
        doc = yamlread.read_yaml(text.encode("utf-8"), "f.yaml")
    except PathwayLoadError as exc:
        error = exc
    else:
        paths = _paths(doc.data)
        found = [doc.locate(p, key=k) for p in paths for k in (False, True)]
        assert all(1 <= where.line <= len(text.splitlines()) + 1 for where in found)
        doc.data.clear()
        assert [doc.locate(p, key=k) for p in paths for k in (False, True)] == found
        return
    assert error.location is not None
    assert error.location.line >= 1


TOKENS = st.lists(
    st.sampled_from(
        [
            *["a", "b", ": ", "- ", "\n", "  ", "[", "]", "{", "}", ", ", "---\n", "...\n"],
            *["&x ", "*x", "!t ", "!!str ", "? ", "'q'", "1", "~", "true", "2026-01-01"],
            *["[" * 63, "[" * 64, "]" * 64, "{a: " * 64, "}" * 64],
        ]
    ),
    max_size=40,
).map("".join)
"""YAML built from tokens: tags, anchors, several documents, nesting around the limit."""


@FUZZ
@given(text=YAMLISH | TOKENS)
def test_every_value_of_yaml_punctuation_is_located(text: str) -> None:
    located_everywhere(text)


@FUZZ
@given(data=mutated())
def test_every_value_of_a_mutated_pathway_is_located(data: bytes) -> None:
    located_everywhere(data.decode("utf-8", "replace").replace("\x00", ""))
