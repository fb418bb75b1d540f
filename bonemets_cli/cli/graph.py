"""``bonemets graph``: a flowchart of a pathway for authors and slides."""

from __future__ import annotations

from typing import Annotated

import typer

from bonemets_cli.cli.options import GraphFormat, PathwayId
from bonemets_cli.cli.state import state, terminal


def graph(
    ctx: typer.Context,
    pathway: PathwayId,
    format: Annotated[
        GraphFormat, typer.Option("--format", "-f", help="Diagram language.")
    ] = GraphFormat.mermaid,
) -> None:
    """Print a flowchart grouped by stage; outcomes are labelled by urgency."""
    from bonemets_cli.export.graph import to_dot, to_mermaid

    doc = state(ctx).catalog().get(pathway)
    render = to_mermaid if format is GraphFormat.mermaid else to_dot
    terminal(ctx).write(render(doc.pathway))
