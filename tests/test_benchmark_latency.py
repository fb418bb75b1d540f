"""``benchmarks/latency.py``'s budgets, and the cause it guards: one application per walk."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.application import Application
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from bonemets_cli.model import PathwaySet
from bonemets_cli.quiz.items import Choice, ItemType, QuizItem
from bonemets_cli.ui.prompters import TerminalPrompter
from bonemets_cli.ui.quiz_prompt import TerminalAnswerer
from bonemets_cli.walk.engine import Engine
from bonemets_cli.walk.session import Ending, WalkSession

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))
import latency  # noqa: E402 - a script beside the others, not a package


def row(first: float, median: float, p90: float) -> dict[str, Any]:
    return {
        "first_prompt_ratio": first,
        "median_ms": median,
        "p90_ms": p90,
        "max_ms": p90,
        "steps": 40,
        "over_100ms": 0,
        "gc_max_ms": 1.0,
    }


def test_budgets_and_slack() -> None:
    assert latency.problems({"walk": row(1.2, 50, 100)}, 1.0) == []
    over = latency.problems({"walk": row(1.3, 51, 101)}, 1.0)
    assert [line.split(":")[1].split()[0] for line in over] == ["first", "step", "step"]
    assert latency.problems({"walk": row(1.3, 51, 101)}, 1.5) == []
    assert "| walk | 1.30× | 51 ms | 101 ms |" in latency.table({"walk": row(1.3, 51, 101)}, 1.0)


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every prompt_toolkit application made while the test runs."""
    made: list[object] = []
    original = Application.__init__

    def counting(self: Application[Any], *args: Any, **kwargs: Any) -> None:
        made.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(Application, "__init__", counting)
    return made


def test_a_whole_walk_runs_one_application(
    engine: Engine, pathways: PathwaySet, built: list[object]
) -> None:
    """Questionary made three per question (two only for layout); now one per walk."""
    console = Console(file=io.StringIO(), width=100, color_system=None)
    with create_pipe_input() as pipe:
        prompter = TerminalPrompter(pathways, console, input=pipe, output=DummyOutput())
        for keys in ("2", "", "b", "2", "", "1", "1", "r", "2", "", "2", "2", "q"):
            pipe.send_text(keys + "\r")
        assert WalkSession(engine, engine.begin("mini"), prompter).run() is Ending.FINISHED
    assert len(built) == 1


def test_a_whole_quiz_runs_one_application(built: list[object]) -> None:
    item = QuizItem(
        id="x",
        type=ItemType.BANK,
        pathway="p",
        stage="symptoms",
        question="Q?",
        choices=(Choice("right", correct=True), Choice("wrong")),
        explanation="Because.",
    )
    console = Console(file=io.StringIO(), width=100, color_system=None)
    with create_pipe_input() as pipe:
        answerer = TerminalAnswerer(console, input=pipe, output=DummyOutput())
        pipe.send_text("a\rb\ra\r")
        assert [answerer.ask(n, 3, item) for n in (1, 2, 3)] == [0, 1, 0]
    assert len(built) == 1
