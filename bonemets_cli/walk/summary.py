"""A finished (or stopped) walk as plain data, so rich, plain, Markdown and JSON agree.

The summary is what a nurse keeps after a triage refresher: the answers given, where they
led, how urgent that is in words, what to do, what to discuss and the sources behind it.
It holds no time stamps; those belong to the transcript only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bonemets_cli.model import Citation, InfoNode, OutcomeNode, QuestionNode, ScoreNode, Urgency
from bonemets_cli.walk.engine import Engine, WalkState, breadcrumb


@dataclass(frozen=True)
class SummaryStep:
    key: str
    title: str
    stage: str
    kind: str
    answers: tuple[str, ...] = ()  # labels of the answers given here
    red_flag: bool = False  # an answer given here is a warning sign
    score: str | None = None  # "total 3: High" at a score node


@dataclass(frozen=True)
class SummaryNote:
    """A teaching note (info step) passed on the way to the outcome."""

    title: str
    text: str


@dataclass(frozen=True)
class OutcomeSummary:
    key: str
    title: str
    text: str
    urgency: Urgency
    action: str
    discuss: str


@dataclass(frozen=True)
class WalkSummary:
    start: str
    pathways: dict[str, str]  # id → version, in the order visited
    stages: tuple[str, ...]
    steps: tuple[SummaryStep, ...]
    outcome: OutcomeSummary | None  # None when the walk stopped before an outcome
    stopped_at: str  # the title of the step waiting for an answer (or the outcome's)
    sources: tuple[Citation, ...]  # each found in a bibliography
    missing_sources: tuple[str, ...] = ()  # keys cited but not found (validate reports them)
    notes: tuple[SummaryNote, ...] = ()  # info steps right before the outcome, never asked about
    titles: dict[str, str] = field(default_factory=dict)  # pathway id → title, as ``pathways``

    @property
    def outcome_pathway(self) -> str:
        """The pathway the walk ended in (or, stopped early, the last one first visited)."""
        if self.outcome is not None:
            return self.outcome.key.partition(":")[0]
        return next(reversed(self.pathways))


def summarise(engine: Engine, state: WalkState) -> WalkSummary:
    """Replay ``state`` and collect what the summary shows."""
    pos = engine.position(state)
    steps: list[SummaryStep] = []
    for step in pos.steps:
        node = step.node
        labels = tuple(engine.describe(a) for a in step.answers)
        red = False
        if isinstance(node, QuestionNode):
            chosen = {a.choice for a in step.answers}
            red = any(o.red_flag for o in node.options if o.id in chosen)
        score = None
        if isinstance(node, ScoreNode) and step.band is not None:
            score = f"total {step.total}: {step.band.label}"
        steps.append(
            SummaryStep(str(step.key), node.title, node.stage, node.kind, labels, red, score)
        )
    outcome = None
    if isinstance(pos.node, OutcomeNode):
        node = pos.node
        outcome = OutcomeSummary(
            str(pos.key),
            node.title,
            node.text,
            node.urgency,
            node.action,
            node.discuss_prompt(),
        )
    notes: list[SummaryNote] = []
    if outcome is not None:
        for step in reversed(pos.steps):
            if not isinstance(step.node, InfoNode):
                break
            notes.insert(0, SummaryNote(step.node.title, step.node.text))
    visited = [s.key for s in pos.steps] + [pos.key]
    cited: dict[str, Citation] = {}
    missing: list[str] = []
    for key in visited:
        for skey in engine.pathways.node(key).sources:
            citation = engine.pathways.cite(key.pathway, skey)
            if citation.source is None:
                missing.append(skey)
            else:
                cited.setdefault(skey, citation)
    return WalkSummary(
        start=str(state.start),
        pathways={
            pid: engine.pathways[pid].version for pid in dict.fromkeys(k.pathway for k in visited)
        },
        stages=breadcrumb(pos.steps, pos.node.stage),
        steps=tuple(steps),
        outcome=outcome,
        stopped_at=pos.node.title,
        sources=tuple(cited.values()),
        missing_sources=tuple(dict.fromkeys(missing)),
        notes=tuple(notes),
        titles={
            pid: engine.pathways[pid].title for pid in dict.fromkeys(k.pathway for k in visited)
        },
    )
