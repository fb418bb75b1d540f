"""Quiz items generated from the pathways: next step, urgency and score questions.

The pool of candidates (and so every item id) depends only on the loaded pathways, never
on the seed; the seed decides which candidates are asked, in what order, and the wording
(the patient's age and sex, which distractors, option order). Same seed, same quiz.
"""

from __future__ import annotations

import hashlib
import itertools
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from bonemets_cli.errors import BonemetsError
from bonemets_cli.load.catalog import Catalog
from bonemets_cli.model import (
    AnyNode,
    BankItem,
    NodeRef,
    OutcomeNode,
    PathwaySet,
    Route,
    RouteStep,
    ScoreNode,
    Urgency,
)
from bonemets_cli.quiz.items import Choice, ItemType, QuizItem

MAX_OPTIONS = 4
MAX_SCORE_CASES = 5000  # per score node; SINS has 1,296 combinations, Mirels 81
MAX_PREFIXES = 20  # vignettes kept per next-step edge
MAX_LISTED_ROUTES = 5000  # per pathway; the shipped pathways have at most 104


@dataclass(frozen=True)
class Candidate:
    """An item that can be asked; ``build`` words it with a seed-derived random source."""

    id: str
    type: ItemType
    group: str  # candidates are spread across groups so a quiz is varied
    build: Callable[[random.Random], QuizItem]


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

    def item(self, item_id: str, seed: int) -> QuizItem:
        return self.candidates[item_id].build(random.Random(f"{seed}:{item_id}"))


def _interleave(lists: Sequence[list[str]]) -> list[str]:
    out: list[str] = []
    for row in itertools.zip_longest(*lists):
        out.extend(x for x in row if x is not None)
    return out


def build_pool(
    catalog: Catalog,
    bank: Sequence[BankItem] = (),
    *,
    pathway: str | None = None,
    types: Iterable[ItemType] = tuple(ItemType),
) -> Pool:
    """All candidates from the chosen pathway (or all) and the bank, of the chosen types."""
    wanted = set(types)
    pathways = catalog.pathway_set
    ids = [pathways.pathway(pathway).id] if pathway else list(pathways)
    pool = Pool(skipped={pid: why for pid in ids if (why := pathways.broken(pid))})
    if pathway in pool.skipped:
        raise BonemetsError(
            f"pathway '{pathway}' cannot be quizzed: {pool.skipped[pathway]}; "
            "run 'bonemets validate' for the details"
        )
    ids = [pid for pid in ids if pid not in pool.skipped]
    gen = _Generator(pathways)
    for cand in _path_candidates(gen, ids, wanted):
        pool.add(cand)
    if ItemType.SCORE in wanted:
        for pid in ids:
            for ref, node in pathways.nodes(pid):
                if isinstance(node, ScoreNode):
                    for cand in gen.scores(ref, node):
                        pool.add(cand)
    if ItemType.BANK in wanted:
        for entry in bank:
            if pathway is None or entry.pathway == pathway:
                pool.add(gen.bank(entry))
    return pool


def _path_candidates(gen: _Generator, ids: list[str], wanted: set[ItemType]) -> Iterable[Candidate]:
    """Urgency and next-step candidates: both walk every route from each start."""
    if not wanted & {ItemType.NEXT_STEP, ItemType.URGENCY}:
        return
    for pid in ids:
        paths = quiz_routes(gen.pathways, pid)
        if ItemType.URGENCY in wanted:
            for path in paths:
                yield gen.urgency(pid, path)
        if ItemType.NEXT_STEP in wanted:
            gen.collect_edges(paths, keep=set(ids))
    if ItemType.NEXT_STEP in wanted:
        yield from gen.next_steps()


def quiz_routes(pathways: PathwaySet, pathway_id: str) -> list[Route]:
    """Every route from the pathway's start, or, past ``MAX_LISTED_ROUTES``, a fixed sample
    of that many (the same every run, whatever the seed), so a quiz over a pathway of
    millions of routes costs bounded time and memory."""
    start = pathways.start(pathway_id)
    listed = list(itertools.islice(pathways.routes(start), MAX_LISTED_ROUTES + 1))
    if len(listed) <= MAX_LISTED_ROUTES:
        return listed
    rng = random.Random(f"routes:{start}")
    sample: dict[tuple[tuple[str, str], ...], Route] = {}
    for _ in range(MAX_LISTED_ROUTES):
        route = pathways.random_route(start, rng)
        sample.setdefault(tuple((str(s.node), s.choice) for s in route.steps), route)
    return [sample[key] for key in sorted(sample)]


class _Generator:
    def __init__(self, pathways: PathwaySet) -> None:
        self.pathways = pathways
        self.edges: dict[str, tuple[NodeRef, NodeRef, list[tuple[RouteStep, ...]]]] = {}

    def node(self, ref: NodeRef) -> AnyNode:
        return self.pathways.node(ref)

    def citations(self, pathway_id: str | None, keys: Sequence[str]) -> tuple[str, ...]:
        return tuple(self.pathways.cite(pathway_id, k).keyed() for k in keys)

    # next step -------------------------------------------------------------------------

    def collect_edges(self, paths: Iterable[Route], keep: set[str]) -> None:
        for path in paths:
            for index, step in enumerate(path.steps):
                if step.option is None or step.node.pathway not in keep:
                    continue
                target = path.steps[index + 1].node if index + 1 < len(path.steps) else path.outcome
                item_id = f"next-step:{step.node}={step.option.id}"
                entry = self.edges.setdefault(item_id, (step.node, target, []))
                prefix = path.steps[: index + 1]
                if len(entry[2]) < MAX_PREFIXES and prefix not in entry[2]:
                    entry[2].append(prefix)

    def next_steps(self) -> Iterable[Candidate]:
        for item_id, (at, target, prefixes) in self.edges.items():
            same, other = self._distractor_titles(target, prefixes[0])
            if not same and not other:
                continue  # a catalog with a single title cannot make a question

            def build(
                rng: random.Random,
                *,
                i: str = item_id,
                t: NodeRef = target,
                p: list[tuple[RouteStep, ...]] = prefixes,
                a: NodeRef = at,
            ) -> QuizItem:
                return self._next_step_item(rng, i, a, t, p)

            yield Candidate(item_id, ItemType.NEXT_STEP, str(at), build)

    def _distractor_titles(
        self, target: NodeRef, prefix: tuple[RouteStep, ...]
    ) -> tuple[list[str], list[str]]:
        """Titles of other steps (same stage, other stages); never the answer's title,
        nor a step the case has already passed."""
        answer = self.node(target).title.casefold()
        passed = {s.node for s in prefix}
        stage = self.node(target).stage
        same: list[str] = []
        other: list[str] = []
        seen = {answer}
        for ref, node in self.pathways.nodes():
            title = node.title
            if ref in passed or title.casefold() in seen:
                continue
            seen.add(title.casefold())
            (same if node.stage == stage else other).append(title)
        return same, other

    def _next_step_item(
        self,
        rng: random.Random,
        item_id: str,
        at: NodeRef,
        target: NodeRef,
        prefixes: list[tuple[RouteStep, ...]],
    ) -> QuizItem:
        prefix = prefixes[rng.randrange(len(prefixes))]
        node = self.node(target)
        same, other = self._distractor_titles(target, prefix)
        picked = rng.sample(same, min(len(same), MAX_OPTIONS - 1))
        if len(picked) < MAX_OPTIONS - 1:
            picked += rng.sample(other, min(len(other), MAX_OPTIONS - 1 - len(picked)))
        choices = [Choice(node.title, correct=True), *(Choice(t) for t in picked)]
        rng.shuffle(choices)
        asked = self.node(at)
        last = prefix[-1]
        label = last.option.label if last.option else last.choice
        why = node.rationale or node.text
        explanation = (
            f"After '{label}' at '{asked.title}', the pathway goes to '{node.title}'. {why}"
        )
        sources = node.sources or asked.sources
        return QuizItem(
            id=item_id,
            type=ItemType.NEXT_STEP,
            pathway=at.pathway,
            stage=asked.stage,
            question=f"{self._vignette(rng, prefix)}\nWhat is the next step?",
            choices=tuple(choices),
            explanation=explanation,
            sources=tuple(sources),
            citations=self.citations((target if node.sources else at).pathway, sources),
        )

    def _vignette(self, rng: random.Random, steps: Sequence[RouteStep]) -> str:
        """A short case built from the answers actually chosen along the path."""
        age = rng.randint(45, 85)
        sex = rng.choice(("man", "woman"))
        article = "An" if age in (8, 11, 18) or 80 <= age <= 89 else "A"
        lines = [f"{article} {age}-year-old {sex} with known kidney cancer."]
        denied: list[str] = []  # a run of plain "No" answers reads better as one line
        for step in steps:
            node = self.node(step.node)
            if step.option is not None and step.option.label.strip().casefold() == "no":
                denied.append(node.title.rstrip("?"))
                continue
            if denied:
                lines.append(f"No to: {'; '.join(denied)}.")
                denied = []
            if step.option is not None:
                ask = node.title if node.title.endswith("?") else f"{node.title}:"
                lines.append(f"{ask} {_sentence(step.option.label)}")
            elif isinstance(node, ScoreNode) and step.scores:
                total = node.total_of(step.scores)
                band = node.band_for(total)
                lines.append(f"{node.title}: total {total}" + (f", {band.label}." if band else "."))
        if denied:
            lines.append(f"No to: {'; '.join(denied)}.")
        return "\n".join(lines)

    # urgency ---------------------------------------------------------------------------

    def urgency(self, pathway_id: str, path: Route) -> Candidate:
        route = "/".join(f"{s.node}={s.choice}" for s in path.steps)
        digest = hashlib.sha1(f"{route}>{path.outcome}".encode()).hexdigest()[:12]
        item_id = f"urgency:{pathway_id}:{digest}"

        def build(rng: random.Random) -> QuizItem:
            outcome = self.node(path.outcome)
            assert isinstance(outcome, OutcomeNode)
            choices = tuple(Choice(u.word, u is path.urgency) for u in Urgency)
            why = outcome.rationale or outcome.text
            return QuizItem(
                id=item_id,
                type=ItemType.URGENCY,
                pathway=pathway_id,
                stage=outcome.stage,
                question=f"{self._vignette(rng, path.steps)}\nHow urgent is this?",
                choices=choices,
                explanation=(
                    f"This leads to '{outcome.title}': {path.urgency.word.lower()}. "
                    f"{path.urgency.meaning} {why}"
                ),
                sources=outcome.sources,
                citations=self.citations(path.outcome.pathway, outcome.sources),
            )

        return Candidate(item_id, ItemType.URGENCY, str(path.outcome), build)

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
        for combo in combos:
            picked = dict(zip([i.id for i in node.items], combo, strict=True))
            case = ",".join(f"{k}={v}" for k, v in picked.items())
            item_id = f"score:{ref}:{case}"

            def build(
                rng: random.Random, *, i: str = item_id, p: dict[str, str] = picked
            ) -> QuizItem:
                return self._score_item(rng, i, ref.pathway, node, p)

            yield Candidate(item_id, ItemType.SCORE, str(ref), build)

    def _score_item(
        self,
        rng: random.Random,
        item_id: str,
        pathway_id: str,
        node: ScoreNode,
        picked: Mapping[str, str],
    ) -> QuizItem:
        total = node.total_of(picked)
        band = node.band_for(total)
        label = band.label if band else "no band"
        correct = _score_text(total, label)
        low, high = node.total_range
        near = [
            t for d in range(1, high - low + 1) for t in (total - d, total + d) if low <= t <= high
        ]
        wrong: list[str] = []
        other_bands = [b.label for b in node.bands if b.label != label]
        if other_bands:
            wrong.append(_score_text(total, rng.choice(other_bands)))
        for t in near[: 2 * (MAX_OPTIONS - 1)]:
            b = node.band_for(t)
            text = _score_text(t, b.label if b else "no band")
            if text not in wrong and text != correct:
                wrong.append(text)
        first = wrong[:1] if other_bands else []
        rest = [w for w in wrong if w not in first]
        wrong = first + rng.sample(rest, min(len(rest), MAX_OPTIONS - 1 - len(first)))
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


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


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
    rest = [i for i in pool.order(seed) if i not in taken]
    if only_first_and_new is not None:
        rest = [i for i in rest if only_first_and_new(i)]
    return [pool.item(i, seed) for i in (chosen + rest)[:count]]
