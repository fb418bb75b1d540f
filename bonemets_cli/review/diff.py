"""Two sets of pathways compared route by route and node by node.

A route is named by its answers (the option at each question, the band at each score
node), so the same answers through both versions can be compared: where they end, and
how urgently. A route that ends less urgently than before (emergency → urgent) is a
downgrade, the change a reviewer must not miss, so downgrades come first. That holds too
when a change adds a question after an answer that used to end the walk: the new routes
are compared with where those first answers used to end.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum

from bonemets_cli.errors import BonemetsError
from bonemets_cli.model import AnyNode, NodeRef, Pathway, PathwaySet, Route, ScoreNode, Urgency

RouteKey = tuple[str, tuple[tuple[str, str], ...]]
"""The start pathway and each answer: (node, option id or ``band N``, N from 1)."""


class RouteKind(str, Enum):
    DOWNGRADE = "downgrade"  # the same answers now end less urgently
    CHANGED = "changed"  # another outcome, or a more urgent one
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True)
class Ending:
    outcome: NodeRef
    urgency: Urgency

    def __str__(self) -> str:
        return f"{self.outcome} [{self.urgency.value}]"


@dataclass(frozen=True)
class RouteChange:
    kind: RouteKind
    start: str
    answers: str  # "node=option > node=band 2" (the newer side's, where it has one)
    old: Ending | None
    new: Ending | None
    before: str | None = None
    """For a route that now asks more (or fewer) questions than an old one whose answers
    it shares: that old route's answers, and ``old`` is where it ended."""


@dataclass(frozen=True)
class NodeChange:
    """One field of one node (``added`` or ``removed`` for a whole node)."""

    node: NodeRef
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class VersionProblem:
    pathway: str
    old: str
    new: str
    message: str


@dataclass(frozen=True)
class Diff:
    routes: tuple[RouteChange, ...]
    nodes: tuple[NodeChange, ...]
    versions: tuple[VersionProblem, ...]
    added: tuple[str, ...]  # pathways only in the new set
    removed: tuple[str, ...]
    versions_of: dict[str, tuple[str | None, str | None]]  # pathway → (old, new) version

    @property
    def empty(self) -> bool:
        return not (self.routes or self.nodes or self.added or self.removed)


def diff(old: PathwaySet, old_ids: Iterable[str], new: PathwaySet, new_ids: Iterable[str]) -> Diff:
    """Compare the pathways ``old_ids`` of ``old`` with ``new_ids`` of ``new``."""
    before, after = list(dict.fromkeys(old_ids)), list(dict.fromkeys(new_ids))
    both = [pid for pid in after if pid in before]
    routes = _route_changes(old, new, before, after)
    nodes = [c for pid in both for c in node_changes(old[pid], new[pid])]
    versions = list(_version_problems(old, new, both, routes))
    return Diff(
        tuple(routes),
        tuple(nodes),
        tuple(versions),
        tuple(p for p in after if p not in before),
        tuple(p for p in before if p not in after),
        {
            p: (old[p].version if p in before else None, new[p].version if p in after else None)
            for p in dict.fromkeys([*before, *after])
        },
    )


# routes ---------------------------------------------------------------------------------


def route_table(pathways: PathwaySet, ids: Iterable[str]) -> dict[RouteKey, tuple[Ending, str]]:
    """Every route from each pathway's start: its key → (ending, answers in words)."""
    table: dict[RouteKey, tuple[Ending, str]] = {}
    for pid in ids:
        problem = pathways.broken(pid)
        if problem:
            raise BonemetsError(
                f"cannot follow the routes of '{pid}': {problem}; run 'bonemets validate'"
            )
        try:
            for route in pathways.routes(pathways.start(pid)):
                key, words = route_key(pathways, pid, route)
                table[key] = (Ending(route.outcome, route.urgency), words)
        except ValueError as exc:
            raise BonemetsError(f"cannot follow the routes of '{pid}': {exc}") from None
    return table


def route_key(pathways: PathwaySet, pid: str, route: Route) -> tuple[RouteKey, str]:
    steps: list[tuple[str, str]] = []
    for step in route.steps:
        if not step.choice:
            continue  # an info step: nothing is answered
        choice = step.choice
        node = pathways.node(step.node)
        if isinstance(node, ScoreNode):  # by place, so moving a band's bounds keeps the route
            low, high = (int(x) for x in choice.removeprefix("band:").split("-"))
            number = next(i for i, b in enumerate(node.bands, 1) if (b.min, b.max) == (low, high))
            choice = f"band {number}"
        steps.append((str(step.node), choice))
    return (pid, tuple(steps)), " > ".join(f"{n}={c}" for n, c in steps) or "(no answers)"


def _route_changes(
    old: PathwaySet, new: PathwaySet, before: list[str], after: list[str]
) -> list[RouteChange]:
    was, now = route_table(old, before), route_table(new, after)
    gone = {key: was[key] for key in was.keys() - now.keys()}
    out: list[RouteChange] = []
    for key, (ending, words) in now.items():
        earlier = was.get(key)
        if earlier is None:
            if key[0] in before:  # a whole new pathway is listed as such, not route by route
                out.append(_new_route(key, ending, words, gone))
        elif earlier[0] != ending:
            out.append(RouteChange(_kind(earlier[0], ending), key[0], words, earlier[0], ending))
    for key, (ending, words) in was.items():
        if key not in now and key[0] in after:
            out.append(RouteChange(RouteKind.REMOVED, key[0], words, ending, None))
    order = list(RouteKind)
    return sorted(out, key=lambda c: order.index(c.kind))  # stable: routes keep their order


def _kind(old: Ending, new: Ending) -> RouteKind:
    return RouteKind.DOWNGRADE if new.urgency.rank > old.urgency.rank else RouteKind.CHANGED


def _new_route(
    key: RouteKey, ending: Ending, words: str, gone: dict[RouteKey, tuple[Ending, str]]
) -> RouteChange:
    """A new route that shares its first answers with a removed one is that route asking
    more (or fewer) questions. Compared with where those answers used to end, it can be a
    downgrade, which must not hide among the new routes: asking more, it is compared with
    the old route it continues; asking fewer, with the most urgent of the old routes it
    cuts short (the emergency those answers could still reach)."""
    start, answers = key
    related = [
        old
        for (pid, old_answers), old in gone.items()
        if pid == start
        and (answers[: len(old_answers)] == old_answers or old_answers[: len(answers)] == answers)
    ]
    if not related:
        return RouteChange(RouteKind.ADDED, start, words, None, ending)
    earlier, earlier_words = min(related, key=lambda old: old[0].urgency.rank)
    if earlier == ending:  # more questions to the same place: no disposition moved
        return RouteChange(RouteKind.ADDED, start, words, None, ending)
    return RouteChange(_kind(earlier, ending), start, words, earlier, ending, before=earlier_words)


# nodes ----------------------------------------------------------------------------------

FIELDS = ("title", "text", "lay", "sources", "bands", "urgency", "action")
"""What a reviewer reads per node; a changed ``next`` shows in the routes instead."""


def node_changes(old: Pathway, new: Pathway) -> Iterator[NodeChange]:
    for nid, node in new.nodes.items():
        ref = NodeRef(new.id, nid)
        before = old.nodes.get(nid)
        if before is None:
            yield NodeChange(ref, "added", "", f"{node.kind}: {node.title}")
            continue
        for name in FIELDS:
            a, b = _field(before, name), _field(node, name)
            if a != b:
                yield NodeChange(ref, name, a, b)
    for nid, node in old.nodes.items():
        if nid not in new.nodes:
            yield NodeChange(NodeRef(old.id, nid), "removed", f"{node.kind}: {node.title}", "")


def _field(node: AnyNode, name: str) -> str:
    if name == "bands":
        if not isinstance(node, ScoreNode):
            return ""
        return "; ".join(f"{b.min}–{b.max} {b.label} → {b.next}" for b in node.bands)
    value = getattr(node, name, None)
    if value is None:
        return ""
    if isinstance(value, tuple):
        return ", ".join(map(str, value))
    if isinstance(value, Urgency):
        return value.value
    return str(value)


# versions -------------------------------------------------------------------------------


def _semver(text: str) -> tuple[int, int, int]:
    major, minor, patch = (int(x) for x in text.split("."))
    return major, minor, patch


def _version_problems(
    old: PathwaySet, new: PathwaySet, both: list[str], routes: list[RouteChange]
) -> Iterator[VersionProblem]:
    """A pathway whose content changed needs a higher version; one whose own routes end
    differently needs a higher major version (SemVer: a change of disposition breaks
    what learners and leaflets were taught)."""
    moved = {c.start for c in routes}
    for pid in both:
        a, b = old[pid], new[pid]
        changed = a.model_dump(exclude={"version"}) != b.model_dump(exclude={"version"})
        if not changed:
            continue
        va, vb = _semver(a.version), _semver(b.version)
        if vb <= va:
            yield VersionProblem(
                pid,
                a.version,
                b.version,
                f"pathway '{pid}' changed but its version did not go up ({a.version} → {b.version})",
            )
        elif pid in moved and vb[0] <= va[0]:
            yield VersionProblem(
                pid,
                a.version,
                b.version,
                f"routes of pathway '{pid}' end differently but its major version did not go "
                f"up ({a.version} → {b.version}); a changed disposition needs {va[0] + 1}.0.0",
            )
