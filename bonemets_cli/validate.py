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
from bonemets_cli.model import AnyNode, OutcomeNode, QuestionNode, ScoreNode, next_refs
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
        files = {p.location.file for p in problems}  # resolved once each, not per problem
        kept = {file for file in files if Path(file).resolve() in wanted}
        problems = [p for p in problems if p.location.file in kept]
    return sorted(set(problems), key=_place)


def _place(problem: Problem) -> tuple[str, int, int, str, str, str]:
    """The order of ``Problem`` (by its fields), as one key: no comparison builds tuples."""
    where = problem.location
    return (where.file, where.line, where.col, problem.level, problem.rule, problem.message)


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
    for doc, used in catalog.shadowed():
        yield _error(
            doc.locate("id"),
            "duplicate-id",
            f"pathway id '{doc.pathway.id}' is already used by {used.file}; rename one "
            "(the rest of this file is checked once its id is unique)",
        )
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
                if other is None or target[1] not in other.pathway.nodes:
                    problems.append(_broken_link(edge, ref, other))
                else:
                    out.append(edge)
    return edges, problems


def _broken_link(edge: Edge, ref: str, other: PathwayDocument | None) -> Problem:
    """A ``next`` naming a pathway that is not loaded (``other`` None) or a missing node."""
    pathway, node = edge.target
    if other is None:
        return _error(
            edge.location,
            "missing-pathway",
            f"'{ref}' names pathway '{pathway}', which is not loaded "
            "(add its folder with --pathways-dir)",
        )
    return _error(
        edge.location,
        "dangling-next",
        f"'{ref}' names no node in pathway '{pathway}'" + _suggest(node, other.pathway.nodes),
    )


def _suggest(name: str, choices: Iterable[str]) -> str:
    import difflib

    hint = difflib.get_close_matches(name, list(choices), n=1)
    return f"; did you mean '{hint[0]}'?" if hint else ""


def _graph(catalog: Catalog) -> Iterator[Problem]:  # noqa: PLR0912 - one pass per graph rule
    """Links, starts, reachability, loops and dead ends over every loaded pathway.

    The nodes are numbered and the links kept as lists of numbers: on large folders,
    hashing (pathway, node) pairs for every set and dict step was most of the time.
    """
    pathways = catalog.pathways
    nodes: list[tuple[PathwayDocument, str, AnyNode]] = []  # by number
    numbers: dict[str, dict[str, int]] = {}  # pathway id → node id → number
    for pid, doc in pathways.items():
        numbered = numbers[pid] = {}
        for nid, node in doc.pathway.nodes.items():
            numbered[nid] = len(nodes)
            nodes.append((doc, nid, node))
    following: list[list[int]] = []  # by number: the numbers each node links to
    for doc, nid, node in nodes:
        out: list[int] = []
        for ref, sub in next_refs(node):
            pid, target = doc.pathway.qualify(ref)
            in_pathway = numbers.get(pid)
            number = None if in_pathway is None else in_pathway.get(target)
            if number is None:
                edge = Edge((pid, target), doc, ("nodes", nid, *sub))
                yield _broken_link(edge, ref, pathways.get(pid))
            else:
                out.append(number)
        following.append(out)
    starts: list[int] = []
    for pid, doc in pathways.items():
        pw = doc.pathway
        if pw.start in pw.nodes:
            starts.append(numbers[pid][pw.start])
        else:
            yield _error(
                doc.locate("start"),
                "missing-start",
                f"start node '{pw.start}' is not among the nodes" + _suggest(pw.start, pw.nodes),
            )
    reached = _reach(starts, following)
    for number in _missing(reached):
        doc, nid, _ = nodes[number]
        yield _warning(
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
        yield _error(
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
    if _covered_once_in_order(node, low, high):  # the usual case: nothing to sweep
        return
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


def _covered_once_in_order(node: ScoreNode, low: int, high: int) -> bool:
    """Whether the bands, as listed, run from ``low`` to ``high`` without gap or overlap.

    Then every total has exactly one band and none lies outside: no problem to report.
    """
    expected = low
    for band in node.bands:
        if band.min != expected or band.max < band.min:
            return False
        expected = band.max + 1
    return expected == high + 1


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
