"""The installed ``bonemets quiz`` in a real pseudo-terminal, read through a terminal
emulator: long options wrap whole at any width, and ``--plain`` is lettered, colour-free
text with typed replies."""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from ptyhelp import Tty, squash
from quizhelp import QUIZ_DIR

pytestmark = pytest.mark.slow

LONG = [
    "Tell the acute oncology team today and arrange an urgent review of the new pain",
    "Wait for the next planned appointment, since new pain in the back is common and harmless",
    "Give a double dose of the usual painkiller and look again at the pain in a fortnight",
]
BANK = f"""schema_version: 1
items:
  - id: long-options
    question: A person with kidney cancer has new back pain that is worse at night. What now?
    stage: symptoms
    pathway: quizlimb
    options:
      - text: "{LONG[0]}"
        correct: true
      - text: "{LONG[1]}"
      - text: "{LONG[2]}"
    explanation: New spinal pain in known cancer needs review the same day.
    sources: [fixture-guide]
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The quiz fixtures with one bank item whose options are longer than 60 columns."""
    target = tmp_path / "pathways"
    shutil.copytree(QUIZ_DIR, target)
    (target / "quiz" / "facts.yaml").write_text(BANK, encoding="utf-8")
    return target


@pytest.fixture
def runs() -> Iterator[list[Tty]]:
    started: list[Tty] = []
    yield started
    for run in started:
        run.close()


def quiz(runs: list[Tty], tmp_path: Path, folder: Path, *args: str, cols: int) -> Tty:
    argv = ["--pathways-dir", str(folder), "quiz", "--pathway", "quizlimb", "--type", "bank"]
    argv += ["-n", "1", "--seed", "1"]
    run = Tty([*argv, "--data-dir", str(tmp_path / "data"), *args], tmp_path, cols=cols)
    runs.append(run)
    return run


def letters_of(screen: str) -> dict[str, str]:
    """Each long option's letter, as the screen shows it (wrapped lines joined)."""
    flat = squash(screen)
    found = {}
    for text in LONG:
        match = re.search(r"([A-C])\. " + re.escape(text), flat)
        assert match, f"{text!r} is not on the screen whole:\n{screen}"
        found[text] = match.group(1)
    return found


def answers(tmp_path: Path) -> list[tuple[str, int]]:
    conn = sqlite3.connect(next((tmp_path / "data").glob("*.sqlite*")))
    try:
        return [(r[0], r[1]) for r in conn.execute("SELECT item_id, correct FROM reviews")]
    finally:
        conn.close()


@pytest.mark.parametrize("cols", [40, 60, 80, 120])
def test_long_quiz_options_wrap_whole(
    runs: list[Tty], tmp_path: Path, folder: Path, cols: int
) -> None:
    run = quiz(runs, tmp_path, folder, cols=cols)
    run.wait("then Enter; q quits")
    found = letters_of(run.text())
    assert "…" not in run.text()
    run.send(found[LONG[0]].lower() + "\r")
    run.wait("Score: 1/1 right")
    assert run.finish() == 0
    assert answers(tmp_path) == [("bank:long-options", 1)]


def test_plain_quiz_is_lettered_colour_free_and_typed(
    runs: list[Tty], tmp_path: Path, folder: Path
) -> None:
    run = quiz(runs, tmp_path, folder, "--plain", cols=60)
    run.wait("Your answer to question 1 (A-C, or q to quit): ")
    found = letters_of(run.text())
    run.send("x\r")
    run.wait("Please type a letter from A-C, or q to quit.")
    wrong = next(found[t] for t in LONG[1:])
    run.send(wrong + "\r")
    run.wait("Score: 0/1 right")
    assert "WRONG" in run.text()
    assert f"the answer is {found[LONG[0]]}." in squash(run.text())
    assert run.finish() == 0
    assert "\x1b[" not in run.raw.replace("\x1b[?", "")  # no colour or cursor codes
    assert answers(tmp_path) == [("bank:long-options", 0)]
