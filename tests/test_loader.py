"""Loading pathway files into the model: every fault as ``file:line:col: message``.

The invalid corpus lives in ``tests/data/invalid/`` with its expectations in
``EXPECTED.yaml``; the files that cannot be read into the model are checked here, the
ones that load but break a pathway rule in ``test_validate.py``.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from pathwayhelp import CLEAN_PATHWAY, INVALID, VALID, PathwayBuilder, clean_pathway_data

from bonemets_cli.errors import Location, PathwayLoadError
from bonemets_cli.load.catalog import load_catalog
from bonemets_cli.load.loader import LoadErrors, load_bibliography, load_model, load_pathway
from bonemets_cli.load.yaml import MAX_BYTES
from bonemets_cli.model import Bibliography, OutcomeNode, Pathway, QuestionNode, Urgency

EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load(
    (INVALID / "EXPECTED.yaml").read_text(encoding="utf-8")
)
READ_RULES = {
    "yaml-syntax", "tab", "empty-file", "not-a-mapping", "multiple-documents", "unknown-key",
    "missing-key", "wrong-type", "duplicate-key", "tag", "alias", "too-deep", "too-large",
    "encoding", "newer-schema", "io",
}  # fmt: skip
CATALOG_RULES = {"path-escape", "missing-bibliography"}
"""Rules about a pathway's file references: the pathway loads, the catalog refuses the link."""

READ_CASES = sorted(n for n, e in EXPECTED.items() if e["rule"] in READ_RULES)
CATALOG_CASES = sorted(n for n, e in EXPECTED.items() if e["rule"] in CATALOG_RULES)


def test_the_corpus_and_its_expectations_match() -> None:
    on_disk = {p.name for p in INVALID.iterdir() if p.name != "EXPECTED.yaml"}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", READ_CASES)
def test_each_unreadable_file_is_refused_with_its_rule_and_place(name: str) -> None:
    expected = EXPECTED[name]
    path = INVALID / name
    with pytest.raises(PathwayLoadError) as info:
        load_pathway(path)
    err = info.value
    assert err.rule == expected["rule"]
    assert err.location == Location(str(path), expected["line"], expected["col"])
    assert expected["message"] in err.message
    line = str(err)
    assert line.startswith(f"{path}:{expected['line']}:{expected['col']}: ")
    assert "\n" not in line


@pytest.mark.parametrize("name", CATALOG_CASES)
def test_each_bad_file_reference_is_refused_by_the_catalog(name: str) -> None:
    expected = EXPECTED[name]
    path = INVALID / name
    catalog = load_catalog([], [path])
    assert [e.rule for e in catalog.errors] == [expected["rule"]]
    err = catalog.errors[0]
    assert err.location == Location(str(path), expected["line"], expected["col"])
    assert expected["message"] in err.message


def test_the_valid_fixtures_load() -> None:
    doc = load_pathway(VALID / "mini.yaml")
    pathway = doc.pathway
    assert pathway.id == "mini"
    assert pathway.reviewed == dt.date(2026, 1, 1)
    ask = pathway.nodes["ask"]
    assert isinstance(ask, QuestionNode)
    assert [o.id for o in ask.options] == ["yes", "no"]  # YAML 1.2: not True/False
    assert ask.options[0].red_flag is True
    emergency = pathway.nodes["emergency"]
    assert isinstance(emergency, OutcomeNode)
    assert emergency.urgency is Urgency.EMERGENCY
    bib = load_bibliography(VALID / "bibliography.yaml")
    assert set(bib.bibliography.sources) == {"test-guide", "test-paper"}
    assert doc.locate("nodes", "ask", "options", 1, "next") == Location(
        str(VALID / "mini.yaml"), 29, 15
    )


def test_load_model_gives_the_same_guarantees_for_any_model(
    pathway_builder: PathwayBuilder,
) -> None:
    path = pathway_builder("bib.yaml", "schema_version: 1\nsources:\n  a:\n    titel: X\n")
    with pytest.raises(PathwayLoadError) as info:
        load_model(path, Bibliography)
    assert info.value.rule == "unknown-key"
    assert info.value.location == Location(str(path), 4, 5)
    assert "did you mean 'title'?" in info.value.message
    source, model = load_model(VALID / "bibliography.yaml", Bibliography)
    assert model.sources["test-paper"].kind == "secondary"
    assert source.locate(("sources", "test-paper")).line == 9


def test_oversized_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "too-large.yaml"
    with path.open("wb") as handle:  # sparse: 200 MB on paper, nothing on disk
        handle.truncate(200 * 1024 * 1024)
    started = time.perf_counter()
    with pytest.raises(PathwayLoadError) as info:
        load_pathway(path)
    assert time.perf_counter() - started < 2
    err = info.value
    assert err.rule == "too-large"
    assert err.location == Location(str(path), 1, 1)
    assert f"over the {MAX_BYTES:,}-byte limit" in err.message


def test_a_folder_is_not_a_pathway_file(tmp_path: Path) -> None:
    folder = tmp_path / "looks-like.yaml"
    folder.mkdir()
    with pytest.raises(PathwayLoadError) as info:
        load_pathway(folder)
    assert info.value.rule == "io"
    assert str(info.value) == f"{folder}: is a folder, expected a .yaml file"


def test_missing_file_is_an_io_error(tmp_path: Path) -> None:
    with pytest.raises(PathwayLoadError) as info:
        load_pathway(tmp_path / "absent.yaml")
    assert info.value.rule == "io"
    assert "cannot read" in info.value.message


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("schema_version", "2", "schema_version: should be a valid integer, got '2'"),
        ("schema_version", 0, "schema_version: should be greater than or equal to 1"),
        ("entry", "yes", "entry: should be a valid boolean, got 'yes'"),
        ("version", 1.0, "version: expected text, got float 1.0 (quote it)"),
        ("version", "v1", "'v1' is not a version like '1.2.0'"),
        ("title", ["a"], "title: expected text, got list"),
        ("title", "  ", "title: must not be empty"),
        ("reviewed", "soon", "reviewed: 'soon' is not a date: write YYYY-MM-DD"),
        ("reviewed", "2026-02-30", "'2026-02-30' is not a date"),
        ("start", "Start", "'Start' is not a valid id"),
        ("audience", [], "audience: needs at least 1 item, has 0"),
        ("nodes", [], "nodes: should be a valid dictionary"),
    ],
)
def test_wrong_types_are_located_at_the_value(
    pathway_builder: PathwayBuilder, field: str, value: object, fragment: str
) -> None:
    path = pathway_builder("p.yaml", clean_pathway_data(**{field: value}))
    with pytest.raises(PathwayLoadError) as info:
        load_pathway(path)
    err = info.value
    assert err.rule == "wrong-type"
    assert fragment in err.message
    text = path.read_text().splitlines()
    assert err.location is not None
    assert text[err.location.line - 1].startswith(f"{field}:")


def edited(old: str, new: str) -> str:
    text = CLEAN_PATHWAY.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def test_a_misspelt_key_is_the_one_reported_not_the_missing_right_one(
    pathway_builder: PathwayBuilder,
) -> None:
    path = pathway_builder("p.yaml", edited("summary:", "sumary:"))
    with pytest.raises(LoadErrors) as info:
        load_pathway(path)
    assert [(e.rule, e.message) for e in info.value.errors] == [
        ("unknown-key", "unknown key 'sumary'; did you mean 'summary'?")
    ]
    assert info.value.location == Location(str(path), 5, 1)


def test_an_unknown_key_without_a_near_miss_lists_the_allowed_keys(
    pathway_builder: PathwayBuilder,
) -> None:
    path = pathway_builder(
        "p.yaml", edited("    urgency: routine\n", "    urgency: routine\n    zzz: 1\n")
    )
    with pytest.raises(PathwayLoadError) as info:
        load_pathway(path)
    assert info.value.rule == "unknown-key"
    assert "unknown key 'zzz'; allowed here: title, text, lay, discuss" in info.value.message
    assert "urgency, action" in info.value.message


def test_a_bad_option_does_not_also_make_the_list_too_short(
    pathway_builder: PathwayBuilder,
) -> None:
    path = pathway_builder("p.yaml", edited('        label: "Yes"\n', '        lable: "Yes"\n'))
    with pytest.raises(LoadErrors) as info:
        load_pathway(path)
    assert [e.rule for e in info.value.errors] == ["unknown-key"]
    assert str(info.value) == f"{path}:23:9: unknown key 'lable'; did you mean 'label'?"


def test_a_question_with_one_option_says_so(pathway_builder: PathwayBuilder) -> None:
    path = pathway_builder(
        "p.yaml", edited('      - id: no\n        label: "No"\n        next: explain\n', "")
    )
    with pytest.raises(PathwayLoadError) as info:
        load_pathway(path)
    assert str(info.value) == f"{path}:22:7: nodes.start.options: needs at least 2 items, has 1"


def test_node_kind_errors(pathway_builder: PathwayBuilder) -> None:
    path = pathway_builder("p.yaml", edited("    kind: info\n", "    kind: infoo\n"))
    with pytest.raises(PathwayLoadError) as info:
        load_pathway(path)
    assert str(info.value) == (
        f"{path}:29:11: nodes.explain: unknown node kind 'infoo'; use one of question, info, "
        "score, outcome"
    )
    path = pathway_builder("q.yaml", edited("    kind: info\n", ""))
    with pytest.raises(PathwayLoadError) as info:
        load_pathway(path)
    assert info.value.rule == "missing-key"
    assert info.value.location == Location(str(path), 29, 5)


def test_several_schema_faults_are_all_kept_in_file_order(pathway_builder: PathwayBuilder) -> None:
    text = edited("urgency: routine", "urgency: later").replace("stage: imaging", "stage: scan")
    path = pathway_builder("p.yaml", text)
    with pytest.raises(LoadErrors) as info:
        load_pathway(path)
    errors = info.value.errors
    assert [(e.location.line if e.location else 0) for e in errors] == [31, 49]
    assert "and 1 more: run 'bonemets validate" in str(info.value)
    assert "'emergency', 'urgent', 'soon' or 'routine', got 'later'" in errors[1].message


def test_newer_schema_is_reported_before_the_unknown_keys_it_brings(
    pathway_builder: PathwayBuilder,
) -> None:
    path = pathway_builder("p.yaml", clean_pathway_data(schema_version=7, new_feature=True))
    with pytest.raises(PathwayLoadError) as info:
        load_pathway(path)
    assert info.value.rule == "newer-schema"
    assert "written for a newer bonemets (schema_version 7" in info.value.message
    assert "pip install --upgrade bonemets" in info.value.message


@pytest.mark.parametrize("name", ["../bibliography.yaml", "sub/../../x.yaml", "/etc/passwd"])
def test_the_bibliography_reference_cannot_leave_the_folder(
    pathway_builder: PathwayBuilder, tmp_path: Path, name: str
) -> None:
    (tmp_path / "bibliography.yaml").write_text("schema_version: 1\nsources: {}\n")
    path = pathway_builder("p.yaml", clean_pathway_data(bibliography=name), folder="inner")
    catalog = load_catalog([], [path])
    assert [e.rule for e in catalog.errors] == ["path-escape"]
    assert catalog.bibliographies == []


def test_a_symlinked_bibliography_leading_out_is_refused(
    pathway_builder: PathwayBuilder, tmp_path: Path
) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("schema_version: 1\nsources: {}\n")
    path = pathway_builder("p.yaml", clean_pathway_data(bibliography="refs.yaml"), folder="inner")
    os.symlink(outside, path.parent / "refs.yaml")
    assert [e.rule for e in load_catalog([], [path]).errors] == ["path-escape"]


def test_a_pathway_may_name_another_bibliography_beside_it(
    pathway_builder: PathwayBuilder,
) -> None:
    path = pathway_builder("p.yaml", clean_pathway_data(bibliography="refs.yaml"), folder="f")
    pathway_builder("refs.yaml", "schema_version: 1\nsources:\n  extra: {title: X}\n", folder="f")
    catalog = load_catalog([], [path])
    assert catalog.errors == []
    assert "extra" in catalog.sources_for(catalog.get("clean"))


def test_each_citable_source_points_at_its_definition() -> None:
    catalog = load_catalog([VALID])
    pool = catalog.sources_for(catalog.get("clean"))
    assert pool["ref"].location == Location(str(VALID / "clean.yaml"), 12, 3)
    assert pool["test-paper"].location == Location(str(VALID / "bibliography.yaml"), 8, 3)
    assert pool["test-paper"].source.year == 2020


def test_model_is_frozen() -> None:
    pathway = load_pathway(CLEAN_PATHWAY).pathway
    with pytest.raises(ValueError, match="frozen"):
        pathway.id = "other"  # type: ignore[misc]
    assert isinstance(pathway, Pathway)


def test_a_bad_node_id_is_located_at_the_key(pathway_builder: PathwayBuilder) -> None:
    path = pathway_builder(
        "p.yaml", edited("  explain:\n", "  Explain:\n").replace("next: explain", "next: Explain")
    )
    with pytest.raises(LoadErrors) as info:
        load_pathway(path)
    located = {(e.location.line, e.location.col) for e in info.value.errors if e.location}
    assert (28, 3) in located  # the key "Explain:", where the editor should go
    assert any("'Explain' is not a valid id" in e.message for e in info.value.errors)
