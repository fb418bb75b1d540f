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


PathwayId = Annotated[str, typer.Argument(help="Pathway id (see 'bonemets list').")]
"""The one pathway a command is about (``show``, ``graph``)."""
