"""The loaded pathways as one graph: nodes by reference, where each leads, every route,
and which source a key means for a pathway.

``next`` may cross into another pathway and a step may cite a shared bibliography, so
the walk, the quiz, the leaflets and the checks all ask this one set rather than follow
links or pool sources each their own way.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar

from bonemets_cli.errors import NotFoundError
from bonemets_cli.model.citation import Citation
from bonemets_cli.model.pathway import (
    AnyNode,
    InfoNode,
    Option,
    OutcomeNode,
    Pathway,
    QuestionNode,
    ScoreBand,
    ScoreItem,
    ScoreNode,
    Source,
)
from bonemets_cli.model.refs import NodeRef
from bonemets_cli.model.wording import Urgency

MAX_ROUTES = 100_000
MAX_ROUTE_STEPS = 1000

Node = TypeVar("Node")
Way = TypeVar("Way")


def back_edges(
    roots: Iterable[Node], following: Callable[[Node], Iterable[tuple[Node, Way]]]
) -> Iterator[tuple[Node, Way]]:
    """Each way (from ``following``: target and what leads there) that leads back to a
    node on the current path, so closes a loop: one iterative depth-first search from
    every root in turn, each node entered once. The walk's, quiz's and ``validate``'s
    loop finding all go through here."""
    state: dict[Node, bool] = {}  # True while on the current path, False once done
    for root in roots:
        if root in state:
            continue
        state[root] = True
        stack: list[tuple[Node, Iterator[tuple[Node, Way]]]] = [(root, iter(following(root)))]
        while stack:
            node, todo = stack[-1]
            step = next(todo, None)
            if step is None:
                state[node] = False
                stack.pop()
                continue
            target, way = step
            on_path = state.get(target)
            if on_path:
                yield node, way
            elif on_path is None:
                state[target] = True
                stack.append((target, iter(following(target))))


class Link(NamedTuple):
    """One way on from a node: where it leads and the option or band (None for an info
    step) that leads there, with ``next`` as written and the field that holds it, for
    messages and file positions."""

    target: NodeRef
    via: Option | ScoreBand | None
    written: str
    field: tuple[str | int, ...]


def links(pathway_id: str, node: AnyNode) -> list[Link]:
    """Every ``next`` of ``node`` (a node of ``pathway_id``), found or not, in file order."""
    if isinstance(node, QuestionNode):
        return [
            Link(NodeRef.parse(o.next, pathway_id), o, o.next, ("options", i, "next"))
            for i, o in enumerate(node.options)
        ]
    if isinstance(node, InfoNode):
        return [Link(NodeRef.parse(node.next, pathway_id), None, node.next, ("next",))]
    if isinstance(node, ScoreNode):
        return [
            Link(NodeRef.parse(b.next, pathway_id), b, b.next, ("bands", i, "next"))
            for i, b in enumerate(node.bands)
        ]
    return []


def unknown_pathway(pathway_id: str, known: Iterable[str]) -> NotFoundError:
    return NotFoundError(
        f"no pathway '{pathway_id}' (known: {', '.join(sorted(known)) or 'none'}); "
        "see 'bonemets list'"
    )


@dataclass(frozen=True)
class RouteStep:
    """A node a route passes and the answer taken there."""

    node: NodeRef
    choice: str  # option id; "band:MIN-MAX" at a score node; "" at an info node
    option: Option | None = None
    scores: Mapping[str, str] = field(default_factory=dict)  # score item id → choice id

    @classmethod
    def scored(cls, ref: NodeRef, band: ScoreBand, scores: Mapping[str, str]) -> RouteStep:
        """A score node left through ``band`` with these item choices."""
        return cls(ref, f"band:{band.min}-{band.max}", None, scores)


@dataclass(frozen=True)
class Route:
    """A way from a start to an outcome: for safety tests, quiz vignettes and leaflets."""

    steps: tuple[RouteStep, ...]
    outcome: NodeRef
    urgency: Urgency

    def refs(self) -> list[NodeRef]:
        """Every node passed, the outcome last."""
        return [s.node for s in self.steps] + [self.outcome]


class PathwaySet(Mapping[str, Pathway]):
    """The loaded pathways by id, with the shared bibliographies' sources beneath them."""

    def __init__(
        self, pathways: Mapping[str, Pathway], shared_sources: Mapping[str, Source] | None = None
    ) -> None:
        self._pathways = dict(pathways)
        self._shared = dict(shared_sources or {})
        self._links: dict[NodeRef, list[Link]] = {}
        """``successors``, read once per node: the quiz and the checks ask again and again."""

    def __getitem__(self, pathway_id: str) -> Pathway:
        return self._pathways[pathway_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._pathways)

    def __len__(self) -> int:
        return len(self._pathways)

    def __contains__(self, pathway_id: object) -> bool:
        return pathway_id in self._pathways

    # nodes -----------------------------------------------------------------------------

    def pathway(self, pathway_id: str) -> Pathway:
        """The pathway, or an error that lists the loaded ones."""
        found = self._pathways.get(pathway_id)
        if found is None:
            raise unknown_pathway(pathway_id, self._pathways)
        return found

    def start(self, pathway_id: str, node_id: str | None = None) -> NodeRef:
        """``node_id`` (default: the pathway's start) of ``pathway_id``; both must exist."""
        ref = NodeRef(pathway_id, node_id or self.pathway(pathway_id).start)
        self.node(ref)
        return ref

    def find(self, ref: NodeRef) -> AnyNode | None:
        pathway = self._pathways.get(ref.pathway)
        return None if pathway is None else pathway.nodes.get(ref.node)

    def node(self, ref: NodeRef) -> AnyNode:
        found = self.find(ref)
        if found is None:
            raise NotFoundError(f"no node '{ref}' in the loaded pathways")
        return found

    def nodes(self, pathway_id: str | None = None) -> Iterator[tuple[NodeRef, AnyNode]]:
        """The nodes of one pathway (or of all), in file order."""
        ids = self._pathways if pathway_id is None else [pathway_id]
        for pid in ids:
            for nid, node in self._pathways[pid].nodes.items():
                yield NodeRef(pid, nid), node

    def successors(self, ref: NodeRef) -> list[Link]:
        """Where ``ref`` leads, found or not (``find`` tells), with the option or band."""
        found = self._links.get(ref)
        if found is None:
            found = self._links[ref] = links(ref.pathway, self.node(ref))
        return found

    def describe(self, ref: NodeRef, choice: str, item: str | None = None) -> str:
        """An answer in words: the option's label, or ``Item: choice (points)`` of a score."""
        node = self.node(ref)
        if isinstance(node, QuestionNode):
            return next((o.label for o in node.options if o.id == choice), choice)
        if isinstance(node, ScoreNode):
            for score_item in node.items:
                if score_item.id == item:
                    picked = next((c for c in score_item.choices if c.id == choice), None)
                    if picked:
                        return f"{score_item.label}: {picked.label} ({picked.points})"
        return choice

    # where links lead ------------------------------------------------------------------

    def reachable_outcomes(self, start: NodeRef) -> list[tuple[NodeRef, OutcomeNode]]:
        """Every outcome a walk from ``start`` can reach, nearest first; missing nodes are
        passed over (``validate`` reports them)."""
        seen: set[NodeRef] = set()
        todo = deque([start])
        found: list[tuple[NodeRef, OutcomeNode]] = []
        while todo:
            ref = todo.popleft()
            node = self.find(ref)
            if ref in seen or node is None:
                continue
            seen.add(ref)
            if isinstance(node, OutcomeNode):
                found.append((ref, node))
            todo.extend(link.target for link in links(ref.pathway, node))
        return found

    def walk_order(self, pathway_id: str) -> list[NodeRef]:
        """A pathway's nodes breadth-first from its start (the order a reader meets them),
        then the rest in file order; links into other pathways are not followed."""
        pathway = self.pathway(pathway_id)
        order: dict[NodeRef, None] = {}
        todo = deque([NodeRef(pathway_id, pathway.start)] if pathway.start in pathway.nodes else [])
        while todo:
            ref = todo.popleft()
            if ref in order:
                continue
            order[ref] = None
            todo.extend(
                link.target
                for link in self.successors(ref)
                if link.target.pathway == pathway_id and link.target.node in pathway.nodes
            )
        order.update(dict.fromkeys(ref for ref, _ in self.nodes(pathway_id)))
        return list(order)

    def routes(self, start: NodeRef) -> Iterator[Route]:
        """Every route from ``start`` to an outcome, depth first, in option order.

        A question branches on each option; a score node once per band, with one set of
        item choices (the first found) whose total lands in that band.
        """
        count = 0
        stack: list[tuple[NodeRef, tuple[RouteStep, ...]]] = [(start, ())]
        while stack:
            ref, steps = stack.pop()
            if len(steps) > MAX_ROUTE_STEPS:
                raise ValueError(
                    f"route from {start} longer than {MAX_ROUTE_STEPS} steps: is there a cycle?"
                )
            node = self.node(ref)
            if isinstance(node, OutcomeNode):
                count += 1
                if count > MAX_ROUTES:
                    raise ValueError(f"more than {MAX_ROUTES} routes from {start}")
                yield Route(steps, ref, node.urgency)
                continue
            branches = [
                (link.target, step)
                for link in links(ref.pathway, node)
                if (step := _route_step(ref, node, link)) is not None
            ]
            for target, step in reversed(branches):
                stack.append((target, (*steps, step)))

    def broken(self, pathway_id: str) -> str | None:
        """Why walks from this pathway's start cannot all reach an outcome (a missing
        start, a ``next`` to nothing, a loop), or None. A quiz skips such a pathway;
        ``validate`` says exactly where the fault is."""
        pathway = self._pathways[pathway_id]
        if pathway.start not in pathway.nodes:
            return f"its start node '{pathway.start}' does not exist"
        missing: list[str] = []

        def following(ref: NodeRef) -> Iterator[tuple[NodeRef, Link]]:
            for link in self.successors(ref):
                if self.find(link.target) is None:
                    missing.append(f"'{ref}' leads to '{link.target}', which does not exist")
                else:
                    yield link.target, link

        loop = next(back_edges([self.start(pathway_id)], following), None)
        if missing:
            return missing[0]
        if loop is not None:
            ref, link = loop
            return f"'{ref}' leads back to '{link.target}', a loop"
        return None

    def broken_pathways(self) -> dict[str, str]:
        """``broken`` for every pathway at once, visiting each node once (the quiz asks
        about all of them: one walk per pathway would cross the same linked pathways
        again and again)."""
        verdict: dict[NodeRef, str | None] = {}
        out: dict[str, str] = {}
        for pid, pathway in self._pathways.items():
            if pathway.start not in pathway.nodes:
                out[pid] = f"its start node '{pathway.start}' does not exist"
                continue
            why = self._verdict(NodeRef(pid, pathway.start), verdict)
            if why is not None:
                out[pid] = why
        return out

    def _verdict(self, start: NodeRef, verdict: dict[NodeRef, str | None]) -> str | None:
        """Why walks from ``start`` cannot all finish, or None; remembers every node seen."""
        if start in verdict:
            return verdict[start]
        on_path = {start}
        stack = [(start, iter(self.successors(start)))]
        while stack:
            ref, todo = stack[-1]
            link = next(todo, None)
            if link is None:
                verdict.setdefault(ref, None)
                on_path.discard(ref)
                stack.pop()
                continue
            target = link.target
            if target in verdict:
                fault = verdict[target]
                if fault is None:
                    continue
            elif self.find(target) is None:
                fault = f"'{ref}' leads to '{target}', which does not exist"
            elif target in on_path:
                fault = f"'{ref}' leads back to '{target}', a loop"
            else:
                on_path.add(target)
                stack.append((target, iter(self.successors(target))))
                continue
            for passed, _ in stack:  # every step on the way reaches the fault
                verdict[passed] = fault
            return fault
        return verdict[start]

    def random_route(self, start: NodeRef, rng: random.Random) -> Route:
        """One route from ``start``, each way on chosen by ``rng``: a sample where there
        are too many routes to list (a pathway ``broken`` finds nothing wrong with)."""
        steps: list[RouteStep] = []
        ref = start
        for _ in range(MAX_ROUTE_STEPS):
            node = self.node(ref)
            if isinstance(node, OutcomeNode):
                return Route(tuple(steps), ref, node.urgency)
            ways = [
                (link.target, step)
                for link in links(ref.pathway, node)
                if (step := _route_step(ref, node, link)) is not None
            ]
            ref, step = ways[rng.randrange(len(ways))]
            steps.append(step)
        raise ValueError(
            f"route from {start} longer than {MAX_ROUTE_STEPS} steps: is there a cycle?"
        )

    # sources ---------------------------------------------------------------------------

    def sources(self, pathway_id: str) -> dict[str, Source]:
        """Every source a pathway may cite: the shared pool, with its own on top."""
        own = self._pathways[pathway_id].sources if pathway_id in self._pathways else {}
        return {**self._shared, **own}

    def cite(self, pathway_id: str | None, key: str) -> Citation:
        """The source ``key`` means in ``pathway_id`` (its own first, then the shared
        pool); with no pathway (a quiz-bank fact), the shared pool alone."""
        pathway = self._pathways.get(pathway_id) if pathway_id else None
        source = pathway.sources.get(key) if pathway else None
        return Citation(key, self._shared.get(key) if source is None else source)


def _route_step(ref: NodeRef, node: AnyNode, link: Link) -> RouteStep | None:
    """The step that takes ``link``; None for a band no set of choices can total."""
    via = link.via
    if isinstance(via, Option):
        return RouteStep(ref, via.id, via)
    if isinstance(via, ScoreBand):
        assert isinstance(node, ScoreNode)
        chosen = choices_for_total(node.items, via.min, via.max)
        return None if chosen is None else RouteStep.scored(ref, via, chosen)
    return RouteStep(ref, "")


def choices_for_total(items: tuple[ScoreItem, ...], low: int, high: int) -> dict[str, str] | None:
    """One choice per item whose points sum to a total in [low, high], or None."""
    reachable: dict[int, dict[str, str]] = {0: {}}
    for item in items:
        nxt: dict[int, dict[str, str]] = {}
        for total, picked in reachable.items():
            for choice in item.choices:
                nxt.setdefault(total + choice.points, {**picked, item.id: choice.id})
        reachable = nxt
    for total in sorted(reachable):
        if low <= total <= high:
            return reachable[total]
    return None
