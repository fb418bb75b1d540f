"""What a shipped leaflet says is for patients: plain words in every box, questions that
are questions, no box that contradicts itself, sources a reader can take in, local
contact lines, and the emergency advice the clinical reference gives."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from clihelp import run_bonemets

from bonemets_cli.export.contacts import load_contacts
from bonemets_cli.export.leaflet import (
    EMERGENCY_INTRO,
    ESCALATES,
    NO_SIGNS_INTRO,
    OTHER_SIGNS_INTRO,
    Leaflet,
    build_leaflet,
    has_leaflet,
)
from bonemets_cli.export.render import render
from bonemets_cli.load.catalog import Catalog, builtin_dir, load_catalog
from bonemets_cli.model.wording import (
    LAY_EMERGENCY_ACTION,
    LAY_EMERGENCY_SOURCES,
    LAY_URGENCY,
    LEAFLET_DISCLAIMER,
)
from bonemets_cli.validate.readability import as_sentence, reading_level

ROOT = Path(__file__).parent.parent
LEAFLET = Path(__file__).parent / "data" / "leaflet"
TARGET = 60.0


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog([builtin_dir()])


@pytest.fixture(scope="module")
def leaflets(catalog: Catalog) -> dict[str, Leaflet]:
    return {
        pid: build_leaflet(catalog, pid)
        for pid, doc in sorted(catalog.pathways.items())
        if has_leaflet(doc.pathway)
    }


def _boxes(leaflet: Leaflet) -> Iterator[tuple[str, str]]:
    """(name, text) of every box of running text the leaflet prints (headings aside)."""
    panel = [leaflet.emergency_action, leaflet.emergency_intro]
    panel += [f"{s.statement} {s.when}" for s in leaflet.warning_signs]
    yield "emergency panel", " ".join(as_sentence(t) for t in panel)
    yield "opening paragraph", leaflet.summary
    for e in leaflet.emergencies:
        yield e.title, f"{as_sentence(e.text)} {as_sentence(e.action)}"
    for s in leaflet.other_signs:
        yield s.title, f"{s.statement} {s.when} {LAY_URGENCY[s.urgency]}"
    for section in leaflet.sections:
        for item in section.items:
            yield item.title, " ".join(as_sentence(t) for t in (item.text, item.urgency) if t)
    if leaflet.questions:
        yield "questions", " ".join(leaflet.questions)
    if leaflet.tell:
        yield "things to tell", " ".join(as_sentence(t) for t in leaflet.tell)
    yield "disclaimer", leaflet.disclaimer


def test_every_box_of_every_shipped_leaflet_reads_easily(leaflets: dict[str, Leaflet]) -> None:
    """Flesch Reading Ease ≥ 60 box by box, not only on average (PIF: reading age 9–11)."""
    hard = [
        (pid, name, reading_level(text).ease)
        for pid, leaflet in leaflets.items()
        for name, text in _boxes(leaflet)
        if reading_level(text).ease < TARGET
    ]
    assert hard == []


def test_the_fixed_wording_reads_easily() -> None:
    fixed = [
        LAY_EMERGENCY_ACTION,
        EMERGENCY_INTRO,
        NO_SIGNS_INTRO,
        OTHER_SIGNS_INTRO,
        ESCALATES,
        LEAFLET_DISCLAIMER,
        *LAY_URGENCY.values(),
    ]
    assert [t for t in fixed if reading_level(as_sentence(t)).ease < TARGET] == []


def test_validate_reading_passes_the_shipped_pathways() -> None:
    result = run_bonemets("validate", "--reading", "--strict", str(ROOT / "pathways"))
    assert result.returncode == 0, result.stdout
    assert "(reading-level)" not in result.stdout
    assert "(missing-lay)" not in result.stdout


def test_the_opening_paragraph_is_the_lay_summary(leaflets: dict[str, Leaflet]) -> None:
    catalog = load_catalog([builtin_dir()])
    for pid, leaflet in leaflets.items():
        assert leaflet.summary == catalog.pathways[pid].pathway.lay_summary


def test_questions_to_ask_are_questions(leaflets: dict[str, Leaflet]) -> None:
    for pid, leaflet in leaflets.items():
        assert leaflet.questions, pid
        for question in leaflet.questions:
            assert question.endswith("?"), (pid, question)
            assert not question.startswith(("Ask", '"', "“")), (pid, question)
        for line in leaflet.tell:
            assert not line.endswith("?"), (pid, line)
            assert "these" not in line.split(), (pid, line)  # no sign list it points back to


TIMEFRAME = re.compile(r"within (?:about )?(?:\d+|a few|few)? ?(?:hours?|days?|weeks?)", re.I)


def test_no_box_gives_two_different_timeframes(leaflets: dict[str, Leaflet]) -> None:
    """A box says how soon once: the "how soon" line never adds a timeframe of its own
    beside the step's ("within days" beside "MRI within 1 week")."""
    for urgency, words in LAY_URGENCY.items():
        assert not TIMEFRAME.search(words), urgency
    for pid, leaflet in leaflets.items():
        for name, text in _boxes(leaflet):
            found = {m.group().lower() for m in TIMEFRAME.finditer(text)}
            vague = {f for f in found if not re.search(r"\d", f)}
            assert not (vague and found - vague), (pid, name, found)


def test_page_one_says_what_to_do_with_its_sources(leaflets: dict[str, Leaflet]) -> None:
    """The clinical reference: escalate at once to acute oncology, or emergency services."""
    assert "acute oncology hotline now" in LAY_EMERGENCY_ACTION
    assert "call 999 or go to A&E" in LAY_EMERGENCY_ACTION
    for leaflet in leaflets.values():
        assert leaflet.emergency_action == LAY_EMERGENCY_ACTION
        keys = [c.key for c in leaflet.sources]
        assert set(LAY_EMERGENCY_SOURCES) <= set(keys)


def test_follow_up_questions_are_not_warning_signs(leaflets: dict[str, Leaflet]) -> None:
    """'Where is the suspected break?' is asked once help is needed: not a sign to spot."""
    for leaflet in leaflets.values():
        assert "Where is the suspected break?" not in [s.title for s in leaflet.warning_signs]
    pain = leaflets["pain"]
    weight = next(s for s in pain.warning_signs if s.title == "Other red flags in the pain?")
    assert weight.statement == ""  # the thirst and worsening-pain signs are not emergencies
    assert "cannot put weight" in weight.when


def test_sources_for_patients_then_the_full_references(leaflets: dict[str, Leaflet]) -> None:
    for pid, leaflet in leaflets.items():
        names = leaflet.source_names
        assert 1 <= len(names) <= 16, (pid, names)
        assert len(set(names)) == len(names)
        md = render(leaflet, "md").decode()
        assert md.index("## Where this information comes from") < md.index("## Full references")
        assert md.rstrip().splitlines()[-1].startswith(f"{len(leaflet.sources)}. ")


def test_no_placeholder_titles_in_the_bibliography() -> None:
    sources = yaml.safe_load((ROOT / "pathways" / "bibliography.yaml").read_text("utf-8"))
    for key, source in sources["sources"].items():
        note = " ".join(str(source.get("note", "")).split())
        assert "title describes" not in note, key


def test_contacts_give_feedback_and_other_formats_lines(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "contacts.yaml"
    path.write_text(
        (LEAFLET / "contacts.yaml").read_text()
        + 'other_formats: "Large print, easy read or audio: ask the ward on 01632 960 002"\n'
    )
    leaflet = build_leaflet(catalog, "spine", contacts=load_contacts(path))
    for fmt in ("md", "txt", "html"):
        text = " ".join(render(leaflet, fmt).decode().split())
        assert "Tell us what you think" in text, fmt
        assert "leaflets@example.org" in text, fmt
        assert "Large print and other formats" in text, fmt
        assert "easy read or audio" in text, fmt
    plain = " ".join(render(build_leaflet(catalog, "spine"), "txt").decode().split())
    assert "Large print and other formats" not in plain


def test_a_contact_number_without_digits_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "contacts.yaml"
    path.write_text("organisation: St Elsewhere\nhotline: ask at reception\n")
    result = run_bonemets("leaflet", "spine", "--contacts", str(path))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"bonemets: error: {path}:2:10: hotline: needs a phone number (digits), or leave it "
        "out, got 'ask at reception'"
    ]
