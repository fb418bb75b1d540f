"""Flowcharts for authors: Mermaid and Graphviz DOT, grouped by stage.

Outcomes are marked by urgency in their label text (not colour alone), so the
diagram still reads in black and white.
"""

from __future__ import annotations

import json

from bonemets_cli.model import (
    STAGES,
    AnyNode,
    Link,
    NodeRef,
    Option,
    OutcomeNode,
    Pathway,
    ScoreBand,
)
from bonemets_cli.model.graph import links

_MERMAID_CLASS = {
    "emergency": "fill:#b00020,color:#fff,stroke:#000,stroke-width:3px",
    "urgent": "fill:#ffcdd2,stroke:#b00020,stroke-width:2px",
    "soon": "fill:#fff3c4,stroke:#8a6d00",
    "routine": "fill:#dcedc8,stroke:#33691e",
}


def _label(node: AnyNode) -> str:
    if isinstance(node, OutcomeNode):
        return f"{node.urgency.value.upper()}: {node.title}"
    return node.title


def _edge_label(link: Link) -> str:
    if isinstance(link.via, Option):
        return link.via.label + (" (red flag)" if link.via.red_flag else "")
    if isinstance(link.via, ScoreBand):
        return f"{link.via.min}-{link.via.max} {link.via.label}"
    return ""


def _stages(pathway: Pathway) -> list[tuple[str, list[str]]]:
    groups: dict[str, list[str]] = {}
    for nid, node in pathway.nodes.items():
        groups.setdefault(node.stage, []).append(nid)
    return [(s, groups[s]) for s in STAGES if s in groups]


def _mid(ref: NodeRef) -> str:
    """A diagram id for a node: ``pathway__node``, with ``_`` → ``_u`` and ``-`` → ``_h``.

    The escaping keeps ids distinct (``a-b`` and ``a_b`` would otherwise collide) and
    leaves ``__`` free to separate the pathway from the node.
    """

    def escape(part: str) -> str:
        return part.replace("_", "_u").replace("-", "_h")

    return f"{escape(ref.pathway)}__{escape(ref.node)}"


def _mermaid_text(value: str) -> str:
    return value.replace('"', "#quot;")


def to_mermaid(pathway: Pathway) -> str:
    lines = ["flowchart TD"]
    external: dict[str, str] = {}
    for stage, ids in _stages(pathway):
        lines.append(f'  subgraph stage_{stage}["{stage.title()}"]')
        for nid in ids:
            node = pathway.nodes[nid]
            text = _mermaid_text(_label(node))
            shape = {
                "question": '{{"%s"}}',
                "info": '["%s"]',
                "score": '[/"%s"/]',
                "outcome": '(["%s"])',
            }
            lines.append(f"    {_mid(NodeRef(pathway.id, nid))}{shape[node.kind] % text}")
        lines.append("  end")
    for nid, node in pathway.nodes.items():
        for link in links(pathway.id, node):
            target = _mid(link.target)
            if link.target.pathway != pathway.id:
                external[target] = link.written
            label = _edge_label(link)
            arrow = f'-->|"{_mermaid_text(label)}"|' if label else "-->"
            lines.append(f"  {_mid(NodeRef(pathway.id, nid))} {arrow} {target}")
    for target, ref in sorted(external.items()):
        lines.append(f'  {target}[["continues in {_mermaid_text(ref)}"]]')
    for urgency, style in _MERMAID_CLASS.items():
        lines.append(f"  classDef {urgency} {style}")
    for nid, node in pathway.nodes.items():
        if isinstance(node, OutcomeNode):
            lines.append(f"  class {_mid(NodeRef(pathway.id, nid))} {node.urgency.value}")
    return "\n".join(lines) + "\n"


def to_dot(pathway: Pathway) -> str:
    q = json.dumps  # DOT accepts JSON-style double-quoted strings
    lines = [f"digraph {q(pathway.id)} {{", "  rankdir=TB;", '  node [fontname="Helvetica"];']
    shapes = {"question": "diamond", "info": "box", "score": "parallelogram", "outcome": "box"}
    external: dict[str, str] = {}  # as written → diagram id
    for stage, ids in _stages(pathway):
        lines.append(f"  subgraph {q('cluster_' + stage)} {{")
        lines.append(f"    label={q(stage.title())};")
        for nid in ids:
            node = pathway.nodes[nid]
            attrs = f"label={q(_label(node))}, shape={shapes[node.kind]}"
            if isinstance(node, OutcomeNode):
                width = {"emergency": 4, "urgent": 3}.get(node.urgency.value, 1)
                attrs += f', style="rounded,bold", penwidth={width}'
            lines.append(f"    {q(_mid(NodeRef(pathway.id, nid)))} [{attrs}];")
        lines.append("  }")
    for nid, node in pathway.nodes.items():
        for link in links(pathway.id, node):
            target = _mid(link.target)
            if link.target.pathway != pathway.id:
                external[link.written] = target
            label = _edge_label(link)
            extra = f" [label={q(label)}]" if label else ""
            lines.append(f"  {q(_mid(NodeRef(pathway.id, nid)))} -> {q(target)}{extra};")
    for ref, target in sorted(external.items()):
        lines.append(f"  {q(target)} [label={q('continues in ' + ref)}, shape=note];")
    lines.append("}")
    return "\n".join(lines) + "\n"
