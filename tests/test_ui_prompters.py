"""The terminal prompter driven through prompt_toolkit pipe input (no real terminal)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from bonemets_cli.errors import OutputError
from bonemets_cli.model import PathwaySet
from bonemets_cli.ui.prompters import TerminalPrompter
from bonemets_cli.walk.engine import Engine
from bonemets_cli.walk.session import Command, Ending, WalkSession, make_ask

VALID = Path(__file__).parent / "data" / "valid"
ENTER = "\r"
DOWN = "\x1b[B"


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as inp:
        yield inp


def prompter(pathways: PathwaySet, pipe: PipeInput) -> tuple[TerminalPrompter, io.StringIO]:
    buffer = io.StringIO()
    console = Console(file=buffer, width=100, color_system=None, highlight=False)
    return TerminalPrompter(pathways, console, input=pipe, output=DummyOutput()), buffer


def test_number_shortcut_then_enter_chooses_that_option(
    engine: Engine, pathways: PathwaySet, pipe: PipeInput
) -> None:
    p, shown = prompter(pathways, pipe)
    pipe.send_text("2" + ENTER)
    assert p.choose(make_ask(engine, engine.begin("mini"))) == "no"
    panel = shown.getvalue()
    assert "Step 1 · Mini pathway for tests" in panel
    assert "Red flag?" in panel
    assert "Any new leg weakness?" in panel
    assert "Sources: test-guide (Test Institute, 2023)" in panel


def test_arrow_keys_move_the_selection(
    engine: Engine, pathways: PathwaySet, pipe: PipeInput
) -> None:
    p, _ = prompter(pathways, pipe)
    pipe.send_text(DOWN + ENTER)
    assert p.choose(make_ask(engine, engine.begin("mini"))) == "no"


@pytest.mark.parametrize(
    ("keys", "command"),
    [("b" + ENTER, Command.BACK), ("r" + ENTER, Command.RESTART), ("q" + ENTER, Command.QUIT)],
)
def test_command_shortcuts(
    engine: Engine, pathways: PathwaySet, pipe: PipeInput, keys: str, command: Command
) -> None:
    p, _ = prompter(pathways, pipe)
    state = engine.answer(engine.begin("mini"), "no")
    pipe.send_text(keys)
    assert p.choose(make_ask(engine, state)) is command


@pytest.mark.parametrize("key", ["?", "w"])
def test_why_needs_enter_like_every_other_key(
    engine: Engine, pathways: PathwaySet, pipe: PipeInput, key: str
) -> None:
    """Keys behave one way: '?' only moves the highlight; Enter confirms, as for 'b' or '2'."""
    p, shown = prompter(pathways, pipe)
    pipe.send_text(key + ENTER)
    ask = make_ask(engine, engine.begin("mini"))
    assert p.choose(ask) is Command.WHY
    p.explain(ask)
    assert "[test-guide] Test Institute. A test guideline. 2023." in shown.getvalue()


def test_ctrl_c_raises_keyboard_interrupt(
    engine: Engine, pathways: PathwaySet, pipe: PipeInput
) -> None:
    p, _ = prompter(pathways, pipe)
    pipe.send_text("\x03")
    with pytest.raises(KeyboardInterrupt):
        p.choose(make_ask(engine, engine.begin("mini")))


def test_ctrl_d_raises_eof(engine: Engine, pathways: PathwaySet, pipe: PipeInput) -> None:
    p, _ = prompter(pathways, pipe)
    pipe.send_text("\x04")
    with pytest.raises(EOFError):
        p.choose(make_ask(engine, engine.begin("mini")))


def test_a_whole_walk_with_back_through_the_session(
    engine: Engine, pathways: PathwaySet, pipe: PipeInput
) -> None:
    """Keys for each prompt are queued up front: No, (note), back, No, (note), Small,
    None, then quit at the outcome."""
    p, shown = prompter(pathways, pipe)
    for keys in ("2", "", "b", "2", "", "1", "1", "q"):
        pipe.send_text(keys + ENTER)
    session = WalkSession(engine, engine.begin("mini"), p)
    assert session.run() is Ending.FINISHED
    assert engine.position(session.state).key == ("mini", "routine")
    assert "Back: discarded your answer (Red flag?: No)." in shown.getvalue()


def test_after_back_the_highlight_is_on_the_answer_given_before(
    engine: Engine, pathways: PathwaySet, pipe: PipeInput
) -> None:
    """No, go on past the note, back: Enter alone then gives No again."""
    p, _ = prompter(pathways, pipe)
    for keys in ("2", "", "b", "", "", "q"):
        pipe.send_text(keys + ENTER)
    session = WalkSession(engine, engine.begin("mini"), p)
    assert session.run() is Ending.QUIT
    assert [a.choice for a in session.state.answers] == ["no"]


def test_notes_come_one_at_a_time_before_their_question(
    engine: Engine, pathways: PathwaySet, pipe: PipeInput
) -> None:
    p, shown = prompter(pathways, pipe)
    pipe.send_text("2" + ENTER)
    session_state = engine.begin("mini")
    assert p.choose(make_ask(engine, session_state)) == "no"
    before = shown.getvalue()
    pipe.send_text(ENTER + "q" + ENTER)
    state = engine.answer(session_state, "no")
    assert p.choose(make_ask(engine, state)) is Command.QUIT
    after = shown.getvalue()[len(before) :]
    note, _, rest = after.partition("Item 1 of 2")
    assert "Note: Teaching point" in note
    assert "Imaging comes next." in note
    assert "Note: Teaching point" not in rest


def outcome_end(engine: Engine, *answers: str) -> object:
    from bonemets_cli.walk.session import make_end

    state = engine.begin("mini")
    for answer in answers:
        state = engine.answer(state, answer)
    return make_end(engine, state)


@pytest.mark.parametrize(
    ("key", "command"), [("b", Command.BACK), ("r", Command.RESTART), ("q", Command.QUIT)]
)
def test_at_the_outcome_back_restart_or_quit(
    engine: Engine, pathways: PathwaySet, pipe: PipeInput, key: str, command: Command
) -> None:
    p, shown = prompter(pathways, pipe)
    pipe.send_text(key + ENTER)
    assert p.at_outcome(outcome_end(engine, "yes")) is command  # type: ignore[arg-type]
    screen = shown.getvalue()
    assert screen.index("Your walk") < screen.index("EMERGENCY — act now")
    assert "[test-guide] Test Institute" not in screen  # the full sources wait behind '?'


def test_at_the_outcome_sources_then_the_outcome_again(
    engine: Engine, pathways: PathwaySet, pipe: PipeInput
) -> None:
    p, shown = prompter(pathways, pipe)
    pipe.send_text("?" + ENTER + "q" + ENTER)
    assert p.at_outcome(outcome_end(engine, "yes")) is Command.QUIT  # type: ignore[arg-type]
    screen = shown.getvalue()
    sources = screen.index("[test-guide] Test Institute. A test guideline.")
    assert screen.rindex("Urgency: EMERGENCY — act now") > sources  # the outcome stays last


def test_save_at_the_outcome_writes_the_named_file(
    engine: Engine, pathways: PathwaySet, pipe: PipeInput, tmp_path: Path
) -> None:
    p, shown = prompter(pathways, pipe)
    target = tmp_path / "mine.txt"
    pipe.send_text("s" + ENTER + "\x15" + str(target) + ENTER + "q" + ENTER)
    assert p.at_outcome(outcome_end(engine, "yes")) is Command.QUIT  # type: ignore[arg-type]
    assert f"Saved: {target}" in shown.getvalue()
    assert target.read_text(encoding="utf-8").startswith("Your walk\nSaved: ")


def test_save_y_takes_the_default_name_and_pdf_is_refused(
    engine: Engine,
    pathways: PathwaySet,
    pipe: PipeInput,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    p, shown = prompter(pathways, pipe)
    pipe.send_text("s" + ENTER + "\x15a.pdf" + ENTER + "\x15y" + ENTER + "q" + ENTER)
    assert p.at_outcome(outcome_end(engine, "yes")) is Command.QUIT  # type: ignore[arg-type]
    assert "Not saved: '.pdf' is not a summary format; end the name with .md" in shown.getvalue()
    assert sorted(f.name for f in tmp_path.iterdir()) == ["bonemets-walk-mini.md"]


def test_save_asks_again_when_writing_fails(
    engine: Engine, pathways: PathwaySet, pipe: PipeInput, tmp_path: Path
) -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, width=100, color_system=None, highlight=False)
    calls: list[Path] = []

    def save(summary: object, path: Path) -> None:
        calls.append(path)
        if path.name == "bad.md":
            raise OutputError(f"cannot write {path}: Permission denied")

    p = TerminalPrompter(pathways, console, input=pipe, output=DummyOutput(), save=save)
    pipe.send_text("s" + ENTER + "\x15" + str(tmp_path / "bad.md") + ENTER)
    pipe.send_text("\x15" + str(tmp_path / "ok.md") + ENTER + "q" + ENTER)
    assert p.at_outcome(outcome_end(engine, "yes")) is Command.QUIT  # type: ignore[arg-type]
    assert [c.name for c in calls] == ["bad.md", "ok.md"]
    assert "Not saved: cannot write" in buffer.getvalue()


def test_chooser_wraps_between_words_with_the_marker_first() -> None:
    from bonemets_cli.ui.chooser import Chooser, Entry

    chooser = Chooser()
    chooser.title = "Where is the suspected break?"
    chooser.entries = [
        Entry("In an arm, a leg, the pelvis, the ribs or another bone", "limb", "1", "(red flag)"),
        Entry("Quit", "q", "q", gap_before=True),
    ]
    chooser.hint = "↑/↓ or a key, then Enter. b back, r restart, ? why, q quit."
    lines = [text for _, text in chooser.lines(39)]
    assert lines[1] == "❯ 1. (red flag) In an arm, a leg, the"
    assert all(len(line) <= 39 for line in lines)
    assert lines[2] == "     pelvis, the ribs or another bone"  # under the words, not the key
    assert lines[3:5] == ["", "  q. Quit"]
    assert lines[-2:] == ["↑/↓ or a key, then Enter. b back, r", "restart, ? why, q quit."]


def test_chooser_digits_add_up_for_a_long_list() -> None:
    from bonemets_cli.ui.chooser import Chooser, Entry

    chooser = Chooser()
    chooser.entries = [Entry(f"Option {n}", n, str(n)) for n in range(1, 13)]
    chooser._press("1")
    assert chooser.index == 0
    chooser._press("2")
    assert chooser.index == 11  # 1 then 2 is 12
    chooser._press("3")
    assert chooser.index == 2  # 123 is no entry: 3 starts again
