"""``bonemets schema``: the JSON Schema that editors use to complete and check pathway files."""

from __future__ import annotations

from typing import Annotated

import typer

from bonemets_cli.cli.options import SchemaKind
from bonemets_cli.cli.state import terminal


def schema(
    ctx: typer.Context,
    kind: Annotated[SchemaKind, typer.Argument(help="Which file's schema.")] = SchemaKind.pathway,
) -> None:
    """Print the JSON Schema for pathway, bibliography, quiz-bank or case files.

    Save it beside your pathways and add this first line to each file:
    '# yaml-language-server: $schema=pathway.schema.json'
    """
    from bonemets_cli.export.schema import json_schema_text

    terminal(ctx).write(json_schema_text(kind.value))
