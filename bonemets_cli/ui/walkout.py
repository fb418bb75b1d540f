"""Where a walk's screens and results go, by ``--format``, and which prompter asks.

rich and plain draw the walk on stdout; markdown and json keep stdout for the document
(so ``bonemets walk --format json > walk.json`` works interactively) and draw on stderr.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bonemets_cli.export.files import write_text
from bonemets_cli.model import PathwaySet
from bonemets_cli.ui import console
from bonemets_cli.ui.prompters import (
    PersonPrompter,
    PlainPrompter,
    QuestionaryPrompter,
    ScriptedPrompter,
)
from bonemets_cli.ui.walkviews import summary_markdown, summary_renderable, summary_text
from bonemets_cli.walk.summary import WalkSummary
from bonemets_cli.walk.transcript import ScriptedAnswers

if TYPE_CHECKING:
    pass

FORMATS = ("rich", "plain", "markdown", "json")


def make_prompter(
    fmt: str, pathways: PathwaySet, answers: ScriptedAnswers, *, interactive: bool
) -> ScriptedPrompter:
    """Scripted answers first; a person is asked only if one is missing and stdin is a TTY."""
    fallback: PersonPrompter | None = None
    if interactive:
        if fmt == "plain":
            fallback = PlainPrompter(pathways)
        elif fmt == "rich":
            fallback = QuestionaryPrompter(pathways, console.stdout_console())
        else:
            from prompt_toolkit.output import create_output

            fallback = QuestionaryPrompter(
                pathways, console.stderr_console(), output=create_output(stdout=sys.stderr)
            )
    return ScriptedPrompter(answers, fallback)


def show_summary(
    fmt: str, summary: WalkSummary, record: dict[str, Any], *, person: bool = False
) -> None:
    """Print the end of the walk in the chosen format (stdout).

    A person who walked with Markdown/JSON going to stdout also sees the summary on
    stderr, where the walk was drawn: the outcome must never be hidden in a file.
    """
    if person and fmt in ("markdown", "json"):
        console.stderr_console().print(summary_renderable(summary))
    if fmt == "rich":
        console.stdout_console().print(summary_renderable(summary))
    elif fmt == "plain":
        console.write(summary_text(summary))
    elif fmt == "markdown":
        console.write(summary_markdown(summary))
    else:
        console.write(json.dumps(record, indent=2, ensure_ascii=False))


def save_summary(summary: WalkSummary, path: Path) -> None:
    """Markdown, or plain text for a ``.txt`` name; written atomically."""
    text = summary_text(summary) if path.suffix.lower() == ".txt" else summary_markdown(summary)
    write_text(path, text)


def save_json(path: Path, data: dict[str, Any]) -> None:
    write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def interrupted() -> None:
    """Ctrl-C or Ctrl-D: one line on stderr, no traceback."""
    sys.stderr.write("\n")
    console.notice_line("walk interrupted")
