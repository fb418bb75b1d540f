"""Flowcharts for authors: Mermaid and Graphviz DOT, grouped by stage.

Outcomes are marked by urgency in their label text (not colour alone), so the diagram
still reads in black and white; both languages colour them the same way. A link into
another pathway ends in a box that says where it continues and how urgent the outcomes
there can be, so a diagram of one pathway does not hide an emergency one step away.
``--all`` draws every pathway, each in its own box, with the links between them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from bonemets_cli.model import (
    STAGES,
    AnyNode,
    Link,
    NodeRef,
    Option,
    OutcomeNode,
    PathwaySet,
    ScoreBand,
    Urgency,
)
from bonemets_cli.model.graph import links

COLOURS: dict[Urgency, dict[str, str]] = {
    Urgency.EMERGENCY: {"fill": "#b00020", "color": "#ffffff", "stroke": "#000000", "width": "3"},
    Urgency.URGENT: {"fill": "#ffcdd2", "color": "#000000", "stroke": "#b00020", "width": "2"},
    Urgency.SOON: {"fill": "#fff3c4", "color": "#000000", "stroke": "#8a6d00", "width": "1"},
    Urgency.ROUTINE: {"fill": "#dcedc8", "color": "#000000", "stroke": "#33691e", "width": "1"},
}
"""One palette for both diagram languages: the same outcome looks the same in each."""


@dataclass(frozen=True)
class Box:
    """A node as drawn: its diagram id, label, shape kind and urgency (for colour)."""

    id: str
    label: str
    kind: str  # question | info | score | outcome | external
    urgency: Urgency | None


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


def _mid(ref: NodeRef) -> str:
    """A diagram id for a node: ``pathway__node``, with ``_`` → ``_u`` and ``-`` → ``_h``.

    The escaping keeps ids distinct (``a-b`` and ``a_b`` would otherwise collide) and
    leaves ``__`` free to separate the pathway from the node.
    """

    return f"{_escape(ref.pathway)}__{_escape(ref.node)}"


def _escape(part: str) -> str:
    return part.replace("_", "_u").replace("-", "_h")


def leads_to(pathways: PathwaySet, target: NodeRef) -> list[Urgency]:
    """The urgencies a walk from ``target`` can end in, most urgent first."""
    found = {outcome.urgency for _, outcome in pathways.reachable_outcomes(target)}
    return sorted(found, key=lambda u: u.rank)


def _external(pathways: PathwaySet, link: Link) -> Box:
    """Where a link into a pathway not drawn continues, and how urgent it can get."""
    node = pathways.find(link.target)
    urgencies = leads_to(pathways, link.target)
    where = f"continues in {link.written}"
    if node is not None:
        where += f": {node.title}"
    if urgencies:
        most, least = urgencies[0].value.upper(), urgencies[-1].value.upper()
        where += f" ({most} to {least})" if most != least else f" ({most})"
    else:
        where += " (not loaded)" if node is None else ""
    return Box(_mid(link.target), where, "external", urgencies[0] if urgencies else None)


@dataclass(frozen=True)
class Diagram:
    """What either language draws: pathways (each with its stages), edges, outside boxes."""

    groups: list[tuple[str, str, list[tuple[str, list[Box]]]]]  # (id, title, stages)
    edges: list[tuple[str, str, str]]  # (from, to, label)
    external: list[Box]
    whole: bool  # several pathways: each in its own box


def diagram(pathways: PathwaySet, ids: Sequence[str]) -> Diagram:
    """The boxes and arrows of the pathways ``ids``; links to others end in an outside box."""
    drawn = set(ids)
    groups = []
    edges: list[tuple[str, str, str]] = []
    external: dict[str, Box] = {}
    for pid in ids:
        pathway = pathways.pathway(pid)
        stages: dict[str, list[Box]] = {}
        for nid, node in pathway.nodes.items():
            urgency = node.urgency if isinstance(node, OutcomeNode) else None
            box = Box(_mid(NodeRef(pid, nid)), _label(node), node.kind, urgency)
            stages.setdefault(node.stage, []).append(box)
            for link in links(pid, node):
                if link.target.pathway not in drawn:
                    outside = _external(pathways, link)
                    external.setdefault(outside.id, outside)
                edges.append((box.id, _mid(link.target), _edge_label(link)))
        ordered = [(s, stages[s]) for s in STAGES if s in stages]
        groups.append((pid, pathway.title, ordered))
    return Diagram(groups, edges, sorted(external.values(), key=lambda b: b.id), len(ids) > 1)


# --- Mermaid ---------------------------------------------------------------------------

_MERMAID_SHAPE = {
    "question": '{{"%s"}}',
    "info": '["%s"]',
    "score": '[/"%s"/]',
    "outcome": '(["%s"])',
    "external": '[["%s"]]',
}


def _mermaid_text(value: str) -> str:
    return value.replace('"', "#quot;")


def to_mermaid(pathways: PathwaySet, ids: Sequence[str]) -> str:
    d = diagram(pathways, ids)
    lines = ["flowchart TD"]
    for pid, title, stages in d.groups:
        indent = "  "
        if d.whole:
            lines.append(f'  subgraph pathway_{_escape(pid)}["{_mermaid_text(title)}"]')
            indent = "    "
        for stage, boxes in stages:
            sub = f"stage_{stage}" if not d.whole else f"{_escape(pid)}__stage_{stage}"
            lines.append(f'{indent}subgraph {sub}["{stage.title()}"]')
            for box in boxes:
                shape = _MERMAID_SHAPE[box.kind] % _mermaid_text(box.label)
                lines.append(f"{indent}  {box.id}{shape}")
            lines.append(f"{indent}end")
        if d.whole:
            lines.append("  end")
    for source, target, label in d.edges:
        arrow = f'-->|"{_mermaid_text(label)}"|' if label else "-->"
        lines.append(f"  {source} {arrow} {target}")
    for box in d.external:
        lines.append(f"  {box.id}{_MERMAID_SHAPE['external'] % _mermaid_text(box.label)}")
    for urgency, c in COLOURS.items():
        style = f"fill:{c['fill']},color:{c['color']},stroke:{c['stroke']}"
        lines.append(f"  classDef {urgency.value} {style},stroke-width:{c['width']}px")
    for box in _all_boxes(d):
        if box.urgency is not None:
            lines.append(f"  class {box.id} {box.urgency.value}")
    return "\n".join(lines) + "\n"


def _all_boxes(d: Diagram) -> list[Box]:
    inside = [box for _, _, stages in d.groups for _, boxes in stages for box in boxes]
    return inside + d.external


# --- Graphviz DOT ----------------------------------------------------------------------

_DOT_SHAPE = {
    "question": "diamond",
    "info": "box",
    "score": "parallelogram",
    "outcome": "box",
    "external": "note",
}


def _q(value: str) -> str:
    """A DOT string: JSON quoting, with non-ASCII kept as itself (Graphviz reads UTF-8 but
    not ``\\u`` escapes: it would print an em dash as ``u2014``)."""
    return json.dumps(value, ensure_ascii=False)


def _dot_attrs(box: Box) -> str:
    attrs = f"label={_q(box.label)}, shape={_DOT_SHAPE[box.kind]}"
    if box.kind == "outcome":
        attrs += ', style="rounded,bold,filled"'
    elif box.urgency is not None:
        attrs += ', style="filled"'
    if box.urgency is not None:
        c = COLOURS[box.urgency]
        attrs += (
            f", fillcolor={_q(c['fill'])}, fontcolor={_q(c['color'])}, "
            f"color={_q(c['stroke'])}, penwidth={c['width']}"
        )
    return attrs


def to_dot(pathways: PathwaySet, ids: Sequence[str]) -> str:
    d = diagram(pathways, ids)
    name = ids[0] if not d.whole else "pathways"
    lines = [
        f"digraph {_q(name)} {{",
        "  rankdir=TB;",
        '  charset="UTF-8";',
        '  node [fontname="Helvetica"];',
    ]
    for pid, title, stages in d.groups:
        indent = "  "
        if d.whole:
            lines.append(f"  subgraph {_q('cluster_' + pid)} {{")
            lines.append(f"    label={_q(title)};")
            lines.append("    penwidth=2;")
            indent = "    "
        for stage, boxes in stages:
            cluster = f"cluster_{stage}" if not d.whole else f"cluster_{pid}_{stage}"
            lines.append(f"{indent}subgraph {_q(cluster)} {{")
            lines.append(f"{indent}  label={_q(stage.title())};")
            for box in boxes:
                lines.append(f"{indent}  {_q(box.id)} [{_dot_attrs(box)}];")
            lines.append(f"{indent}}}")
        if d.whole:
            lines.append("  }")
    for source, target, label in d.edges:
        extra = f" [label={_q(label)}]" if label else ""
        lines.append(f"  {_q(source)} -> {_q(target)}{extra};")
    for box in d.external:
        lines.append(f"  {_q(box.id)} [{_dot_attrs(box)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
