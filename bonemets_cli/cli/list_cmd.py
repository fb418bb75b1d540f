"""``bonemets list``: every loaded pathway with its version and review dates."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from bonemets_cli.cli.options import ListFormat
from bonemets_cli.cli.state import state, terminal


def list_pathways(
    ctx: typer.Context,
    format: Annotated[
        ListFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ListFormat.table,
) -> None:
    """List the pathways: id, title, version, reviewed and next review."""
    term = terminal(ctx)
    docs = list(state(ctx).catalog().pathways.values())
    if format is ListFormat.json:
        term.write(
            json.dumps(
                [
                    {
                        "id": d.pathway.id,
                        "title": d.pathway.title,
                        "version": d.pathway.version,
                        "reviewed": d.pathway.reviewed.isoformat(),
                        "next_review": d.pathway.next_review.isoformat(),
                        "entry": d.pathway.entry,
                        "file": d.file,
                    }
                    for d in docs
                ],
                indent=2,
            )
        )
        return
    from bonemets_cli.ui.views import pathway_table

    term.console().print(pathway_table(docs))
