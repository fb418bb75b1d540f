"""Graph rules, run over every loaded pathway at once because ``next`` may cross files."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from bonemets_cli.errors import Location
from bonemets_cli.load.catalog import Catalog
from bonemets_cli.load.loader import PathwayDocument
from bonemets_cli.model import AnyNode, Link, NodeRef, OutcomeNode, PathwaySet
from bonemets_cli.model.graph import back_edges, links
from bonemets_cli.validate.problems import Problem, error, suggest, warning


@dataclass(frozen=True)
class Edge:
    """A link with the file it is written in, so a problem can point at it."""

    link: Link
    doc: PathwayDocument
    node: str  # the id of the node the link leaves

    @property
    def target(self) -> NodeRef:
        return self.link.target

    @property
    def location(self) -> Location:
        return self.doc.locate("nodes", self.node, *self.link.field)


def build_edges(catalog: Catalog) -> tuple[dict[NodeRef, list[Edge]], list[Problem]]:
    """The global node graph; dangling references become problems, not edges."""
    pathways = catalog.pathway_set
    edges: dict[NodeRef, list[Edge]] = {}
    problems: list[Problem] = []
    for ref, node in pathways.nodes():
        out = edges.setdefault(ref, [])
        for link in links(ref.pathway, node):
            edge = Edge(link, catalog.pathways[ref.pathway], ref.node)
            if pathways.find(link.target) is None:
                problems.append(_broken_link(edge, pathways))
            else:
                out.append(edge)
    return edges, problems


def _broken_link(edge: Edge, pathways: PathwaySet) -> Problem:
    """A ``next`` naming a pathway that is not loaded, or a node its pathway lacks."""
    pathway, node = edge.target
    if pathway not in pathways:
        return error(
            edge.location,
            "missing-pathway",
            f"'{edge.link.written}' names pathway '{pathway}', which is not loaded "
            "(add its folder with --pathways-dir)",
        )
    return error(
        edge.location,
        "dangling-next",
        f"'{edge.link.written}' names no node in pathway '{pathway}'"
        + suggest(node, pathways[pathway].nodes),
    )


def graph_problems(catalog: Catalog) -> Iterator[Problem]:  # noqa: PLR0912 - one pass per graph rule
    """Links, starts, reachability, loops and dead ends over every loaded pathway.

    The nodes are numbered and the links kept as lists of numbers: on large folders,
    hashing (pathway, node) pairs for every set and dict step was most of the time.
    """
    pathways = catalog.pathway_set
    docs = catalog.pathways
    nodes: list[tuple[PathwayDocument, str, AnyNode]] = []  # by number
    numbers: dict[str, dict[str, int]] = {}  # pathway id → node id → number
    for ref, node in pathways.nodes():
        numbers.setdefault(ref.pathway, {})[ref.node] = len(nodes)
        nodes.append((docs[ref.pathway], ref.node, node))
    following: list[list[int]] = []  # by number: the numbers each node links to
    for doc, nid, node in nodes:
        out: list[int] = []
        for link in links(doc.pathway.id, node):
            in_pathway = numbers.get(link.target.pathway)
            number = None if in_pathway is None else in_pathway.get(link.target.node)
            if number is None:
                yield _broken_link(Edge(link, doc, nid), pathways)
            else:
                out.append(number)
        following.append(out)
    starts: list[int] = []
    for pid, doc in docs.items():
        pw = doc.pathway
        if pw.start in pw.nodes:
            starts.append(numbers[pid][pw.start])
        else:
            yield error(
                doc.locate("start"),
                "missing-start",
                f"start node '{pw.start}' is not among the nodes" + suggest(pw.start, pw.nodes),
            )
    reached = _reach(starts, following)
    for number in _missing(reached):
        doc, nid, _ = nodes[number]
        yield warning(
            doc.locate("nodes", nid, key=True),
            "unreachable-node",
            f"node '{nid}' cannot be reached from any start; link to it or remove it",
        )
    if _has_loop(following):  # the search that names each loop runs only when there is one
        yield from _cycles(build_edges(catalog)[0])
    preceding: list[list[int]] = [[] for _ in nodes]
    for source, out in enumerate(following):
        for number in out:
            preceding[number].append(source)
    outcomes = [i for i, (_, _, node) in enumerate(nodes) if isinstance(node, OutcomeNode)]
    for number in _missing(_reach(outcomes, preceding)):
        doc, nid, _ = nodes[number]
        yield error(
            doc.locate("nodes", nid, key=True),
            "dead-end",
            f"no outcome can be reached from node '{nid}': every walk through it stalls",
        )


def _reach(starts: list[int], links: list[list[int]]) -> bytearray:
    """1 for every node reachable from ``starts`` along ``links`` (the starts included)."""
    seen = bytearray(len(links))
    for start in starts:
        seen[start] = 1
    todo = list(starts)
    while todo:
        for nxt in links[todo.pop()]:
            if not seen[nxt]:
                seen[nxt] = 1
                todo.append(nxt)
    return seen


def _missing(seen: bytearray) -> list[int]:
    """The node numbers ``_reach`` did not reach (checked in C first: usually none)."""
    return [i for i, flag in enumerate(seen) if not flag] if 0 in seen else []


def _has_loop(following: list[list[int]]) -> bool:
    """Whether the links form any loop: peel off nodes nothing leads to (Kahn's algorithm)."""
    waiting = [0] * len(following)  # links still leading into each node
    for out in following:
        for number in out:
            waiting[number] += 1
    free = [i for i, count in enumerate(waiting) if count == 0]
    peeled = 0
    while free:
        peeled += 1
        for number in following[free.pop()]:
            waiting[number] -= 1
            if waiting[number] == 0:
                free.append(number)
    return peeled < len(following)


def _cycles(edges: dict[NodeRef, list[Edge]]) -> Iterator[Problem]:
    """One problem per link that closes a loop (``back_edges``' depth-first search)."""
    for node, edge in back_edges(edges, lambda ref: ((e.target, e) for e in edges.get(ref, []))):
        yield error(
            edge.location,
            "cycle",
            f"'{node.node}' leads back to '{edge.target.node}', making a loop; "
            "pathways must always move on to an outcome",
        )
