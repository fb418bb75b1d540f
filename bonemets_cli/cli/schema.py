"""``bonemets schema``: the JSON Schema that editors use to complete and check pathway files."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer


class SchemaKind(str, Enum):
    pathway = "pathway"
    bibliography = "bibliography"
    quiz = "quiz"


def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="Which file's schema.")] = SchemaKind.pathway,
) -> None:
    """Print the JSON Schema for pathway, bibliography or quiz-bank files.

    Save it beside your pathways and add this first line to each file:
    '# yaml-language-server: $schema=pathway.schema.json'
    """
    from bonemets_cli.export.schema import json_schema_text
    from bonemets_cli.ui import console

    console.write(json_schema_text(kind.value))
