"""``bonemets show``: a pathway as a tree, or the resolved model as JSON."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from bonemets_cli.cli.options import PathwayId, ShowFormat
from bonemets_cli.cli.state import state, terminal


def show(
    ctx: typer.Context,
    pathway: PathwayId,
    format: Annotated[
        ShowFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ShowFormat.tree,
) -> None:
    """Show one pathway from its start: as a tree, or as resolved JSON."""
    term = terminal(ctx)
    catalog = state(ctx).catalog()
    doc = catalog.get(pathway)
    if format is ShowFormat.json:
        data: dict[str, Any] = doc.pathway.model_dump(mode="json")
        for nid, node in doc.pathway.nodes.items():
            data["nodes"][nid]["discuss"] = node.discuss_prompt()
        pool = catalog.pathway_set.sources(pathway)
        cited = sorted({k for n in doc.pathway.nodes.values() for k in n.sources if k in pool})
        data["resolved_sources"] = {k: pool[k].model_dump(mode="json") for k in cited}
        term.write(json.dumps(data, indent=2, ensure_ascii=False))
        return
    from bonemets_cli.ui.views import pathway_tree

    term.console().print(pathway_tree(doc.pathway))
