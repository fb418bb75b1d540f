"""Flowcharts for authors: Mermaid and Graphviz DOT, grouped by stage.

Outcomes are marked by urgency in their label text (not colour alone), so the
diagram still reads in black and white.
"""

from __future__ import annotations

import json

from bonemets_cli.model import (
    STAGES,
    AnyNode,
    OutcomeNode,
    Pathway,
    QuestionNode,
    ScoreNode,
    next_refs,
)

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


def _edge_labels(node: AnyNode) -> list[str]:
    if isinstance(node, QuestionNode):
        return [o.label + (" (red flag)" if o.red_flag else "") for o in node.options]
    if isinstance(node, ScoreNode):
        return [f"{b.min}-{b.max} {b.label}" for b in node.bands]
    return [""]


def _stages(pathway: Pathway) -> list[tuple[str, list[str]]]:
    groups: dict[str, list[str]] = {}
    for nid, node in pathway.nodes.items():
        groups.setdefault(node.stage, []).append(nid)
    return [(s, groups[s]) for s in STAGES if s in groups]


def _mid(pathway: Pathway, ref: str) -> str:
    """A diagram id for a node: ``pathway__node``, with ``_`` → ``_u`` and ``-`` → ``_h``.

    The escaping keeps ids distinct (``a-b`` and ``a_b`` would otherwise collide) and
    leaves ``__`` free to separate the pathway from the node.
    """

    def escape(part: str) -> str:
        return part.replace("_", "_u").replace("-", "_h")

    pid, nid = pathway.qualify(ref)
    return f"{escape(pid)}__{escape(nid)}"


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
            lines.append(f"    {_mid(pathway, nid)}{shape[node.kind] % text}")
        lines.append("  end")
    for nid, node in pathway.nodes.items():
        for (ref, _), label in zip(next_refs(node), _edge_labels(node), strict=False):
            target = _mid(pathway, ref)
            if pathway.qualify(ref)[0] != pathway.id:
                external[target] = ref
            arrow = f'-->|"{_mermaid_text(label)}"|' if label else "-->"
            lines.append(f"  {_mid(pathway, nid)} {arrow} {target}")
    for target, ref in sorted(external.items()):
        lines.append(f'  {target}[["continues in {_mermaid_text(ref)}"]]')
    for urgency, style in _MERMAID_CLASS.items():
        lines.append(f"  classDef {urgency} {style}")
    for nid, node in pathway.nodes.items():
        if isinstance(node, OutcomeNode):
            lines.append(f"  class {_mid(pathway, nid)} {node.urgency.value}")
    return "\n".join(lines) + "\n"


def to_dot(pathway: Pathway) -> str:
    q = json.dumps  # DOT accepts JSON-style double-quoted strings
    lines = [f"digraph {q(pathway.id)} {{", "  rankdir=TB;", '  node [fontname="Helvetica"];']
    shapes = {"question": "diamond", "info": "box", "score": "parallelogram", "outcome": "box"}
    external: set[str] = set()
    for stage, ids in _stages(pathway):
        lines.append(f"  subgraph {q('cluster_' + stage)} {{")
        lines.append(f"    label={q(stage.title())};")
        for nid in ids:
            node = pathway.nodes[nid]
            attrs = f"label={q(_label(node))}, shape={shapes[node.kind]}"
            if isinstance(node, OutcomeNode):
                width = {"emergency": 4, "urgent": 3}.get(node.urgency.value, 1)
                attrs += f', style="rounded,bold", penwidth={width}'
            lines.append(f"    {q(_mid(pathway, nid))} [{attrs}];")
        lines.append("  }")
    for nid, node in pathway.nodes.items():
        for (ref, _), label in zip(next_refs(node), _edge_labels(node), strict=False):
            target = _mid(pathway, ref)
            if pathway.qualify(ref)[0] != pathway.id:
                external.add(ref)
            extra = f" [label={q(label)}]" if label else ""
            lines.append(f"  {q(_mid(pathway, nid))} -> {q(target)}{extra};")
    for ref in sorted(external):
        lines.append(f"  {q(_mid(pathway, ref))} [label={q('continues in ' + ref)}, shape=note];")
    lines.append("}")
    return "\n".join(lines) + "\n"
