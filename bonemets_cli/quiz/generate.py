"""Quiz items generated from the pathways: next step, urgency and score questions.

Items come from the graph itself, never from a listing of routes: one next-step item per
answer that leads to a decision, one urgency item per way into an outcome, one score item
per set of score choices. The pool of candidates (and so every item id) depends only on
the loaded pathways, never on the seed; the seed decides which candidates are asked, in
what order, and the wording (the case's way in, the patient's age and sex, which
distractors, option order). Same seed, same quiz.

A step whose right answer depends on local policy (its ``quiz.local_policy``) is never
asked about.
"""

from __future__ import annotations

import functools
import itertools
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from bonemets_cli.errors import BonemetsError
from bonemets_cli.load.catalog import Catalog
from bonemets_cli.model import (
    AnyNode,
    BankItem,
    Link,
    NodeRef,
    OutcomeNode,
    PathwaySet,
    QuestionNode,
    RouteStep,
    ScoreBand,
    ScoreNode,
    Urgency,
)
from bonemets_cli.quiz.cues import pick_distractors, plain
from bonemets_cli.quiz.graphindex import QuizGraph
from bonemets_cli.quiz.items import Choice, ItemType, QuizItem
from bonemets_cli.quiz.story import story

MAX_OPTIONS = 4
RETRIES = 3
MAX_SCORE_CASES = 5000  # per score node; SINS has 1,296 combinations, Mirels 81
PATH_TYPES = frozenset({ItemType.NEXT_STEP, ItemType.URGENCY, ItemType.SCORE, ItemType.BANK})
"""The types a pool holds; a case scenario (``--type case``) is built elsewhere."""


class Candidate(NamedTuple):
    """An item that can be asked; ``build`` words it with a seed-derived random source
    (None when no wording keeps the rules, so the item is not asked). A named tuple: a
    pool holds one per score combination, and a frozen dataclass costs five times as
    much to make."""

    id: str
    type: ItemType
    group: str  # candidates are spread across groups so a quiz is varied
    build: Callable[[random.Random], QuizItem | None]


@dataclass
class Pool:
    candidates: dict[str, Candidate] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    """Pathways left out, with why: a walk from their start cannot reach an outcome."""

    def add(self, candidate: Candidate) -> None:
        self.candidates.setdefault(candidate.id, candidate)

    def __len__(self) -> int:
        return len(self.candidates)

    def order(self, seed: int) -> list[str]:
        """Every id in the order this seed asks them: types and groups take turns."""
        rng = random.Random(f"order:{seed}")
        by_type: dict[ItemType, dict[str, list[str]]] = {}
        for cand in self.candidates.values():
            by_type.setdefault(cand.type, {}).setdefault(cand.group, []).append(cand.id)
        streams: list[list[str]] = []
        for groups in by_type.values():
            lists = list(groups.values())
            for ids in lists:
                rng.shuffle(ids)
            rng.shuffle(lists)
            streams.append(_interleave(lists))
        rng.shuffle(streams)
        return _interleave(streams)

    def item(self, item_id: str, seed: int) -> QuizItem | None:
        return self.candidates[item_id].build(random.Random(f"{seed}:{item_id}"))


def _interleave(lists: Sequence[list[str]]) -> list[str]:
    return [x for row in itertools.zip_longest(*lists) for x in row if x is not None]


def build_pool(
    catalog: Catalog,
    bank: Sequence[BankItem] = (),
    *,
    pathway: str | None = None,
    types: Iterable[ItemType] = tuple(ItemType),
) -> Pool:
    """All candidates from the chosen pathway (or all) and the bank, of the chosen types."""
    wanted = set(types) & PATH_TYPES
    pathways = catalog.pathway_set
    ids = [pathways.pathway(pathway).id] if pathway else list(pathways)
    broken = pathways.broken_pathways()
    pool = Pool(skipped={pid: why for pid, why in broken.items() if pid in ids})
    if pathway in pool.skipped:
        raise BonemetsError(
            f"pathway '{pathway}' cannot be quizzed: {pool.skipped[pathway]}; "
            "run 'bonemets validate' for the details"
        )
    gen = Generator(pathways, quiz_graph(pathways, broken))
    keep = {pid for pid in ids if pid not in broken}
    for cand in gen.path_candidates(keep, wanted):
        pool.add(cand)
    if ItemType.BANK in wanted:
        for entry in bank:
            if pathway is None or entry.pathway == pathway:
                pool.add(gen.bank(entry))
    return pool


def quiz_graph(pathways: PathwaySet, broken: Mapping[str, str] | None = None) -> QuizGraph:
    """The graph from every pathway's start that a walk can finish from (so a case's way
    in may start in another pathway, as a walk does)."""
    if broken is None:
        broken = pathways.broken_pathways()
    return QuizGraph(pathways, (pathways.start(pid) for pid in pathways if pid not in broken))


def every_quiz_item(
    catalog: Catalog, *, seed: int = 0, types: Iterable[ItemType] = tuple(ItemType)
) -> list[QuizItem]:
    """Every item the generator can make from the catalog's pathways and quiz banks, worded
    with ``seed``, in a stable order: for exports (an offline sheet) and the item audit."""
    from bonemets_cli.load.catalog import load_banks

    pool = build_pool(catalog, load_banks(catalog.folders), types=types)
    items = (pool.item(item_id, seed) for item_id in sorted(pool.candidates))
    return [item for item in items if item is not None]


class Generator:
    def __init__(self, pathways: PathwaySet, graph: QuizGraph) -> None:
        self.pathways = pathways
        self.graph = graph

    def node(self, ref: NodeRef) -> AnyNode:
        return self.pathways.node(ref)

    def citations(self, pathway_id: str | None, keys: Sequence[str]) -> tuple[str, ...]:
        return tuple(self.pathways.cite(pathway_id, k).keyed() for k in keys)

    def path_candidates(self, keep: set[str], wanted: set[ItemType]) -> Iterable[Candidate]:
        """One pass over the reachable nodes of the kept pathways."""
        for ref, node in self.graph.reached().items():
            if ref.pathway not in keep:
                continue
            links = self.graph.successors(ref)
            if isinstance(node, (QuestionNode, ScoreNode)) and ItemType.NEXT_STEP in wanted:
                for link in links:
                    cand = self.next_step(ref, link)
                    if cand is not None:
                        yield cand
            if ItemType.URGENCY in wanted:
                for link in links:
                    cand = self.urgency(ref, link)
                    if cand is not None:
                        yield cand
            if isinstance(node, ScoreNode) and ItemType.SCORE in wanted:
                yield from self.scores(ref, node)

    def _case(self, at: NodeRef, link: Link, rng: random.Random) -> tuple[RouteStep, ...] | None:
        """A way in to ``at`` and the answer there that takes ``link``."""
        step = self.graph.step(at, link, rng)
        if step is None:
            return None
        return (*self.graph.way_in(at, rng), step)

    # next step -------------------------------------------------------------------------

    def next_step(self, at: NodeRef, link: Link) -> Candidate | None:
        found = self.graph.decision(link.target)
        if found is None or not self._may_have_distractors(at, found):
            return None
        via = link.via
        choice = via.id if via is not None and not isinstance(via, ScoreBand) else ""
        if isinstance(via, ScoreBand):
            choice = f"band:{via.min}-{via.max}"
        item_id = f"next-step:{at}={choice}"

        def build(rng: random.Random) -> QuizItem | None:
            for attempt in range(RETRIES):  # another draw of distractors may keep the rules
                item = self.next_step_item(rng, item_id, at, link, found)
                if item is not None:
                    return item
                rng = random.Random(f"{item_id}:{attempt}")
            return None

        return Candidate(item_id, ItemType.NEXT_STEP, str(at), build)

    def _may_have_distractors(self, at: NodeRef, found: tuple[NodeRef, str]) -> bool:
        """A quick count (no wording): could two other decisions be offered?"""
        target, right = found
        node = self.node(target)
        texts = {d.text.casefold() for d in node.quiz.distractors} if node.quiz else set()
        for link in self.graph.successors(at):
            other = self.graph.decision(link.target)
            if other is not None:
                texts.add(other[1].casefold())
        texts.discard(right.casefold())
        stage = len(self.graph.stage_decisions(target.pathway, node.stage))
        return len(texts) + max(0, stage - 1) >= 2

    def distractor_pools(self, at: NodeRef, target: NodeRef) -> list[list[str]]:
        """Wrong answers, nearest first: the author's for the decision step, the decisions
        the other answers at ``at`` lead to, then other decisions of the same pathway and
        stage whose urgency differs (so it is plainly wrong here). Never a step of an
        unrelated stage or pathway."""
        decided = self.node(target)
        authored = [d.text for d in decided.quiz.distractors] if decided.quiz else []
        siblings = []
        for link in self.graph.successors(at):
            other = self.graph.decision(link.target)
            if other is not None and other[0] != target:
                siblings.append(other[1])
        right = self.graph.urgency(target)
        same_stage = [  # only one wrong in how urgent it is, not only in its detail
            text
            for ref, text in self.graph.stage_decisions(target.pathway, decided.stage)
            if ref != target and self.graph.urgency(ref) != right
        ]
        return [authored, siblings, same_stage]

    def next_step_item(
        self,
        rng: random.Random,
        item_id: str,
        at: NodeRef,
        link: Link,
        found: tuple[NodeRef, str],
        *,
        case: str | None = None,
    ) -> QuizItem | None:
        """The item; ``case`` is the story told so far (a case scenario), or None to sample
        a way in."""
        target, decision = found
        right = plain(decision)
        wrong = pick_distractors(right, self.distractor_pools(at, target), rng, MAX_OPTIONS - 1)
        if wrong is None:
            return None
        if case is None:
            steps = self._case(at, link, rng)
            if steps is None:
                return None
            case = story(self.pathways, steps, rng)
        choices = [Choice(right, correct=True), *(Choice(t) for t in wrong)]
        rng.shuffle(choices)
        node = self.node(target)
        asked = self.node(at)
        why = node.rationale or node.text
        notes = [
            f"'{d.text}' is not right here: {d.why}"
            for d in (node.quiz.distractors if node.quiz else ())
            if d.text.casefold() in {t.casefold() for t in wrong}
        ]
        explanation = " ".join([f"The next step is: {right}. {why}", *notes])
        sources = tuple(
            dict.fromkeys(
                [
                    *(node.sources or asked.sources),
                    *(
                        k
                        for d in (node.quiz.distractors if node.quiz else ())
                        if d.text.casefold() in {t.casefold() for t in wrong}
                        for k in d.sources
                    ),
                ]
            )
        )
        return QuizItem(
            id=item_id,
            type=ItemType.NEXT_STEP,
            pathway=at.pathway,
            stage=asked.stage,
            question=f"{case}\nWhat should be done next?",
            choices=tuple(choices),
            explanation=explanation,
            sources=sources,
            citations=self.citations(target.pathway, sources),
        )

    # urgency ---------------------------------------------------------------------------

    def urgency(self, at: NodeRef, link: Link) -> Candidate | None:
        outcome = self.pathways.find(link.target)
        if not isinstance(outcome, OutcomeNode):
            return None
        if outcome.quiz is not None and outcome.quiz.local_policy:
            return None
        via = link.via
        choice = (
            ""
            if via is None
            else via.id
            if not isinstance(via, ScoreBand)
            else (f"band:{via.min}-{via.max}")
        )
        item_id = f"urgency:{at}={choice}"
        target = link.target

        def build(rng: random.Random) -> QuizItem | None:
            steps = self._case(at, link, rng)
            if steps is None:
                return None
            return self.urgency_item(item_id, at, target, story(self.pathways, steps, rng))

        return Candidate(item_id, ItemType.URGENCY, str(target), build)

    def urgency_item(self, item_id: str, at: NodeRef, target: NodeRef, case: str) -> QuizItem:
        outcome = self.node(target)
        assert isinstance(outcome, OutcomeNode)
        choices = tuple(Choice(u.word, u is outcome.urgency) for u in Urgency)
        why = outcome.rationale or outcome.text
        return QuizItem(
            id=item_id,
            type=ItemType.URGENCY,
            pathway=at.pathway,
            stage=outcome.stage,
            question=f"{case}\nHow urgent is this?",
            choices=choices,
            explanation=(
                f"This leads to '{outcome.title}': {outcome.urgency.word.lower()}. "
                f"{outcome.urgency.meaning} {why}"
            ),
            sources=outcome.sources,
            citations=self.citations(target.pathway, outcome.sources),
        )

    # scores ----------------------------------------------------------------------------

    def scores(self, ref: NodeRef, node: ScoreNode) -> Iterable[Candidate]:
        combos: Iterable[tuple[str, ...]] = itertools.product(
            *[[c.id for c in item.choices] for item in node.items]
        )
        size = 1
        for item in node.items:
            size *= len(item.choices)
        if size > MAX_SCORE_CASES:  # a fixed sample, independent of the seed
            rng = random.Random(f"cases:{ref}")
            combos = {
                tuple(rng.choice(item.choices).id for item in node.items)
                for _ in range(MAX_SCORE_CASES)
            }
            combos = sorted(combos)
        # A score node has a candidate per combination (SINS: 1,296), so each is made
        # cheaply: its id in C, its wording deferred to ``build`` (only asked ones pay).
        names = [item.id for item in node.items]
        prefix, group = f"score:{ref}:", str(ref)
        for combo in combos:
            picked = tuple(zip(names, combo, strict=True))  # (item id, choice id) pairs
            item_id = prefix + ",".join(map("=".join, picked))
            build = functools.partial(self._score_build, item_id, ref.pathway, node, picked)
            yield Candidate(item_id, ItemType.SCORE, group, build)

    def _score_build(
        self,
        item_id: str,
        pathway_id: str,
        node: ScoreNode,
        picked: tuple[tuple[str, str], ...],
        rng: random.Random,
    ) -> QuizItem | None:
        return self.score_item(rng, item_id, pathway_id, node, dict(picked))

    def score_item(
        self,
        rng: random.Random,
        item_id: str,
        pathway_id: str,
        node: ScoreNode,
        picked: Mapping[str, str],
    ) -> QuizItem | None:
        total = node.total_of(picked)
        band = node.band_for(total)
        label = band.label if band else "no band"
        correct = _score_text(total, label)
        low, high = node.total_range
        near = [
            t for d in range(1, high - low + 1) for t in (total - d, total + d) if low <= t <= high
        ]
        other_bands = [_score_text(total, b.label) for b in node.bands if b.label != label]
        nearby = []
        for t in near[: 4 * (MAX_OPTIONS - 1)]:
            b = node.band_for(t)
            nearby.append(_score_text(t, b.label if b else "no band"))
        # the same total with another band first (is the band known?), then nearby totals
        picked_wrong = pick_distractors(correct, [other_bands, nearby], rng, MAX_OPTIONS - 1)
        if picked_wrong is None:
            return None
        wrong = picked_wrong
        choices = [Choice(correct, True), *(Choice(w) for w in wrong)]
        choices.sort(key=lambda c: (int(c.text.split(" ", 1)[0]), c.text))
        lines = []
        sums = []
        for item in node.items:
            choice = next(c for c in item.choices if c.id == picked[item.id])
            lines.append(f"- {item.label}: {choice.label}")
            sums.append(f"{item.label} {choice.points}")
        meaning = f" {band.meaning}" if band and band.meaning else ""
        why = f" {node.rationale}" if node.rationale else ""
        return QuizItem(
            id=item_id,
            type=ItemType.SCORE,
            pathway=pathway_id,
            stage=node.stage,
            question=f"{node.title}: score this case.\n"
            + "\n".join(lines)
            + "\nWhat is the total, and what does it mean?",
            choices=tuple(choices),
            explanation=f"{' + '.join(sums)} = {total}: {label}.{meaning}{why}",
            sources=node.sources,
            citations=self.citations(pathway_id, node.sources),
        )

    # bank ------------------------------------------------------------------------------

    def bank(self, entry: BankItem) -> Candidate:
        item_id = f"bank:{entry.id}"

        def build(rng: random.Random) -> QuizItem:
            choices = [Choice(o.text, o.correct) for o in entry.options]
            rng.shuffle(choices)
            return QuizItem(
                id=item_id,
                type=ItemType.BANK,
                pathway=entry.pathway or "bank",
                stage=entry.stage or "general",
                question=entry.question,
                choices=tuple(choices),
                explanation=entry.explanation,
                sources=entry.sources,
                citations=self.citations(None, entry.sources),
            )

        return Candidate(item_id, ItemType.BANK, entry.stage or "general", build)


def _score_text(total: int, label: str) -> str:
    return f"{total} — {label}"


def select(
    pool: Pool,
    seed: int,
    count: int,
    first: Sequence[str] = (),
    *,
    only_first_and_new: Callable[[str], bool] | None = None,
) -> list[QuizItem]:
    """``count`` items: the ids in ``first`` (e.g. due ones), then the seed's order.

    ``only_first_and_new`` filters the seed's order (``--due`` keeps only unseen items).
    """
    chosen: list[str] = list(dict.fromkeys(i for i in first if i in pool.candidates))
    taken = set(chosen)
    rest: Iterable[str] = (i for i in pool.order(seed) if i not in taken)
    if only_first_and_new is not None:
        rest = (i for i in rest if only_first_and_new(i))
    items: list[QuizItem] = []
    for item_id in itertools.chain(chosen, rest):  # built one by one: only what is asked
        item = pool.item(item_id, seed)
        if item is not None:
            items.append(item)
            if len(items) == count:
                break
    return items
