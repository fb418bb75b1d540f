"""Walk views: urgency and red flags in words, readable with no colour; Markdown escaping."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from bonemets_cli.load.catalog import load_catalog, search_dirs
from bonemets_cli.model import QuestionNode
from bonemets_cli.ui.walkviews import (
    offer_label,
    step_renderable,
    summary_markdown,
    summary_renderable,
    summary_text,
)
from bonemets_cli.walk.engine import Engine, WalkState
from bonemets_cli.walk.session import Ask, make_ask
from bonemets_cli.walk.summary import WalkSummary, summarise

VALID = Path(__file__).parent / "data" / "valid"


def summary_for(engine: Engine, *answers: str) -> WalkSummary:
    state = engine.begin("mini")
    for a in answers:
        state = engine.answer(state, a)
    return summarise(engine, state)


def render(renderable: object, *, color: bool) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=100,
        color_system="truecolor" if color else None,
        force_terminal=color,
        highlight=False,
    )
    console.print(renderable)
    return buffer.getvalue()


def test_emergency_is_unmistakable_without_colour(engine: Engine) -> None:
    text = render(summary_renderable(summary_for(engine, "yes")), color=False)
    assert "\x1b[" not in text
    assert "EMERGENCY — act now" in text
    assert "┏" in text  # a heavy box, not the rounded one other panels use
    assert "Urgency: EMERGENCY — act now" in text
    assert "What to do: Call the MSCC coordinator now." in text
    assert "Yes  (red flag)" in text


def test_emergency_is_red_with_colour(engine: Engine) -> None:
    text = render(summary_renderable(summary_for(engine, "yes")), color=True)
    assert "\x1b[" in text
    assert "41m" in text or "48;2;" in text or "31m" in text  # red in some colour system
    assert "EMERGENCY — act now" in text


def test_routine_outcome_plain_text(engine: Engine) -> None:
    text = summary_text(summary_for(engine, "no", "small", "none"))
    assert "ROUTINE — raise at the next planned appointment" in text
    assert (
        "3. Tiny score (total 0: Low)\n       - Size: Small (0)\n       - Pain: None (0)\n" in text
    )
    assert "Discuss: Ask your doctor about it." in text
    assert "[test-paper] Doe J, Roe R. A test paper. 2020" in text
    assert "never a diagnosis" in text


def test_unfinished_walk_says_where_it_stopped(engine: Engine) -> None:
    summary = summary_for(engine, "no")
    assert "Walk not finished: stopped at Tiny score." in summary_text(summary)
    assert "Walk not finished: stopped at Tiny score." in summary_markdown(summary)


def test_markdown_has_sections_and_escapes_markup(engine: Engine) -> None:
    md = summary_markdown(summary_for(engine, "yes"))
    assert md.startswith("# bonemets walk summary\n")
    for heading in ("## Answers", "## Outcome", "## Sources"):
        assert heading in md
    assert "**Urgency: EMERGENCY — act now**" in md
    assert "1. **Red flag?**: Yes **(red flag)**" in md
    assert (
        "- \\[test-guide\\] Test Institute. A test guideline. 2023 <https://example.org/guide>"
        in md
    )


def test_offer_labels_carry_red_flags_and_points_in_words() -> None:
    from bonemets_cli.walk.session import Offer

    assert (
        offer_label(Offer("yes", "Yes", red_flag=True)) == "(red flag) Yes"
    )  # the marker first: never wrapped away
    assert offer_label(Offer("one", "One", points=1)) == "One (1 point)"
    assert offer_label(Offer("two", "Two", points=2)) == "Two (2 points)"


def test_brief_citations_shorten_long_names() -> None:
    from bonemets_cli.model import Citation, Source

    nice = Source(
        title="Guideline",
        publisher="National Institute for Health and Care Excellence (NICE)",
        year=2023,
    )
    assert Citation("nice-ng234", nice).short() == "nice-ng234 (NICE, 2023)"
    paper = Source(title="Paper", authors="Doe J, Roe R", year=2020)
    assert Citation("p", paper).short() == "p (Doe J et al., 2020)"
    assert Citation("gone", None).short() == "gone (not in the bibliography)"


WALK = Path(__file__).parent / "data" / "walk"


@pytest.fixture(scope="module")
def notes_summary() -> WalkSummary:
    """The notes fixture: two info steps lead straight to an outcome after one answer."""
    catalog = load_catalog(search_dirs([WALK], builtin=False))
    engine = Engine(catalog.pathway_set)
    return summarise(engine, engine.answer(engine.begin("notes"), "yes"))


def test_notes_right_before_the_outcome_are_shown_in_full(notes_summary: WalkSummary) -> None:
    assert [n.title for n in notes_summary.notes] == ["Needle first", "Bleeding risk"]
    text = summary_text(notes_summary)
    assert "Note: Needle first\nA needle biopsy is usual." in text
    assert text.index("Note: Bleeding risk") < text.index("Outcome: Biopsy booked")
    md = summary_markdown(notes_summary)
    assert "## Notes on the way" in md
    assert "- **Bleeding risk**: Kidney cancer lesions can bleed." in md
    screen = render(summary_renderable(notes_summary), color=False)
    assert "Note: Needle first" in screen
    assert "Kidney cancer lesions can bleed." in screen


def test_no_notes_when_a_question_comes_last(engine: Engine) -> None:
    assert summary_for(engine, "yes").notes == ()


def test_saved_markdown_lists_render_as_lists(engine: Engine) -> None:
    """Pathways, answers, a score's items (nested under their step) and the outcome parse
    as Markdown lists, not as paragraphs that merely start with a dash."""
    from markdown_it import MarkdownIt

    md = summary_markdown(summary_for(engine, "no", "big", "bad"))
    tokens = MarkdownIt().parse(md)
    kinds = [t.type for t in tokens if t.type.endswith("list_open")]
    assert kinds.count("ordered_list_open") == 1  # the answers
    nested = [t for t in tokens if t.type == "bullet_list_open" and t.level > 0]
    assert nested, md  # the score's items are a list inside the score's step
    items = [t.content for t in tokens if t.type == "inline"]
    assert "Mini pathway for tests (`mini`), version 1.0.0" in items
    assert any(i.startswith("Size") for i in items)


def test_the_breadcrumb_is_shown_once_a_second_pathway_is_walked(engine: Engine) -> None:
    """At step 1 the panel's title already names the one pathway walked; repeating it in
    the body only cost a narrow terminal two lines. Once the walk has crossed into another
    pathway, the body says which were walked."""
    pathways = engine.pathways
    first = render(step_renderable(make_ask(engine, engine.begin("mini")), pathways), color=False)
    assert "Step 1 · Mini pathway for tests" in first
    assert first.count("Mini pathway for tests") == 1

    shipped = Engine(load_catalog(search_dirs([])).pathway_set)
    ask = first_question_in_a_second_pathway(shipped, shipped.begin("symptoms"))
    assert ask is not None, "no route from symptoms asks a question in another pathway"
    crossed = render(step_renderable(ask, shipped.pathways), color=False)
    titles = [shipped.pathways[pid].title for pid in ask.walked]
    assert " › ".join(titles[:1]) + " ›" in " ".join(crossed.replace("│", " ").split())


def first_question_in_a_second_pathway(engine: Engine, state: WalkState) -> Ask | None:
    """Depth first over the answers until a question waits in a second pathway."""
    position = engine.position(state)
    if not isinstance(position.node, QuestionNode):
        return None
    ask = make_ask(engine, state)
    if len(ask.walked) > 1:
        return ask
    for option in position.node.options:
        found = first_question_in_a_second_pathway(engine, engine.answer(state, option.id))
        if found is not None:
            return found
    return None
