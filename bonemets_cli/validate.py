"""Checks on loaded pathways → problems with stable rule ids. It never raises.

Graph rules run over every loaded pathway at once, because ``next`` may cross files:
a node is reachable if any pathway's start reaches it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from bonemets_cli.catalog import Catalog
from bonemets_cli.errors import Location
from bonemets_cli.loader import LoadErrors, PathwayDocument
from bonemets_cli.model import OutcomeNode, QuestionNode, ScoreNode, next_refs
from bonemets_cli.readability import DEFAULT_READING_EASE, ReadingLevel, as_sentence, reading_level

NodeKey = tuple[str, str]


class Level(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    location: Location
    level: Level
    rule: str
    message: str


RULES: dict[str, str] = {
    "yaml-syntax": "the file is not valid YAML",
    "tab": "tabs in indentation",
    "empty-file": "the file has no content",
    "not-a-mapping": "the top level is not a mapping",
    "multiple-documents": "more than one YAML document",
    "unknown-key": "a key the format does not know",
    "missing-key": "a required key is missing",
    "wrong-type": "a value of the wrong type or form",
    "duplicate-key": "the same key twice in one mapping",
    "tag": "a YAML tag (!!python/..., !include)",
    "alias": "a YAML alias (*name)",
    "too-deep": "nesting deeper than the limit",
    "too-large": "a file over the size or value-count limit",
    "encoding": "binary or non-UTF-8 content",
    "newer-schema": "written for a newer bonemets",
    "path-escape": "a file reference leaving the pathway folder",
    "missing-bibliography": "a named bibliography file does not exist",
    "io": "the file cannot be read",
    "duplicate-id": "two pathways, options, items or choices share an id",
    "missing-start": "the start node does not exist",
    "dangling-next": "next names a node that does not exist",
    "missing-pathway": "next names a pathway that is not loaded",
    "unreachable-node": "no start reaches the node",
    "dead-end": "no outcome can be reached from the node",
    "cycle": "a loop: a walk could go round for ever",
    "outcome-source": "an outcome cites no source",
    "missing-source": "a step cites no source",
    "unknown-source": "a cited source key is in no bibliography",
    "default-discuss": "an outcome uses the generic discuss prompt",
    "score-bands": "score bands leave a total uncovered or cover it twice",
    "review-dates": "next_review is before reviewed",
    "review-overdue": "the next_review date has passed",
    "quiz-answer": "a quiz bank item without exactly one correct option",
    "quiz-options": "a quiz bank item offers the same option twice",
    "missing-lay": "a step has no plain-language 'lay' text (leaflets print the clinician text)",
    "reading-level": "the lay text reads harder than the target Flesch Reading Ease",
}


def validate_catalog(
    catalog: Catalog,
    *,
    today: dt.date | None = None,
    only: Iterable[Path] | None = None,
    extra_rules: Iterable[Callable[[Catalog], Iterator[Problem]]] = (),
    reading_ease: float | None = DEFAULT_READING_EASE,
) -> list[Problem]:
    """All problems, sorted by place; ``only`` keeps those in the given files.

    ``reading_ease=None`` skips scoring the lay text, the slowest rule on large sets.
    """
    today = today or dt.date.today()
    problems: list[Problem] = list(_load_problems(catalog))
    for check in (_duplicate_pathways, _graph, _provenance, _scores):
        problems.extend(check(catalog))
    problems.extend(_review_dates(catalog, today))
    problems.extend(_lay_text(catalog, reading_ease))
    for rule in extra_rules:
        problems.extend(rule(catalog))
    if only is not None:
        wanted = {p.resolve() for p in only}
        problems = [p for p in problems if Path(p.location.file).resolve() in wanted]
    return sorted(set(problems))


def _error(location: Location, rule: str, message: str) -> Problem:
    return Problem(location, Level.ERROR, rule, message)


def _warning(location: Location, rule: str, message: str) -> Problem:
    return Problem(location, Level.WARNING, rule, message)


def _load_problems(catalog: Catalog) -> Iterator[Problem]:
    for exc in catalog.errors:
        errors = exc.errors if isinstance(exc, LoadErrors) else [exc]
        for err in errors:
            yield _error(err.location or Location("?"), err.rule or "yaml-syntax", err.message)


def _duplicate_pathways(catalog: Catalog) -> Iterator[Problem]:
    first: dict[str, PathwayDocument] = {}
    for doc in catalog.documents:
        pid = doc.pathway.id
        if pid in first:
            yield _error(
                doc.locate("id"),
                "duplicate-id",
                f"pathway id '{pid}' is already used by {first[pid].file}; rename one "
                "(the rest of this file is checked once its id is unique)",
            )
        else:
            first[pid] = doc
    for doc in catalog.documents:
        for nid, node in doc.pathway.nodes.items():
            groups: list[tuple[tuple[str | int, ...], list[str], str]] = []
            if isinstance(node, QuestionNode):
                groups.append((("options",), [o.id for o in node.options], "option"))
            if isinstance(node, ScoreNode):
                groups.append((("items",), [i.id for i in node.items], "item"))
                for n, item in enumerate(node.items):
                    groups.append((("items", n, "choices"), [c.id for c in item.choices], "choice"))
            for path, ids, what in groups:
                for index, dup in _repeats(ids):
                    yield _error(
                        doc.locate("nodes", nid, *path, index, "id"),
                        "duplicate-id",
                        f"{what} id '{dup}' appears twice in node '{nid}'",
                    )


def _repeats(ids: list[str]) -> Iterator[tuple[int, str]]:
    if len(set(ids)) == len(ids):  # the usual case, and the cheap test for it
        return
    counts: Counter[str] = Counter()
    for index, value in enumerate(ids):
        counts[value] += 1
        if counts[value] == 2:
            yield index, value


@dataclass(frozen=True)
class Edge:
    target: NodeKey
    doc: PathwayDocument
    path: tuple[str | int, ...]

    @property
    def location(self) -> Location:
        return self.doc.locate(*self.path)


def build_edges(catalog: Catalog) -> tuple[dict[NodeKey, list[Edge]], list[Problem]]:
    """The global node graph; dangling references become problems, not edges."""
    pathways = catalog.pathways
    edges: dict[NodeKey, list[Edge]] = {}
    problems: list[Problem] = []
    for doc in pathways.values():
        pw = doc.pathway
        for nid, node in pw.nodes.items():
            out = edges.setdefault((pw.id, nid), [])
            for ref, sub in next_refs(node):
                target = pw.qualify(ref)
                edge = Edge(target, doc, ("nodes", nid, *sub))
                other = pathways.get(target[0])
                if other is None:
                    problems.append(
                        _error(
                            edge.location,
                            "missing-pathway",
                            f"'{ref}' names pathway '{target[0]}', which is not loaded "
                            "(add its folder with --pathways-dir)",
                        )
                    )
                elif target[1] not in other.pathway.nodes:
                    problems.append(
                        _error(
                            edge.location,
                            "dangling-next",
                            f"'{ref}' names no node in pathway '{target[0]}'"
                            + _suggest(target[1], other.pathway.nodes),
                        )
                    )
                else:
                    out.append(edge)
    return edges, problems


def _suggest(name: str, choices: Iterable[str]) -> str:
    import difflib

    hint = difflib.get_close_matches(name, list(choices), n=1)
    return f"; did you mean '{hint[0]}'?" if hint else ""


def _graph(catalog: Catalog) -> Iterator[Problem]:
    pathways = catalog.pathways
    edges, problems = build_edges(catalog)
    yield from problems
    starts: list[NodeKey] = []
    for doc in pathways.values():
        pw = doc.pathway
        if pw.start in pw.nodes:
            starts.append((pw.id, pw.start))
        else:
            yield _error(
                doc.locate("start"),
                "missing-start",
                f"start node '{pw.start}' is not among the nodes" + _suggest(pw.start, pw.nodes),
            )
    reached = _reach(starts, lambda k: [e.target for e in edges.get(k, [])])
    for doc in pathways.values():
        for nid in doc.pathway.nodes:
            if (doc.pathway.id, nid) not in reached:
                yield _warning(
                    doc.locate("nodes", nid, key=True),
                    "unreachable-node",
                    f"node '{nid}' cannot be reached from any start; link to it or remove it",
                )
    yield from _cycles(edges)
    reverse: dict[NodeKey, list[NodeKey]] = {}
    for source, out in edges.items():
        for e in out:
            reverse.setdefault(e.target, []).append(source)
    outcomes = [
        (d.pathway.id, nid)
        for d in pathways.values()
        for nid, n in d.pathway.nodes.items()
        if isinstance(n, OutcomeNode)
    ]
    finishing = _reach(outcomes, lambda k: reverse.get(k, []))
    for doc in pathways.values():
        for nid in doc.pathway.nodes:
            if (doc.pathway.id, nid) not in finishing:
                yield _error(
                    doc.locate("nodes", nid, key=True),
                    "dead-end",
                    f"no outcome can be reached from node '{nid}': every walk through it stalls",
                )


def _reach(starts: list[NodeKey], step: Callable[[NodeKey], list[NodeKey]]) -> set[NodeKey]:
    seen = set(starts)
    todo = list(starts)
    while todo:
        for nxt in step(todo.pop()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _cycles(edges: dict[NodeKey, list[Edge]]) -> Iterator[Problem]:
    """Iterative depth-first search; each back edge closes a loop."""
    state: dict[NodeKey, int] = {}  # 1 on the stack, 2 done
    for root, out in edges.items():
        if root in state:
            continue
        state[root] = 1
        stack: list[tuple[NodeKey, Iterator[Edge]]] = [(root, iter(out))]
        while stack:
            node, it = stack[-1]
            edge = next(it, None)
            if edge is None:
                state[node] = 2
                stack.pop()
                continue
            mark = state.get(edge.target)
            if mark == 1:
                yield _error(
                    edge.location,
                    "cycle",
                    f"'{node[1]}' leads back to '{edge.target[1]}', making a loop; "
                    "pathways must always move on to an outcome",
                )
            elif mark is None:
                state[edge.target] = 1
                stack.append((edge.target, iter(edges.get(edge.target, []))))


def _provenance(catalog: Catalog) -> Iterator[Problem]:
    for doc in catalog.pathways.values():
        pool = catalog.sources_for(doc)
        for nid, node in doc.pathway.nodes.items():
            for i, key in enumerate(node.sources):
                if key not in pool:
                    yield _error(
                        doc.locate("nodes", nid, "sources", i),
                        "unknown-source",
                        f"source '{key}' is in no bibliography" + _suggest(key, pool),
                    )
            if isinstance(node, OutcomeNode):
                if not node.sources:
                    yield _error(
                        doc.locate("nodes", nid, key=True),
                        "outcome-source",
                        f"outcome '{nid}' cites no source; add 'sources: [key]'",
                    )
                if node.discuss is None:
                    yield _warning(
                        doc.locate("nodes", nid, key=True),
                        "default-discuss",
                        f"outcome '{nid}' has no 'discuss' prompt and falls back to the generic "
                        f"{node.urgency.value} one; write one suited to the step",
                    )
            elif not node.sources:
                yield _warning(
                    doc.locate("nodes", nid, key=True),
                    "missing-source",
                    f"node '{nid}' cites no source; every clinical statement needs one",
                )


def _scores(catalog: Catalog) -> Iterator[Problem]:
    for doc in catalog.pathways.values():
        for nid, node in doc.pathway.nodes.items():
            if isinstance(node, ScoreNode):
                yield from _band_problems(doc, nid, node)


def _band_problems(doc: PathwayDocument, nid: str, node: ScoreNode) -> Iterator[Problem]:
    low, high = node.total_range
    for i, band in enumerate(node.bands):
        if band.min > band.max:
            yield _error(
                doc.locate("nodes", nid, "bands", i),
                "score-bands",
                f"band '{band.label}' has min {band.min} above max {band.max}",
            )
    segments = _coverage(node, low, high)
    uncovered = [(a, b) for a, b, count in segments if count == 0]
    doubled = [(a, b) for a, b, count in segments if count > 1]
    outside = [b for b in node.bands if b.max < low or b.min > high]
    if not (uncovered or doubled or outside):
        return
    where = doc.locate("nodes", nid, "bands")  # only when needed: it is slow at scale
    if uncovered:
        yield _error(
            where,
            "score-bands",
            f"no band covers total {_ranges(uncovered)} (possible totals are {low}–{high})",
        )
    if doubled:
        yield _error(where, "score-bands", f"more than one band covers total {_ranges(doubled)}")
    for band in outside:
        yield _warning(
            where,
            "score-bands",
            f"band '{band.label}' ({band.min}–{band.max}) lies outside the possible "
            f"totals {low}–{high}",
        )


def _coverage(node: ScoreNode, low: int, high: int) -> list[tuple[int, int, int]]:
    """(first, last, how many bands) for each run of totals in ``low..high``.

    A sweep over band ends rather than every total, so a file with thousands of items
    still validates in bounded time.
    """
    delta: Counter[int] = Counter()
    for band in node.bands:
        first, last = max(band.min, low), min(band.max, high)
        if first <= last:
            delta[first] += 1
            delta[last + 1] -= 1
    cuts = sorted({low, high + 1, *(t for t in delta if low <= t <= high)})
    segments: list[tuple[int, int, int]] = []
    count = 0
    for first, nxt in itertools.pairwise(cuts):
        count += delta[first]
        segments.append((first, nxt - 1, count))
    return segments


def _ranges(runs: list[tuple[int, int]]) -> str:
    shown = [str(a) if a == b else f"{a}–{b}" for a, b in runs[:8]]
    return ", ".join(shown) + (" …" if len(runs) > 8 else "")


def _review_dates(catalog: Catalog, today: dt.date) -> Iterator[Problem]:
    for doc in catalog.pathways.values():
        pw = doc.pathway
        if pw.next_review < pw.reviewed:
            yield _error(
                doc.locate("next_review"),
                "review-dates",
                f"next_review {pw.next_review} is before reviewed {pw.reviewed}",
            )
        elif pw.next_review < today:
            yield _warning(
                doc.locate("next_review"),
                "review-overdue",
                f"review was due on {pw.next_review}; review the content and "
                "update 'reviewed' and 'next_review'",
            )


def _lay_text(catalog: Catalog, target: float | None) -> Iterator[Problem]:
    """Leaflets print the lay text, so it must exist and read easily (PIF: reading age 9–11)."""
    for doc in catalog.pathways.values():
        for nid, node in doc.pathway.nodes.items():
            if node.lay is None:
                yield _warning(
                    doc.locate("nodes", nid, key=True),
                    "missing-lay",
                    f"node '{nid}' has no 'lay' text, so leaflets print the clinician text; "
                    "add plain-language 'lay' text",
                )
    if target is None:
        return
    for doc, level in pathway_reading_levels(catalog):
        if level.ease < target:
            node_id, node_level = hardest_node(doc)
            yield _warning(
                doc.locate("nodes", node_id, "lay"),
                "reading-level",
                f"lay text of pathway '{doc.pathway.id}' reads at Flesch Reading Ease "
                f"{level.ease:g} (Flesch–Kincaid grade {level.grade:g}), below the target "
                f"{target:g}; hardest is node '{node_id}' ({node_level.ease:g}): use shorter "
                "sentences and everyday words",
            )


def pathway_reading_levels(catalog: Catalog) -> Iterator[tuple[PathwayDocument, ReadingLevel]]:
    """Each pathway's lay text scored as a whole (pathways without lay text are skipped)."""
    for pid in sorted(catalog.pathways):
        doc = catalog.pathways[pid]
        texts = [as_sentence(n.lay) for n in doc.pathway.nodes.values() if n.lay]
        if texts:
            yield doc, reading_level(" ".join(texts))


def hardest_node(doc: PathwayDocument) -> tuple[str, ReadingLevel]:
    """The node whose lay text reads hardest: scored only for a pathway below target."""
    scored = [
        (reading_level(as_sentence(n.lay)), nid) for nid, n in doc.pathway.nodes.items() if n.lay
    ]
    level, nid = min(scored)
    return nid, level


def has_errors(problems: Iterable[Problem], *, strict: bool = False) -> bool:
    return any(p.level is Level.ERROR or strict for p in problems)
