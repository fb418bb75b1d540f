"""``bonemets show``: a pathway as a tree, or the resolved model as JSON."""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated, Any

import typer

from bonemets_cli.cli.state import state


class ShowFormat(str, Enum):
    tree = "tree"
    json = "json"


def show(
    ctx: typer.Context,
    pathway: Annotated[str, typer.Argument(help="Pathway id (see 'bonemets list').")],
    format: Annotated[
        ShowFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ShowFormat.tree,
) -> None:
    """Show one pathway from its start: as a tree, or as resolved JSON."""
    from bonemets_cli.ui import console

    catalog = state(ctx).catalog()
    doc = catalog.get(pathway)
    if format is ShowFormat.json:
        data: dict[str, Any] = doc.pathway.model_dump(mode="json")
        for nid, node in doc.pathway.nodes.items():
            data["nodes"][nid]["discuss"] = node.discuss_prompt()
        pool = catalog.pathway_set.sources(pathway)
        cited = sorted({k for n in doc.pathway.nodes.values() for k in n.sources if k in pool})
        data["resolved_sources"] = {k: pool[k].model_dump(mode="json") for k in cited}
        console.write(json.dumps(data, indent=2, ensure_ascii=False))
        return
    from bonemets_cli.ui.views import pathway_tree

    console.stdout_console().print(pathway_tree(doc.pathway))
