"""``bonemets graph``: a flowchart of a pathway (or of them all) for authors and slides."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from bonemets_cli.cli.options import GraphFormat
from bonemets_cli.cli.state import state, terminal


def graph(
    ctx: typer.Context,
    pathway: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Argument(
            help="Pathway id (see 'bonemets list'); omit with --all.", metavar="PATHWAY"
        ),
    ] = None,
    format: Annotated[
        GraphFormat, typer.Option("--format", "-f", help="Diagram language.")
    ] = GraphFormat.mermaid,
    all_pathways: Annotated[
        bool, typer.Option("--all", help="Every pathway, with the links between them.")
    ] = False,
) -> None:
    """Print a flowchart grouped by stage; outcomes are labelled (and coloured) by urgency."""
    from bonemets_cli.errors import UsageError
    from bonemets_cli.export.graph import to_dot, to_mermaid

    if all_pathways == (pathway is not None):
        raise UsageError("name one pathway (see 'bonemets list'), or use --all")
    catalog = state(ctx).catalog()
    ids = sorted(catalog.pathways) if pathway is None else [catalog.get(pathway).pathway.id]
    render = to_mermaid if format is GraphFormat.mermaid else to_dot
    terminal(ctx).write(render(catalog.pathway_set, ids))
