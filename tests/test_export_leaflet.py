"""The leaflet document model: what a printed leaflet says, built from real fixture files."""

from __future__ import annotations

from pathlib import Path

import pytest

from bonemets_cli.errors import UsageError
from bonemets_cli.export.contacts import load_contacts
from bonemets_cli.export.leaflet import (
    Leaflet,
    build_leaflet,
    build_personal_leaflet,
)
from bonemets_cli.load.catalog import Catalog, load_catalog
from bonemets_cli.model import Urgency
from bonemets_cli.model.wording import LAY_URGENCY
from bonemets_cli.model.wording import LEAFLET_DISCLAIMER as DISCLAIMER
from bonemets_cli.walk.replay import replay_route
from bonemets_cli.walk.transcript import ScriptedAnswers, load_answers

DATA = Path(__file__).parent / "data"
VALID = DATA / "valid"
LEAFLET = DATA / "leaflet"


@pytest.fixture
def catalog() -> Catalog:
    return load_catalog([VALID, LEAFLET / "pathways"])


def personal(catalog: Catalog, pathway_id: str, answers: ScriptedAnswers) -> Leaflet:
    """The leaflet of the route the answers take, replayed as ``bonemets leaflet`` does."""
    return build_personal_leaflet(catalog, replay_route(catalog.pathway_set, pathway_id, answers))


def test_emergency_box_holds_red_flags_and_emergency_outcomes(catalog: Catalog) -> None:
    leaflet = build_leaflet(catalog, "mini")
    (sign,) = leaflet.warning_signs
    assert (sign.title, sign.text, sign.answers) == (
        "Red flag?",
        "Are your legs weaker than usual?",  # the question's lay text
        ("Yes",),
    )
    assert sign.urgency is Urgency.EMERGENCY
    assert sign.when == "If you answer “Yes”."
    assert [e.title for e in leaflet.emergencies] == ["Emergency"]
    assert "emergency" in leaflet.emergencies[0].action.lower()
    assert leaflet.other_signs == ()
    listed = [item.title for section in leaflet.sections for item in section.items]
    assert "Emergency" not in listed  # shown once, in the box at the top
    assert "Red flag?" not in listed


def test_option_lay_text_is_the_answer_when_written(catalog: Catalog) -> None:
    leaflet = build_leaflet(catalog, "escape")
    assert [s.answers for s in leaflet.warning_signs] == [
        ("You see <script>alert(1)</script> & more",)
    ]


def test_signs_are_sorted_by_how_soon_their_answers_need_help(catalog: Catalog) -> None:
    leaflet = build_leaflet(catalog, "signs")
    boxed = [(s.title, s.answers) for s in leaflet.warning_signs]
    assert boxed == [
        ("Which problem?", ("My legs are weak",)),
        # followed into the linked pathway: its own emergency sign is shown here too
        ("Is it *bold* & [linked](http://x)?", ("You see <script>alert(1)</script> & more",)),
    ]
    other = [(s.answers, s.urgency, s.may_escalate) for s in leaflet.other_signs]
    assert other == [
        (("I have a new lump",), Urgency.URGENT, False),
        (("Something else that worries me",), Urgency.ROUTINE, True),
    ]
    assert [e.title for e in leaflet.emergencies] == ["Emergency now", "Get help"]
    # the linked pathway's text is printed, so its source is cited
    assert [c.key for c in leaflet.sources] == ["escape-guide"]


def test_clinician_text_is_the_fallback_for_missing_lay_text(catalog: Catalog) -> None:
    leaflet = build_leaflet(catalog, "mini")
    texts = {item.title: item.text for s in leaflet.sections for item in s.items}
    assert texts["Teaching point"] == "Imaging comes next."  # no lay: clinician text


def test_sections_follow_the_stages_in_walk_order(catalog: Catalog) -> None:
    leaflet = build_leaflet(catalog, "mini")
    assert [(s.title, [i.title for i in s.items]) for s in leaflet.sections] == [
        ("What your symptoms may mean", ["Tiny score"]),
        ("Tests that may come next, and why", ["Teaching point"]),
        ("Treatment and care", ["Routine"]),
    ]
    routine = leaflet.sections[-1].items[0]
    assert routine.urgency == LAY_URGENCY[Urgency.ROUTINE]
    assert [ref.node for ref in catalog.pathway_set.walk_order("mini")] == [
        "ask",
        "emergency",
        "teach",
        "scored",
        "routine",
    ]


def test_questions_sources_and_provenance(catalog: Catalog) -> None:
    leaflet = build_leaflet(catalog, "mini")
    assert leaflet.questions == ()  # a prompt that asks nothing is a thing to tell
    assert leaflet.tell == ("Ask your doctor about it.",)
    assert [c.text for c in leaflet.sources] == [
        "Test Institute. A test guideline. 2023.",
        "Doe J, Roe R. A test paper. 2020.",
    ]
    assert leaflet.sources[0].url == "https://example.org/guide"
    assert (leaflet.producer, leaflet.version) == ("bonemets tests", "1.0.0")
    assert (str(leaflet.reviewed), str(leaflet.next_review)) == ("2026-01-01", "2029-01-01")
    assert leaflet.disclaimer == DISCLAIMER
    assert "does not replace advice from your care team" in DISCLAIMER


def test_contacts_fill_the_blanks(catalog: Catalog) -> None:
    blank = build_leaflet(catalog, "mini")
    assert all(c.value is None for c in blank.contacts)
    filled = build_leaflet(catalog, "mini", contacts=load_contacts(LEAFLET / "contacts.yaml"))
    values = {c.key: c.value for c in filled.contacts}
    assert values["hotline"] == "0800 000 0000 (24 hours)"
    assert filled.organisation == "St Elsewhere Hospital & Clinics"
    assert [c.key for c in filled.contacts if c.for_emergencies] == ["hotline", "out_of_hours"]


def test_the_same_input_builds_the_same_leaflet(catalog: Catalog) -> None:
    assert build_leaflet(catalog, "mini") == build_leaflet(load_catalog([VALID]), "mini")


def test_personal_leaflet_tells_the_path_taken(catalog: Catalog) -> None:
    leaflet = personal(catalog, "mini", load_answers(LEAFLET / "answers-mini.yaml"))
    assert leaflet.personal
    steps, result = leaflet.sections
    assert [i.title for i in steps.items] == ["Red flag?", "Teaching point", "Tiny score"]
    assert steps.items[0].answer == "No"
    assert steps.items[2].answer == "Size: Big (2); Pain: None (0) (total 2: High)"
    assert [i.title for i in result.items] == ["Urgent"]
    assert result.items[0].urgency == LAY_URGENCY[Urgency.URGENT]
    # the warning signs stay, even though this walk did not pass the red flag
    assert leaflet.warning_signs
    assert leaflet.questions == ()
    assert leaflet.tell == ("Contact your care team today and ask how soon you can be seen.",)
    assert leaflet.version == "mini 1.0.0; other 0.2.0"  # the walk crossed into 'other'


def test_personal_leaflet_needs_a_finished_walk(catalog: Catalog) -> None:
    with pytest.raises(UsageError, match=r"stop at 'mini:scored\.size' before an outcome"):
        personal(catalog, "mini", load_answers(LEAFLET / "answers-short.yaml"))


def test_personal_leaflet_refuses_answers_for_another_pathway(catalog: Catalog) -> None:
    answers = ScriptedAnswers({"ask": "no"}, start="escape:ask")
    with pytest.raises(UsageError, match="starts in pathway 'escape'"):
        personal(catalog, "mini", answers)


def test_personal_leaflet_from_a_saved_walk_transcript(catalog: Catalog, tmp_path: Path) -> None:
    """``walk --transcript`` files are the documented input of ``--answers``."""
    import datetime as dt
    import json

    from bonemets_cli.walk.engine import Engine
    from bonemets_cli.walk.transcript import build_transcript

    engine = Engine(catalog.pathway_set)
    state = engine.begin("mini")
    for choice in ("no", "small", "none"):
        state = engine.answer(state, choice)
    started = dt.datetime(2026, 1, 1, 9, 0)
    record = build_transcript(engine, state, started=started, finished=started)
    path = tmp_path / "walk.json"
    path.write_text(json.dumps(record))
    leaflet = personal(catalog, "mini", load_answers(path))
    steps, result = leaflet.sections
    assert result.items[0].title == "Routine"
    assert result.items[0].urgency == LAY_URGENCY[Urgency.ROUTINE]
    assert steps.items[2].answer == "Size: Small (0); Pain: None (0) (total 0: Low)"


def test_a_clinician_only_pathway_has_no_patient_leaflet(tmp_path: Path) -> None:
    """``clinician_only: true`` keeps a pathway out of leaflets and out of ``--all``."""
    import yaml
    from pathwayhelp import NoAliasDumper, clean_pathway_data

    from bonemets_cli.export.render import render_all

    folder = tmp_path / "pathways"
    folder.mkdir()
    (folder / "bibliography.yaml").write_bytes((VALID / "bibliography.yaml").read_bytes())
    data = clean_pathway_data(id="staff", clinician_only=True)
    (folder / "staff.yaml").write_text(
        yaml.dump(data, Dumper=NoAliasDumper, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    catalog = load_catalog([folder, VALID])
    assert catalog.get("staff").pathway.clinician_only
    with pytest.raises(UsageError, match="for clinicians only"):
        build_leaflet(catalog, "staff")
    route = replay_route(catalog.pathway_set, "staff", ScriptedAnswers({"start": "yes"}))
    with pytest.raises(UsageError, match="for clinicians only"):
        build_personal_leaflet(catalog, route)
    written = set(render_all(catalog, "md"))
    assert "staff.md" not in written
    assert "mini.md" in written
