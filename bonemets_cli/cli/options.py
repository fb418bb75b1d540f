"""What several commands share: format choices and option declarations, declared once.

Only Typer and the standard library here: every command module imports this at start-up.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer


class GraphFormat(str, Enum):
    mermaid = "mermaid"
    dot = "dot"


class LeafletFormat(str, Enum):
    md = "md"
    html = "html"
    pdf = "pdf"
    txt = "txt"


class PaperSize(str, Enum):
    a4 = "a4"
    letter = "letter"


class ListFormat(str, Enum):
    table = "table"
    json = "json"


class ProgressFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    cpd_csv = "cpd-csv"
    cpd_md = "cpd-md"


class QuizFormat(str, Enum):
    text = "text"
    json = "json"


DataDir = Annotated[
    Optional[Path],  # noqa: UP045 - typer needs Optional on Python 3.10
    typer.Option(
        "--data-dir",
        help="Folder for the quiz database (default: your user data folder; "
        "also $BONEMETS_DATA_DIR).",
        file_okay=False,
        metavar="DIR",
    ),
]
"""``--data-dir``, shared by ``quiz`` and ``progress``."""


class SchemaKind(str, Enum):
    pathway = "pathway"
    bibliography = "bibliography"
    quiz = "quiz"
    cases = "cases"


class ShowFormat(str, Enum):
    tree = "tree"
    json = "json"


class ProblemFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


class WalkFormat(str, Enum):
    rich = "rich"
    plain = "plain"
    markdown = "markdown"
    json = "json"


def complete_pathway(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion: the ids (and titles) of the pathways this command line would load."""
    from bonemets_cli.errors import BonemetsError
    from bonemets_cli.load.catalog import load_catalog, search_dirs

    folders = ctx.find_root().params.get("pathways_dir") or []
    try:
        catalog = load_catalog(search_dirs(folders))
    except (BonemetsError, OSError):  # a broken folder: no suggestions, never an error
        return []
    return [
        (pid, doc.pathway.title)
        for pid, doc in sorted(catalog.pathways.items())
        if pid.startswith(incomplete)
    ]


PathwayId = Annotated[
    str,
    typer.Argument(help="Pathway id (see 'bonemets list').", autocompletion=complete_pathway),
]
"""The one pathway a command is about (``show``, ``graph``)."""

OnlyPathway = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.10
    typer.Option(
        "--pathway",
        "-p",
        help="Only this pathway (see 'bonemets list').",
        metavar="ID",
        autocompletion=complete_pathway,
    ),
]
"""``--pathway ID`` of the commands that draw quiz items (``quiz``, ``export anki``)."""

QUESTION_TYPES = "next-step, urgency, score or bank (repeat or comma-separate; default all)"
"""The question types ``--type`` takes, for its help (``quiz`` adds ``case``)."""


class TestFormat(str, Enum):
    text = "text"
    junit = "junit"
    github = "github"
    lcov = "lcov"


class DiffFormat(str, Enum):
    markdown = "markdown"
    json = "json"


Output = Annotated[
    Optional[Path],  # noqa: UP045 - typer needs Optional on Python 3.10
    typer.Option("--output", "-o", help="File to write; default: standard output.", metavar="FILE"),
]
"""``-o FILE`` of the commands that write one report (``test``, ``diff``)."""
