"""Quiz items as an Anki deck (``.apkg``), written with genanki.

One note per item. A note's GUID comes from the item id alone, so exporting again after
the pathways change updates the notes a learner already has (and keeps their review
history) instead of adding copies. The wording is built with a fixed seed for the same
reason: the same pathways give the same cards. Tags name the pathway, stage and type
(``bonemets::pathway::spine``), so a learner can study one part of the deck.

genanki is an optional extra (``pip install 'bonemets[anki]'``), imported only here.
"""

from __future__ import annotations

import html
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bonemets_cli.errors import BonemetsError
from bonemets_cli.quiz.items import ItemType, QuizItem, letter

if TYPE_CHECKING:
    from bonemets_cli.load.catalog import Catalog

INSTALL_HINT = "install it with: pip install 'bonemets[anki]'"
DECK_NAME = "bonemets: bone metastasis from kidney cancer"
# Anki tells decks and note types apart by these ids: fixed once, never change them, or a
# re-export makes a second deck and note type beside the learner's own
DECK_ID = 1_762_031_840_016
MODEL_ID = 1_762_031_840_017
GUID_NAMESPACE = "bonemets-quiz-item"
WORDING_SEED = 0
FIELDS = ("Question", "Options", "Answer", "Explanation", "Source", "Item")
TAG_PREFIX = "bonemets"

FRONT = """<div class="question">{{Question}}</div>
<ol class="options" type="A">{{Options}}</ol>"""
BACK = """{{FrontSide}}
<hr id="answer">
<div class="answer">{{Answer}}</div>
<div class="explanation">{{Explanation}}</div>
<div class="source">{{Source}}</div>
<div class="item">{{Item}}</div>"""
CSS = """.card { font-family: sans-serif; font-size: 18px; text-align: left; }
.answer { font-weight: bold; margin: 0.5em 0; }
.source, .item { font-size: 14px; color: #555; margin-top: 0.5em; }"""


class AnkiUnavailable(BonemetsError):
    """genanki is not installed."""


def guid(item_id: str) -> str:
    """The note's GUID: from the item id only, so a re-export updates the same note."""
    import genanki

    value: str = genanki.guid_for(GUID_NAMESPACE, item_id)
    return value


def tags(item: QuizItem) -> list[str]:
    """Anki tags (no spaces): pathway, stage and question type."""
    pathway = "fact-bank" if item.pathway == "bank" else item.pathway
    return [
        f"{TAG_PREFIX}::pathway::{pathway}",
        f"{TAG_PREFIX}::stage::{item.stage}",
        f"{TAG_PREFIX}::type::{item.type.value}",
    ]


def fields(item: QuizItem) -> list[str]:
    """The note's fields as HTML, every text escaped; line breaks kept."""
    options = "".join(f"<li>{_html(c.text)}</li>" for c in item.choices)
    answer = f"{letter(item.correct_index)}. {_html(item.correct_text)}"
    sources = "<br>".join(_html(c) for c in item.citations) or _html(", ".join(item.sources))
    return [
        _html(item.question),
        options,
        answer,
        _html(item.explanation),
        f"Source: {sources}" if sources else "",
        _html(item.id),
    ]


def _html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def deck_bytes(items: Sequence[QuizItem], *, name: str = DECK_NAME) -> bytes:
    """The ``.apkg`` file for these items: one note each."""
    genanki = _genanki()
    model = genanki.Model(
        MODEL_ID,
        "bonemets quiz item",
        fields=[{"name": f} for f in FIELDS],
        templates=[{"name": "Question", "qfmt": FRONT, "afmt": BACK}],
        css=CSS,
        sort_field_index=FIELDS.index("Question"),
    )
    deck = genanki.Deck(DECK_ID, name)
    for item in items:
        deck.add_note(
            genanki.Note(model=model, fields=fields(item), guid=guid(item.id), tags=tags(item))
        )
    with tempfile.TemporaryDirectory(prefix="bonemets-anki-") as folder:
        path = Path(folder) / "deck.apkg"
        genanki.Package(deck).write_to_file(os.fspath(path))
        return path.read_bytes()


def _genanki() -> Any:
    try:
        import genanki
    except ImportError as exc:
        raise AnkiUnavailable(f"Anki export needs genanki ({exc.msg}); {INSTALL_HINT}") from None
    return genanki


def deck_items(
    catalog: Catalog, *, pathway: str | None = None, types: Sequence[ItemType] = tuple(ItemType)
) -> list[QuizItem]:
    """Every item the generator makes from the loaded pathways and banks, worded with a
    fixed seed and sorted by id, so the same pathways give the same deck."""
    from bonemets_cli.load.catalog import load_banks
    from bonemets_cli.quiz.generate import build_pool

    bank = load_banks(catalog.folders) if ItemType.BANK in types else []
    pool = build_pool(catalog, bank, pathway=pathway, types=types)
    items = (pool.item(item_id, WORDING_SEED) for item_id in sorted(pool.candidates))
    return [item for item in items if item is not None]  # None: no wording keeps the rules
