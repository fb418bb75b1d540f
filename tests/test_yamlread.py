"""The position-keeping YAML reader: YAML 1.2 core typing, exact locations, refusals."""

from __future__ import annotations

import ast
import datetime as dt
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bonemets_cli.errors import Location, PathwayLoadError
from bonemets_cli.load import yaml as yamlread
from bonemets_cli.load.yaml import MAX_BYTES, MAX_DEPTH, read_yaml


@pytest.fixture(params=["C", "pure"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with libyaml's parser and with PyYAML's pure-Python one (the fallback)."""
    if request.param == "pure":
        monkeypatch.setattr(yamlread, "_Loader", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML built without libyaml")
    return str(request.param)


def refused(data: bytes | str, file: str = "f.yaml") -> PathwayLoadError:
    raw = data.encode() if isinstance(data, str) else data
    with pytest.raises(PathwayLoadError) as info:
        read_yaml(raw, file)
    return info.value


@pytest.mark.parametrize(
    ("plain", "expected"),
    [
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("NO", "NO"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("12", 12),
        ("-3", -3),
        ("012", 12),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        ("2026-01-31", dt.date(2026, 1, 31)),
        ("2026-02-30", "2026-02-30"),
        ("1.2.0", "1.2.0"),
        ("12:30", "12:30"),
    ],
)
def test_plain_scalars_follow_yaml_1_2_core(plain: str, expected: object) -> None:
    doc = read_yaml(f"value: {plain}\n".encode(), "f.yaml")
    assert doc.data["value"] == expected
    assert type(doc.data["value"]) is type(expected)


def test_id_yes_is_the_string_yes_and_quoted_values_stay_text() -> None:
    doc = read_yaml(b'id: yes\nflag: "true"\nnum: \'12\'\nday: "2026-01-01"\n', "f.yaml")
    assert doc.data == {"id": "yes", "flag": "true", "num": "12", "day": "2026-01-01"}


def test_keys_are_always_text() -> None:
    doc = read_yaml(b"1: a\ntrue: b\n~: c\n", "f.yaml")
    assert doc.data == {"1": "a", "true": "b", "~": "c"}


def test_locate_points_at_values_keys_and_list_items() -> None:
    text = (
        "top: 1\nnodes:\n  start:\n    title: Hello\n    options:\n      - id: a\n      - id: b\n"
    )
    doc = read_yaml(text.encode(), "p.yaml")
    assert doc.locate(("top",)) == Location("p.yaml", 1, 6)
    assert doc.locate(("nodes", "start"), key=True) == Location("p.yaml", 3, 3)
    assert doc.locate(("nodes", "start", "title")) == Location("p.yaml", 4, 12)
    assert doc.locate(("nodes", "start", "options", 1)) == Location("p.yaml", 7, 9)
    assert doc.locate(("nodes", "start", "options", 1, "id")) == Location("p.yaml", 7, 13)
    # an unknown step stops at the deepest known place: the block mapping's first key
    assert doc.locate(("nodes", "start", "missing")) == Location("p.yaml", 4, 5)
    assert doc.locate(()) == Location("p.yaml", 1, 1)


def test_changing_the_data_leaves_the_positions_alone() -> None:
    text = "a: 1\nnodes:\n  x: {title: T}\n  y:\n    - one\n    - two\n"
    doc = read_yaml(text.encode(), "f.yaml")
    before = {
        (path, key): doc.locate(path, key=key)
        for path in [("a",), ("nodes", "x", "title"), ("nodes", "y", 1), ("nodes", "y")]
        for key in (False, True)
    }
    doc.data["nodes"]["y"].reverse()
    doc.data["nodes"]["y"].insert(0, "zero")
    del doc.data["nodes"]["x"]
    doc.data["a"] = {"new": [1, 2]}
    doc.data.clear()
    assert {(p, k): doc.locate(p, key=k) for p, k in before} == before
    assert before[(("nodes", "y", 1), False)] == Location("f.yaml", 6, 7)
    assert before[(("nodes", "x", "title"), True)] == Location("f.yaml", 3, 7)


def test_a_step_of_the_wrong_kind_is_skipped() -> None:
    doc = read_yaml(b"a:\n  - x\n  - y\nb: {'1': z}\n", "f.yaml")
    assert doc.locate(("a", "1")) == Location("f.yaml", 2, 3)  # a key in a list: the list
    assert doc.locate(("a", True)) == Location("f.yaml", 2, 3)
    assert doc.locate(("a", -1)) == Location("f.yaml", 2, 3)
    assert doc.locate(("b", 1)) == Location("f.yaml", 4, 4)  # an index in a mapping: the map
    assert doc.locate(("b", "1")) == Location("f.yaml", 4, 10)
    assert doc.locate(("a", 0, "deeper")) == Location("f.yaml", 2, 5)  # into a scalar: it


def test_the_load_package_has_no_import_cycle() -> None:
    """Not even through an import inside a function: each module may import only those
    below it (yaml ← loader ← catalog)."""
    folder = Path(yamlread.__file__).parent
    graph: dict[str, set[str]] = {}
    for path in folder.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[path.stem] = {
            name.removeprefix("bonemets_cli.load.")
            for node in ast.walk(tree)
            if isinstance(node, (ast.Import, ast.ImportFrom))
            for name in (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [alias.name for alias in node.names]
            )
            if name.startswith("bonemets_cli.load.")
        }

    def reaches(start: str, seen: frozenset[str]) -> set[str]:
        found = set()
        for name in graph.get(start, set()) - seen:
            found |= {name} | reaches(name, seen | {name})
        return found

    assert {"yaml", "loader", "catalog"} <= set(graph)
    assert [m for m in graph if m in reaches(m, frozenset())] == []
    assert graph["yaml"] == set()


KEYS = st.text(alphabet="abcxyz_", min_size=1, max_size=4)
WORDS = st.text(alphabet="abcdefgh ", min_size=1, max_size=6).map(str.strip).filter(bool)
TREES = st.recursive(
    st.integers(-99, 999) | WORDS | st.booleans(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=30,
)


def _paths(node: object, path: tuple[object, ...] = ()) -> list[tuple[tuple[object, ...], object]]:
    if isinstance(node, dict):
        items: list[tuple[object, object]] = list(node.items())
    elif isinstance(node, list):
        items = list(enumerate(node))
    else:
        return []
    found = []
    for step, value in items:
        found.append(((*path, step), value))
        found += _paths(value, (*path, step))
    return found


@settings(max_examples=150, deadline=None)
@given(data=st.dictionaries(KEYS, TREES, min_size=1, max_size=5), flow=st.booleans())
def test_every_key_and_value_is_located_where_it_is_written(
    data: dict[str, object], flow: bool
) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, sort_keys=False, width=1000)
    doc = read_yaml(text.encode(), "f.yaml")
    assert doc.data == data
    lines = text.splitlines()

    def written_at(location: Location) -> str:
        return lines[location.line - 1][location.col - 1 :]

    for path, value in _paths(data):
        if isinstance(path[-1], str):
            assert written_at(doc.locate(path, key=True)).startswith(path[-1])
        shown = yaml.safe_dump(value, default_flow_style=True, width=1000).splitlines()[0]
        if not isinstance(value, (dict, list)):
            assert written_at(doc.locate(path)).startswith(shown.removesuffix(" ..."))
        elif not value:  # an empty container is written as {} or []
            assert written_at(doc.locate(path)).startswith(shown[:1])


def test_bom_is_ignored() -> None:
    assert read_yaml(b"\xef\xbb\xbfid: x\n", "f.yaml").data == {"id": "x"}


def test_tab_inside_a_flow_list_is_fine_but_not_in_indentation() -> None:
    assert read_yaml(b"a: [1,\t2]\n", "f.yaml").data == {"a": [1, 2]}
    err = refused("a:\n  b: 1\n \tc: 2\n")
    assert (err.rule, err.location) == ("tab", Location("f.yaml", 3, 2))


def test_a_tab_in_a_block_scalars_text_is_kept() -> None:
    """Only indentation must be spaces: a tab after it, in ``|`` text, is the author's."""
    doc = read_yaml(b"text: |\n  one\n  \ttwo\n", "f.yaml")
    assert doc.data == {"text": "one\n\ttwo\n"}


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a:\n\tb: 1\n", (2, 1)),  # a key indented with a tab
        ("a:\n\t- 1\n", (2, 1)),  # a list item indented with a tab
        ("a:\n  b: 1\n  c: x\n\td: 2\n", (4, 1)),  # a tab where a plain value could go on
    ],
)
def test_a_tab_used_as_indentation_is_refused_where_it_is(
    text: str, where: tuple[int, int]
) -> None:
    err = refused(text)
    assert (err.rule, err.location) == ("tab", Location("f.yaml", *where))
    assert "tab in indentation" in err.message


@pytest.mark.parametrize(
    ("text", "first", "where"),
    [
        ("a:\n  b: 1\n  c: 2\n  b: 3\n", 2, (4, 3)),
        ("a:\n  c: [1, {b: 2}]\n  b:\n    x: 1\n  d: {b: 3}\n  b: 4\n", 3, (6, 3)),
        ("b: 1\nc:\n  - b: 2\nb: 3\n", 1, (4, 1)),
    ],
)
def test_duplicate_key_names_both_lines(text: str, first: int, where: tuple[int, int]) -> None:
    err = refused(text)
    assert err.rule == "duplicate-key"
    assert err.location == Location("f.yaml", *where)
    assert f"duplicate key 'b' (first at line {first})" in err.message


def test_same_key_in_different_mappings_is_fine() -> None:
    assert read_yaml(b"a: {id: 1}\nb: {id: 2}\n", "f.yaml").data == {"a": {"id": 1}, "b": {"id": 2}}


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("a: !!python/object:os.system x\n", "python/object:os.system"),
        ("a: !!python/name:os.system ''\n", "python/name:os.system"),
        ("a: !include other.yaml\n", "!include"),
        ("a: !!str 12\n", "tag:yaml.org,2002:str"),
        ("a: !!binary aGk=\n", "binary"),
        ("a: !!set {x, y}\n", "set"),
        ("a: !custom [1]\n", "!custom"),
    ],
)
def test_every_tag_is_refused(parser: str, text: str, tag: str) -> None:
    err = refused(text)
    assert err.rule == "tag"
    assert err.location == Location("f.yaml", 1, 4)
    assert tag in err.message


def test_aliases_are_refused_at_first_use_but_anchors_alone_are_harmless(parser: str) -> None:
    assert read_yaml(b"a: &x 1\n", "f.yaml").data == {"a": 1}
    err = refused("a: &x {b: 1}\nc:\n  <<: *x\n")
    assert (err.rule, err.location) == ("alias", Location("f.yaml", 3, 7))


def test_billion_laughs_is_refused_quickly(parser: str) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    started = time.perf_counter()
    err = refused("\n".join(lines) + "\n")
    assert err.rule == "alias"
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize(
    ("opening", "closing"), [("[", "]"), ("{a: ", "}"), ("- ", ""), ("[{a: ", "}]")]
)
def test_100000_levels_of_nesting_are_refused_without_recursion_error(
    parser: str, opening: str, closing: str
) -> None:
    text = "a: " + opening * 100_000 + closing * 100_000 + "\n"
    if opening == "- ":  # block sequences nest on one line too: "- - - - x"
        text = "a:\n  " + "- " * 100_000 + "x\n"
    started = time.perf_counter()
    err = refused(text)
    assert err.rule == "too-deep"
    assert f"nested deeper than {MAX_DEPTH} levels" in err.message
    assert err.location is not None
    assert err.location.line in (1, 2)
    assert time.perf_counter() - started < 5


def test_nesting_up_to_the_limit_is_read() -> None:
    depth = MAX_DEPTH - 1  # the top-level mapping is one level
    doc = read_yaml(("a: " + "[" * depth + "]" * depth + "\n").encode(), "f.yaml")
    value = doc.data["a"]
    for _ in range(depth - 1):
        value = value[0]
    assert value == []


def test_block_nesting_reports_the_first_line_too_deep() -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 5))
    err = refused(text)
    assert err.rule == "too-deep"
    assert err.location == Location("f.yaml", MAX_DEPTH + 1, 2 * MAX_DEPTH + 1)


@pytest.mark.parametrize(
    ("data", "rule", "line", "col", "fragment"),
    [
        (b"", "empty-file", 1, 1, "empty file"),
        (b"# just a comment\n", "empty-file", 1, 1, "empty file"),
        (b"~\n", "empty-file", 1, 1, "empty file"),
        (b"\n\n- a\n", "not-a-mapping", 3, 1, "not a list"),
        (b"just text\n", "not-a-mapping", 1, 1, "not a string"),
        (b"42\n", "not-a-mapping", 1, 1, "not a number"),
        (b"a: 1\n---\nb: 2\n", "multiple-documents", 2, 1, "several YAML documents"),
        (b"? [a]\n: 1\n", "yaml-syntax", 1, 3, "a key must be a plain name"),
        (b"a: [1, 2\n", "yaml-syntax", 2, 1, "YAML syntax error"),
        (b"a: 'open\n", "yaml-syntax", 2, 1, "YAML syntax error"),
        # the hint points at the key indented out of line, where the author must fix it
        (b"a: 1\n b: 2\n", "yaml-syntax", 2, 2, "is indented 1 space where the line"),
        (b"x: \x89PNG\x00", "encoding", 1, 8, "binary file"),
        (b"a: ok\nb: caf\xe9\n", "encoding", 2, 7, "invalid UTF-8"),
        ("a: 1\n".encode("utf-16"), "encoding", 1, 4, "binary file"),
    ],
)
def test_refusals_have_a_rule_and_an_exact_place(
    data: bytes, rule: str, line: int, col: int, fragment: str
) -> None:
    err = refused(data)
    assert err.rule == rule
    assert err.location == Location("f.yaml", line, col)
    assert fragment in err.message
    assert str(err).startswith(f"f.yaml:{line}:{col}: ")


def test_over_the_size_limit_is_refused_before_parsing() -> None:
    err = refused(b"#" * (MAX_BYTES + 1))
    assert err.rule == "too-large"
    assert err.location == Location("f.yaml", 1, 1)
    assert f"{MAX_BYTES:,}-byte limit" in err.message
    assert read_yaml(b"a: 1\n" + b"#" * (MAX_BYTES - 6) + b"\n", "f.yaml").data == {"a": 1}


@pytest.mark.parametrize(("data", "line", "col"), [(b"\x01", 1, 1), (b"a: 1\nb: x\x07y\n", 2, 5)])
def test_control_characters_are_one_located_line(
    parser: str, data: bytes, line: int, col: int
) -> None:
    err = refused(data)
    assert err.rule == "encoding"
    assert err.location == Location("f.yaml", line, col)
    assert "control character U+00" in err.message
    assert "\n" not in str(err)


def test_too_many_values_are_refused_quickly() -> None:
    from bonemets_cli.load.yaml import MAX_EVENTS

    started = time.perf_counter()
    err = refused("a: [" + "1," * (MAX_EVENTS + 10) + "1]\n")
    assert time.perf_counter() - started < 3
    assert err.rule == "too-large"
    assert f"more than {MAX_EVENTS:,} YAML values" in err.message
    assert err.location is not None
    assert err.location.line == 1


@pytest.mark.parametrize(("limit", "col"), [(10, 20), (11, 23)])
def test_the_value_limit_refuses_at_the_first_value_past_it(
    parser: str, monkeypatch: pytest.MonkeyPatch, limit: int, col: int
) -> None:
    # events: stream, document, mapping, 'a', list, then 1..7 from column 5, 3 apart
    monkeypatch.setattr(yamlread, "MAX_EVENTS", limit)
    err = refused("a: [1, 2, 3, 4, 5, 6, 7]\n")
    assert (err.rule, err.location) == ("too-large", Location("f.yaml", 1, col))


def test_a_file_of_exactly_the_value_limit_is_read(
    parser: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # stream, document and mapping, 'a', '1', then three ends: eight events
    monkeypatch.setattr(yamlread, "MAX_EVENTS", 8)
    assert read_yaml(b"a: 1\n", "f.yaml").data == {"a": 1}
    monkeypatch.setattr(yamlread, "MAX_EVENTS", 7)
    assert refused("a: 1\n").rule == "too-large"


def test_a_realistic_large_pathway_is_under_the_value_limit() -> None:
    """A 2,000-node file (twice the benchmark's files) still reads."""
    nodes = "".join(
        f"  n{i}:\n    kind: info\n    title: T\n    text: X\n    stage: imaging\n"
        f"    sources: [a, b]\n    next: n{i + 1}\n"
        for i in range(2000)
    )
    doc = read_yaml(("nodes:\n" + nodes).encode(), "f.yaml")
    assert len(doc.data["nodes"]) == 2000
