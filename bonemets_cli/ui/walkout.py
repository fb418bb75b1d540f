"""Where a walk's screens and results go, by ``--format``, and which prompter asks.

rich and plain draw the walk on stdout; markdown and json keep stdout for the document
(so ``bonemets walk --format json > walk.json`` works interactively) and draw on stderr.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bonemets_cli.export.files import write_text
from bonemets_cli.model import PathwaySet
from bonemets_cli.ui.prompters import (
    PersonPrompter,
    PlainPrompter,
    ScriptedPrompter,
    TerminalPrompter,
)
from bonemets_cli.ui.terminal import Terminal
from bonemets_cli.ui.walkviews import summary_markdown, summary_renderable, summary_text
from bonemets_cli.walk.summary import WalkSummary
from bonemets_cli.walk.transcript import ScriptedAnswers

FORMATS = ("rich", "plain", "markdown", "json")


def make_prompter(
    term: Terminal, fmt: str, pathways: PathwaySet, answers: ScriptedAnswers
) -> ScriptedPrompter:
    """Scripted answers first; a person is asked only if one is missing and stdin is a TTY."""
    fallback: PersonPrompter | None = None
    if term.interactive:
        if fmt == "plain":
            fallback = PlainPrompter(pathways, out=term.stdout, width=term.console().width)
        elif fmt == "rich":
            fallback = TerminalPrompter(pathways, term.console())
        else:
            from prompt_toolkit.output import create_output

            fallback = TerminalPrompter(
                pathways, term.console(stderr=True), output=create_output(stdout=term.stderr)
            )
    return ScriptedPrompter(answers, fallback)


def show_summary(
    term: Terminal,
    fmt: str,
    summary: WalkSummary,
    record: dict[str, Any],
    *,
    person: bool = False,
    shown: bool = False,
) -> None:
    """Print the end of the walk in the chosen format (stdout).

    ``shown``: the prompter already showed a person the outcome, where the walk was
    drawn (stderr for Markdown/JSON), so rich and plain print nothing more. A person who
    stopped before the outcome with Markdown/JSON on stdout sees the summary on stderr:
    the outcome (or its absence) must never be hidden in a file.
    """
    if shown and fmt in ("rich", "plain"):
        return
    if person and not shown and fmt in ("markdown", "json"):
        term.console(stderr=True).print(summary_renderable(summary))
    if fmt == "rich":
        term.console().print(summary_renderable(summary))
    elif fmt == "plain":
        term.write(summary_text(summary))
    elif fmt == "markdown":
        term.write(summary_markdown(summary))
    else:
        term.write(json.dumps(record, indent=2, ensure_ascii=False))


def save_json(path: Path, data: dict[str, Any]) -> None:
    write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def interrupted(term: Terminal) -> None:
    """Ctrl-C or Ctrl-D: one line on stderr, no traceback."""
    term.stderr.write("\n")
    term.notice("walk interrupted")
