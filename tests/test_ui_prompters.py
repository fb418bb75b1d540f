"""The questionary prompter driven through prompt_toolkit pipe input (no real terminal)."""

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
from bonemets_cli.ui.prompters import QuestionaryPrompter
from bonemets_cli.walk.engine import Engine
from bonemets_cli.walk.session import Command, Ending, WalkSession, make_ask

VALID = Path(__file__).parent / "data" / "valid"
ENTER = "\r"
DOWN = "\x1b[B"


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as inp:
        yield inp


def prompter(pathways: PathwaySet, pipe: PipeInput) -> tuple[QuestionaryPrompter, io.StringIO]:
    buffer = io.StringIO()
    console = Console(file=buffer, width=100, color_system=None, highlight=False)
    return QuestionaryPrompter(pathways, console, input=pipe, output=DummyOutput()), buffer


def test_number_shortcut_then_enter_chooses_that_option(
    engine: Engine, pathways: PathwaySet, pipe: PipeInput
) -> None:
    p, shown = prompter(pathways, pipe)
    pipe.send_text("2" + ENTER)
    assert p.choose(make_ask(engine, engine.begin("mini"))) == "no"
    panel = shown.getvalue()
    assert "Step 1 · Symptoms" in panel
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


def test_question_mark_asks_why_at_once(
    engine: Engine, pathways: PathwaySet, pipe: PipeInput
) -> None:
    p, shown = prompter(pathways, pipe)
    pipe.send_text("?")
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
    """Keys for each prompt are queued up front: No, back, No, Small, None."""
    p, shown = prompter(pathways, pipe)
    for keys in ("2", "b", "2", "1", "1"):
        pipe.send_text(keys + ENTER)
    session = WalkSession(engine, engine.begin("mini"), p)
    assert session.run() is Ending.FINISHED
    assert engine.position(session.state).key == ("mini", "routine")
    assert "Back: discarded your answer (Red flag?: No)." in shown.getvalue()


def test_offer_save_writes_the_named_file(
    pathways: PathwaySet, pipe: PipeInput, tmp_path: Path
) -> None:
    p, shown = prompter(pathways, pipe)
    target = tmp_path / "mine.md"
    written: list[Path] = []
    pipe.send_text("y")
    pipe.send_text("\x15" + str(target) + ENTER)  # Ctrl-U clears the suggested name
    assert p.offer_save(tmp_path / "default.md", written.append) == target
    assert written == [target]
    assert f"Saved: {target}" in shown.getvalue()


def test_offer_save_declined_writes_nothing(pathways: PathwaySet, pipe: PipeInput) -> None:
    p, _ = prompter(pathways, pipe)
    written: list[Path] = []
    pipe.send_text("n")
    assert p.offer_save(Path("x.md"), written.append) is None
    assert written == []


def test_offer_save_asks_again_when_writing_fails(
    pathways: PathwaySet, pipe: PipeInput, tmp_path: Path
) -> None:
    p, shown = prompter(pathways, pipe)
    good = tmp_path / "ok.md"
    calls: list[Path] = []

    def save(path: Path) -> None:
        calls.append(path)
        if path.name == "bad.md":
            raise OutputError(f"cannot write {path}: Permission denied")

    pipe.send_text("y")
    pipe.send_text("\x15" + str(tmp_path / "bad.md") + ENTER)
    pipe.send_text("\x15" + str(good) + ENTER)
    assert p.offer_save(tmp_path / "d.md", save) == good
    assert [c.name for c in calls] == ["bad.md", "ok.md"]
    assert "Not saved: cannot write" in shown.getvalue()
