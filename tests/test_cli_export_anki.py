"""``bonemets export anki``: a deck that Anki itself imports, and re-imports without copies.

The reader is Anki's own Python package (``anki``, its Rust backend inside the wheel): a
fresh collection imports the deck the command wrote; importing the same deck again adds
no note; a deck exported after the wording changed updates the notes in place.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from clihelp import run_bonemets
from quizhelp import QUIZ_DIR

from bonemets_cli.load.catalog import load_catalog, search_dirs
from bonemets_cli.quiz.anki import deck_items, guid
from bonemets_cli.quiz.items import QuizItem

collection_module = pytest.importorskip("anki.collection")
Collection = collection_module.Collection
ImportRequest = collection_module.ImportAnkiPackageRequest
ImportOptions = collection_module.ImportAnkiPackageOptions


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[object]:
    (tmp_path / "collection").mkdir()
    col = Collection(str(tmp_path / "collection" / "collection.anki2"))
    try:
        yield col
    finally:
        col.close()


def import_deck(col: object, deck: Path) -> object:
    request = ImportRequest(package_path=str(deck), options=ImportOptions(with_scheduling=False))
    return col.import_anki_package(request).log  # type: ignore[attr-defined]


def export(tmp_path: Path, name: str, *args: str | Path) -> Path:
    deck = tmp_path / name
    proc = run_bonemets("--pathways-dir", QUIZ_DIR, "export", "anki", "-o", deck, *args)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.startswith(f"bonemets: wrote {deck}: ")
    return deck


def expected(pathway: str | None = "quizlimb") -> list[QuizItem]:
    return deck_items(load_catalog(search_dirs([QUIZ_DIR])), pathway=pathway)


def test_anki_imports_every_item_once_and_a_second_import_adds_nothing(
    tmp_path: Path, collection: object
) -> None:
    items = expected()
    deck = export(tmp_path, "deck.apkg", "--pathway", "quizlimb")
    first = import_deck(collection, deck)
    assert len(first.new) == len(items) > 10  # type: ignore[attr-defined]
    again = import_deck(collection, export(tmp_path, "again.apkg", "--pathway", "quizlimb"))
    assert len(again.new) == 0  # type: ignore[attr-defined]
    assert collection.note_count() == len(items)  # type: ignore[attr-defined]

    # each note: its GUID from the item id, tags by pathway, stage and type, the answer,
    # explanation and source on the back
    by_guid = {item.id: item for item in items}
    by_guid = {guid(i): item for i, item in by_guid.items()}
    col = collection
    for note_id in col.find_notes(""):  # type: ignore[attr-defined]
        note = col.get_note(note_id)  # type: ignore[attr-defined]
        item = by_guid.pop(note.guid)
        assert note["Item"] == item.id.replace("&", "&amp;")
        assert f"bonemets::pathway::{item.pathway}" in note.tags
        assert f"bonemets::stage::{item.stage}" in note.tags
        assert f"bonemets::type::{item.type.value}" in note.tags
        card = note.cards()[0]
        back = card.answer()
        assert item.correct_text.replace("&", "&amp;").split("<")[0][:20] in back
        assert "Source: " in back
        assert "fixture-" in note["Source"]
    assert by_guid == {}  # every item is a note


def test_a_changed_item_updates_its_note_instead_of_adding_one(
    tmp_path: Path, collection: object
) -> None:
    pathways = tmp_path / "pathways"
    shutil.copytree(QUIZ_DIR, pathways)
    deck = tmp_path / "deck.apkg"
    assert (
        run_bonemets(
            "--pathways-dir", pathways, "export", "anki", "-o", deck, "-t", "bank"
        ).returncode
        == 0
    )
    first = import_deck(collection, deck)
    count = len(first.new)  # type: ignore[attr-defined]
    assert count > 0
    facts = pathways / "quiz" / "facts.yaml"
    facts.write_text(
        facts.read_text().replace(
            "Suspected cord compression is an oncological emergency.",
            "Suspected cord compression is an oncological emergency, act now.",
        )
    )
    # Anki updates a note when the incoming one is newer (to the second), as a later
    # export is: wait for the next second rather than pass Anki an "always update" option
    time.sleep(1.1)
    newer = tmp_path / "newer.apkg"
    assert (
        run_bonemets(
            "--pathways-dir", pathways, "export", "anki", "-o", newer, "-t", "bank"
        ).returncode
        == 0
    )
    second = import_deck(collection, newer)
    assert len(second.new) == 0  # type: ignore[attr-defined]
    assert len(second.updated) == count  # type: ignore[attr-defined] # newer: all updated
    assert collection.note_count() == count  # type: ignore[attr-defined]
    explanations = [
        collection.get_note(n)["Explanation"]  # type: ignore[attr-defined]
        for n in collection.find_notes("")  # type: ignore[attr-defined]
    ]
    assert any(e.endswith("act now.") for e in explanations)


def test_the_deck_is_the_same_items_every_time() -> None:
    a = [(i.id, i.question, [c.text for c in i.choices]) for i in expected(None)]
    b = [(i.id, i.question, [c.text for c in i.choices]) for i in expected(None)]
    assert a == b
    assert [x[0] for x in a] == sorted(x[0] for x in a)


@pytest.mark.parametrize(
    ("output", "message"),
    [("-", "binary file"), ("deck.zip", "ending in .apkg")],
)
def test_a_wrong_output_is_a_usage_error(tmp_path: Path, output: str, message: str) -> None:
    proc = run_bonemets("export", "anki", "-o", output, cwd=tmp_path)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_pathway_is_named(tmp_path: Path) -> None:
    proc = run_bonemets("export", "anki", "-o", tmp_path / "d.apkg", "-p", "nope")
    assert proc.returncode == 1
    assert "no pathway 'nope'" in proc.stderr
    assert not (tmp_path / "d.apkg").exists()
