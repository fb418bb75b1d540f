"""Rich renderables for the authoring commands; they return values, the CLI prints them."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.markup import escape
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from bonemets_cli.load.loader import PathwayDocument
from bonemets_cli.model import AnyNode, NodeRef, Option, OutcomeNode, Pathway, ScoreBand
from bonemets_cli.model.graph import links
from bonemets_cli.model.wording import URGENCY_LABEL
from bonemets_cli.ui.style import KIND_STYLE, URGENCY_STYLE


def pathway_table(docs: Sequence[PathwayDocument]) -> Table:
    table = Table(
        title="Pathways",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        caption_justify="left",
        caption="* entry point: where 'bonemets walk' starts",
    )
    table.add_column("id", no_wrap=True)
    table.add_column("title", ratio=1)
    for column in ("version", "reviewed", "next review"):
        table.add_column(column, no_wrap=True)
    for doc in docs:
        pw = doc.pathway
        table.add_row(
            pw.id + (" *" if pw.entry else ""),
            escape(pw.title),
            pw.version,
            pw.reviewed.isoformat(),
            pw.next_review.isoformat(),
        )
    return table


def pathway_tree(pathway: Pathway) -> Tree:
    """The pathway from its start, each node once; later visits show '(see above)'."""
    root = Tree(Text.assemble((pathway.title, "bold"), f"  {pathway.id} v{pathway.version}"))
    shown: set[str] = set()

    def add(parent: Tree, ref: NodeRef, via: str | None) -> None:
        pid, nid = ref
        prefix = f"{via} → " if via else ""
        if pid != pathway.id:
            parent.add(Text(f"{prefix}continues in pathway {pid} at '{nid}'", style="italic"))
            return
        node = pathway.nodes.get(nid)
        if node is None:
            parent.add(Text(f"{prefix}{nid} (missing node)", style="red"))
            return
        label = Text(prefix)
        label.append_text(node_label(nid, node))
        if nid in shown:
            label.append(" (see above)", style="dim")
            parent.add(label)
            return
        shown.add(nid)
        branch = parent.add(label)
        for link in links(pid, node):
            add(branch, link.target, _via(link.via))

    add(root, NodeRef(pathway.id, pathway.start), None)
    return root


def _via(via: Option | ScoreBand | None) -> str | None:
    """The answer or band a branch of the tree hangs from, red flags in words."""
    if isinstance(via, Option):
        return via.label + (" [RED FLAG]" if via.red_flag else "")
    if isinstance(via, ScoreBand):
        return f"{via.min}–{via.max} {via.label}"
    return None


def node_label(nid: str, node: AnyNode) -> Text:
    """Kind, then for outcomes the urgency in words (first, so it is never wrapped away)."""
    text = Text()
    text.append(f"[{node.kind}] ", style=KIND_STYLE[node.kind])
    if isinstance(node, OutcomeNode):
        text.append(URGENCY_LABEL[node.urgency], style=URGENCY_STYLE[node.urgency])
        text.append(" ")
    text.append(node.title, style="bold")
    text.append(f"  ({nid}, {node.stage})", style="dim")
    return text
