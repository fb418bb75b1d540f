"""Which nodes, options and score bands the cases exercise, and which none does.

An option no case takes is a branch whose outcome nobody has pinned: the place a later
edit can change a disposition unnoticed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from bonemets_cli.errors import Location
from bonemets_cli.load.loader import PathwayDocument
from bonemets_cli.model import NodeRef, QuestionNode, ScoreNode
from bonemets_cli.walk.cases import CaseResult, Hit


@dataclass(frozen=True)
class Target:
    """Something a case can exercise, where it is written, and how many cases did."""

    hit: Hit
    location: Location
    count: int

    @property
    def kind(self) -> str:
        return self.hit[0]

    @property
    def ref(self) -> NodeRef:
        return self.hit[1]

    def describe(self, docs: dict[str, PathwayDocument]) -> str:
        kind, ref, choice = self.hit
        if kind == "option":
            return f"option '{choice}' of {ref}"
        if kind == "band":
            node = docs[ref.pathway].pathway.nodes[ref.node]
            assert isinstance(node, ScoreNode)
            band = node.bands[int(choice)]
            return f"band {band.min}–{band.max} ('{band.label}') of {ref}"
        return f"node {ref}"


@dataclass(frozen=True)
class Coverage:
    targets: tuple[Target, ...]

    @property
    def missed(self) -> list[Target]:
        return [t for t in self.targets if t.count == 0]

    @property
    def percent(self) -> float:
        if not self.targets:
            return 100.0
        return 100.0 * (len(self.targets) - len(self.missed)) / len(self.targets)

    def by_kind(self) -> dict[str, tuple[int, int]]:
        """kind → (exercised, total), for the summary line."""
        out: dict[str, tuple[int, int]] = {}
        for kind in ("node", "option", "band"):
            mine = [t for t in self.targets if t.kind == kind]
            out[kind] = (sum(t.count > 0 for t in mine), len(mine))
        return out

    def files(self) -> dict[str, list[Target]]:
        """Targets by pathway file, in file order."""
        out: dict[str, list[Target]] = {}
        for target in self.targets:
            out.setdefault(target.location.file, []).append(target)
        return out


def coverage(docs: Iterable[PathwayDocument], results: Iterable[CaseResult]) -> Coverage:
    """Coverage of ``docs`` (the pathways under test) by every case that ran."""
    counts: Counter[Hit] = Counter(hit for result in results for hit in result.hits)
    return Coverage(tuple(Target(hit, where, counts[hit]) for hit, where in _targets(docs)))


def _targets(docs: Iterable[PathwayDocument]) -> Iterator[tuple[Hit, Location]]:
    for doc in docs:
        pid = doc.pathway.id
        for nid, node in doc.pathway.nodes.items():
            ref = NodeRef(pid, nid)
            yield ("node", ref, ""), doc.locate("nodes", nid, key=True)
            if isinstance(node, QuestionNode):
                for i, option in enumerate(node.options):
                    yield ("option", ref, option.id), doc.locate("nodes", nid, "options", i)
            elif isinstance(node, ScoreNode):
                for i, _ in enumerate(node.bands):
                    yield ("band", ref, str(i)), doc.locate("nodes", nid, "bands", i)
