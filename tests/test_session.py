"""The driver loop with real prompters and no terminal: commands, back messages, scripts."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from bonemets_cli.model import PathwaySet
from bonemets_cli.ui.prompters import PlainPrompter, ScriptedPrompter
from bonemets_cli.walk.engine import Engine
from bonemets_cli.walk.session import (
    Command,
    Ending,
    MissingAnswerError,
    WalkSession,
    make_ask,
)
from bonemets_cli.walk.summary import summarise
from bonemets_cli.walk.transcript import ScriptedAnswers

VALID = Path(__file__).parent / "data" / "valid"


def plain(pathways: PathwaySet, *replies: str) -> tuple[PlainPrompter, io.StringIO]:
    """A real plain prompter reading the given replies; running out is Ctrl-D."""
    feed: Iterator[str] = iter(replies)
    out = io.StringIO()

    def read(prompt: str) -> str:
        out.write(prompt)
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None

    return PlainPrompter(pathways, read=read, out=out), out


def test_plain_walk_with_back_reaches_the_outcome(engine: Engine, pathways: PathwaySet) -> None:
    prompter, out = plain(pathways, "2", "", "b", "2", "", "1", "1", "q")
    session = WalkSession(engine, engine.begin("mini"), prompter)
    assert session.run() is Ending.FINISHED
    text = out.getvalue()
    assert "Back: discarded your answer (Red flag?: No)." in text
    assert session.state.answers[-1].name == "mini:scored.pain"
    assert engine.position(session.state).key == ("mini", "routine")


def test_plain_step_shows_breadcrumb_red_flag_sources_and_discuss(
    engine: Engine, pathways: PathwaySet
) -> None:
    prompter, out = plain(pathways, "q")
    WalkSession(engine, engine.begin("mini"), prompter).run()
    text = out.getvalue()
    assert "Step 1 · Mini pathway for tests" in text
    assert "Pathways walked: Mini pathway for tests" in text
    assert "1. (red flag) Yes" in text
    assert "2. No" in text
    assert "Sources: test-guide (Test Institute, 2023)" in text
    assert "Discuss: Discuss this step with your doctor or specialist nurse." in text
    assert "b. Back" not in text  # nothing to go back to yet


def test_score_step_shows_item_running_total_and_band(engine: Engine, pathways: PathwaySet) -> None:
    prompter, out = plain(pathways, "no", "", "2", "q")
    WalkSession(engine, engine.begin("mini"), prompter).run()
    text = out.getvalue()
    assert "Note: Teaching point" in text
    assert "Step 2 · Mini pathway for tests" in text
    assert "Item 1 of 2: Size. Running total 0 (range 0–3)." in text  # nothing scored: no band
    assert "band so far: Low" not in text
    assert "Item 2 of 2: Pain. Running total 2 (range 0–3, band so far: High)." in text
    assert "b. Back (discards: Tiny score: Size: Big (2))" in text


def test_why_shows_rationale_and_full_sources_then_asks_again(
    engine: Engine, pathways: PathwaySet
) -> None:
    prompter, out = plain(pathways, "?", "1", "q")
    session = WalkSession(engine, engine.begin("mini"), prompter)
    assert session.run() is Ending.FINISHED
    text = out.getvalue()
    assert "Why this step?" in text
    assert "[test-guide] Test Institute. A test guideline. 2023. https://example.org/guide" in text
    assert text.count("Your choice") == 2


def test_restart_goes_back_to_the_first_question(engine: Engine, pathways: PathwaySet) -> None:
    prompter, out = plain(pathways, "no", "", "r", "yes", "q")
    session = WalkSession(engine, engine.begin("mini"), prompter)
    assert session.run() is Ending.FINISHED
    assert "Restarted: all answers discarded." in out.getvalue()
    assert [a.choice for a in session.state.answers] == ["yes"]


def test_bad_replies_are_asked_again_not_fatal(engine: Engine, pathways: PathwaySet) -> None:
    prompter, out = plain(pathways, "7", "b", "", "YES", "q")
    session = WalkSession(engine, engine.begin("mini"), prompter)
    assert session.run() is Ending.FINISHED
    text = out.getvalue()
    assert "Please type a number from 1 to 2, or b, r, q or ?." in text
    assert "nothing to go back to" in text


def test_quit_keeps_the_partial_state(engine: Engine, pathways: PathwaySet) -> None:
    prompter, _ = plain(pathways, "no", "", "q")
    session = WalkSession(engine, engine.begin("mini"), prompter)
    assert session.run() is Ending.QUIT
    assert [a.choice for a in session.state.answers] == ["no"]


def test_ctrl_d_propagates_with_the_state_kept(engine: Engine, pathways: PathwaySet) -> None:
    prompter, _ = plain(pathways, "no")
    session = WalkSession(engine, engine.begin("mini"), prompter)
    with pytest.raises(EOFError):
        session.run()
    assert [a.choice for a in session.state.answers] == ["no"]


def test_scripted_answers_by_short_and_full_names(engine: Engine) -> None:
    answers = ScriptedAnswers({"ask": "No", "mini:scored.size": "big", "scored.pain": "bad"})
    session = WalkSession(engine, engine.begin("mini"), ScriptedPrompter(answers))
    assert session.run() is Ending.FINISHED
    assert engine.position(session.state).key == ("other", "start")
    assert answers.unused() == []


def test_missing_scripted_answer_without_a_terminal_names_node_and_options(
    engine: Engine,
) -> None:
    session = WalkSession(
        engine, engine.begin("mini"), ScriptedPrompter(ScriptedAnswers({"ask": "no"}))
    )
    with pytest.raises(MissingAnswerError) as err:
        session.run()
    assert "'mini:scored.size' (Tiny score)" in str(err.value)
    assert "small (Small), big (Big)" in str(err.value)


def test_scripted_answers_then_a_person_who_can_go_back_past_them(
    engine: Engine, pathways: PathwaySet
) -> None:
    person, out = plain(pathways, "b", "yes", "q")
    prompter = ScriptedPrompter(ScriptedAnswers({"ask": "no"}), person)
    session = WalkSession(engine, engine.begin("mini"), prompter)
    assert session.run() is Ending.FINISHED
    assert prompter.asked_person
    assert [a.choice for a in session.state.answers] == ["yes"]
    assert "Back: discarded your answer (Red flag?: No)." in out.getvalue()


def test_ask_lists_passed_info_steps_and_what_back_discards(engine: Engine) -> None:
    state = engine.answer(engine.begin("mini"), "no")
    ask = make_ask(engine, state)
    assert ask.name == "mini:scored.size"
    assert [s.key for s in ask.passed] == [("mini", "teach")]
    assert ask.stages == ("symptoms", "imaging", "assessment")
    assert ask.discards == "Red flag?: No"
    assert Command.BACK.value == "back"


def test_summary_collects_answers_red_flags_outcome_and_sources(
    engine: Engine, pathways: PathwaySet
) -> None:
    state = engine.answer(engine.begin("mini"), "yes")
    summary = summarise(engine, state)
    assert summary.steps[0].red_flag
    assert summary.steps[0].answers == ("Yes",)
    assert summary.outcome is not None
    assert summary.outcome.urgency.value == "emergency"
    assert summary.outcome.discuss.startswith("This is an emergency.")
    assert [s.key for s in summary.sources] == ["test-guide"]
    assert summary.pathways == {"mini": "1.0.0"}


def test_crossing_into_another_pathway_is_announced_and_the_breadcrumb_names_it(
    engine: Engine, pathways: PathwaySet
) -> None:
    prompter, out = plain(pathways, "no", "", "big", "bad", "q")
    assert WalkSession(engine, engine.begin("mini"), prompter).run() is Ending.FINISHED
    text = out.getvalue()
    assert text.count("Now in: ") == 1
    end = text[text.index("Now in: Other pathway") :]
    assert "Pathways walked: Mini pathway for tests › Other pathway" in end
    assert "Urgency: URGENT" in end


def test_plain_notes_one_at_a_time_and_enter_gives_the_answer_before_back(
    engine: Engine, pathways: PathwaySet
) -> None:
    """The note waits for Enter before the score; after back, Enter alone repeats 'No'."""
    prompter, out = plain(pathways, "2", "", "b", "", "", "q")
    session = WalkSession(engine, engine.begin("mini"), prompter)
    assert session.run() is Ending.QUIT
    text = out.getvalue()
    assert "Your choice (1-2, b, r, q or ?) [Enter: 2, your answer before]: " in text
    assert [a.choice for a in session.state.answers] == ["no"]
    note = text.index("Note: Teaching point")
    assert text.index("Press Enter to go on", note) < text.index("Item 1 of 2", note)


def test_plain_outcome_comes_last_and_offers_save_sources_back_restart_quit(
    engine: Engine, pathways: PathwaySet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    prompter, out = plain(pathways, "1", "?", "s", "y", "q")
    assert WalkSession(engine, engine.begin("mini"), prompter).run() is Ending.FINISHED
    text = out.getvalue()
    first_end = text.index("Your walk")
    assert "[test-guide] Test Institute" not in text[first_end : text.index("s. Save")]
    assert text.index("Sources: 1 cited") < text.index("Urgency: EMERGENCY", first_end)
    assert "[test-guide] Test Institute. A test guideline." in text  # after '?'
    assert "Saved: bonemets-walk-mini.md" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bonemets-walk-mini.md"]  # never 'y'


def test_plain_save_refuses_an_unknown_extension_with_the_choices(
    engine: Engine, pathways: PathwaySet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    prompter, out = plain(pathways, "1", "s", "walk.pdf", "n", "q")
    WalkSession(engine, engine.begin("mini"), prompter).run()
    assert (
        "Not saved: '.pdf' is not a summary format; end the name with .md (Markdown) or .txt (plain text)."
        in out.getvalue()
    )
    assert list(tmp_path.iterdir()) == []
