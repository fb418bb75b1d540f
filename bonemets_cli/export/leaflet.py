"""The printed leaflet as a plain document tree, built once and rendered to any format.

A leaflet is for patients, families and ward staff, so it prints the plain-language
``lay`` text (clinician text only where an author wrote none), puts the warning signs
that need help now first, spells urgency out in words, and names its sources, producer
and review dates (the Patient Information Forum's marks of trustworthy information).
Everything here is ordered by the pathway itself, so the same input always gives the
same leaflet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from bonemets_cli.catalog import Catalog, SourceEntry
from bonemets_cli.engine import Engine, NodeKey, Position, Step, WalkState, parse_key
from bonemets_cli.errors import UsageError
from bonemets_cli.export.contacts import CONTACT_LABELS, LocalContacts
from bonemets_cli.export.signs import (
    WarningSign,
    along_red_flags,
    emergency_outcomes,
    warning_signs,
)
from bonemets_cli.model import (
    AnyNode,
    InfoNode,
    OutcomeNode,
    Pathway,
    QuestionNode,
    ScoreNode,
    Urgency,
    next_refs,
)
from bonemets_cli.transcript import ScriptedAnswers

DISCLAIMER = (
    "This leaflet is for information and learning. It does not replace advice from "
    "your care team, and it cannot tell you what is wrong. If you are worried about "
    "any symptom, contact your care team."
)

EMERGENCY_HEADING = "EMERGENCY: get help now"
EMERGENCY_INTRO = (
    "If you have kidney cancer and any of these signs, contact your acute oncology team or "
    "emergency services straight away, day or night. Say that you have kidney cancer."
)
OTHER_SIGNS_HEADING = "Warning signs: contact your care team"
ESCALATES = "Depending on the answers to later questions, this can be an emergency."
OTHER_SIGNS_INTRO = (
    "These signs need checking soon, but are not an emergency on their own. Contact your "
    "care team as soon as it says below. If you also have any sign from the EMERGENCY box, "
    "get help now."
)
NO_SIGNS_INTRO = (
    "This leaflet's steps list no emergency signs of their own. If you feel suddenly "
    "unwell, or you are worried, contact your acute oncology team or emergency services "
    "straight away, day or night. Say that you have kidney cancer."
)

LAY_URGENCY: dict[Urgency, str] = {
    Urgency.EMERGENCY: "EMERGENCY: get help now, day or night.",
    Urgency.URGENT: "URGENT: contact your care team today. Tests are usually needed within days.",
    Urgency.SOON: "SOON: you should be seen within about two weeks. Report any new symptom at once.",
    Urgency.ROUTINE: "ROUTINE: talk about it at your next planned appointment. "
    "Report any new symptom at once.",
}
"""Urgency in plain words, matching ``model.URGENCY_MEANING`` for clinicians."""

SECTION_TITLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("What your symptoms may mean", ("symptoms", "assessment")),
    ("Tests that may come next, and why", ("imaging", "biopsy")),
    ("Treatment and care", ("management",)),
)
ASKED_TITLE = "Questions your care team may ask you"


@dataclass(frozen=True)
class Wording:
    """Labels and headings every leaflet format prints, kept here so they cannot drift."""

    how_soon: str = "How soon"
    your_answer: str = "Your answer"
    may_mean: str = "What it may mean"
    what_to_do: str = "What to do and say"
    questions: str = "Questions to ask your doctor or nurse"
    contacts: str = "Your contacts"
    sources: str = "Sources"
    about: str = "About this leaflet"
    feedback: str = "Tell us what you think"


WORDS = Wording()


@dataclass(frozen=True)
class Emergency:
    """An emergency outcome: what it may mean and what to do, inside the emergency box."""

    title: str
    text: str
    action: str


@dataclass(frozen=True)
class Item:
    """One step of the pathway as the leaflet tells it."""

    title: str
    text: str
    urgency: str | None = None  # in words, for outcomes
    answer: str | None = None  # on a personal leaflet: what the reader answered


@dataclass(frozen=True)
class Section:
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Citation:
    key: str
    text: str
    url: str | None


@dataclass(frozen=True)
class Contact:
    key: str
    label: str
    value: str | None  # None: leave a line to write on

    @property
    def for_emergencies(self) -> bool:
        """Printed inside the emergency box too: the numbers to ring when it matters most."""
        return self.key in ("hotline", "out_of_hours")


@dataclass(frozen=True)
class Leaflet:
    """Everything a printed leaflet says, in the order it says it."""

    slug: str  # file name stem: the pathway id
    title: str
    subtitle: str
    summary: str
    emergency_intro: str
    warning_signs: tuple[WarningSign, ...]  # answers that always end in an emergency
    emergencies: tuple[Emergency, ...]
    other_signs: tuple[WarningSign, ...]  # answers that need the team soon, not 999
    sections: tuple[Section, ...]
    questions: tuple[str, ...]
    sources: tuple[Citation, ...]
    producer: str
    version: str
    reviewed: dt.date
    next_review: dt.date
    contacts: tuple[Contact, ...]
    organisation: str | None
    feedback: str | None
    disclaimer: str = DISCLAIMER
    stamp: dt.date | None = None
    personal: bool = False
    entry: bool = False  # a starting point: listed first on the index


@dataclass(frozen=True)
class IndexEntry:
    slug: str
    title: str
    summary: str
    start_here: bool


@dataclass(frozen=True)
class LeafletIndex:
    """The cover page of a batch: one line per leaflet, in pathway-id order."""

    title: str
    entries: tuple[IndexEntry, ...]
    organisation: str | None
    stamp: dt.date | None
    disclaimer: str = DISCLAIMER


def lay(node: AnyNode) -> str:
    """The plain-language text; the clinician text only where no lay text was written."""
    return node.lay or node.text


def build_leaflet(
    catalog: Catalog,
    pathway_id: str,
    *,
    contacts: LocalContacts | None = None,
    stamp: dt.date | None = None,
) -> Leaflet:
    """A leaflet for a whole pathway: every warning sign, step, question and source."""
    doc = catalog.get(pathway_id)
    pathway = doc.pathway
    _refuse_clinician_only(pathway)
    keys = [(pathway.id, nid) for nid in walk_order(pathway)]
    nodes = [(k, pathway.nodes[k[1]]) for k in keys]
    asked = tuple(
        Item(node.title, lay(node))
        for _, node in nodes
        if isinstance(node, QuestionNode) and not any(o.red_flag for o in node.options)
    )
    sections = [s for s in _stage_sections(node for _, node in nodes) if s.items]
    if asked:
        sections.insert(0, Section(ASKED_TITLE, asked))
    return _leaflet(
        catalog,
        pathway,
        nodes=nodes,
        sections=tuple(sections),
        title=pathway.title,
        subtitle="Information for patients, families and carers",
        contacts=contacts,
        stamp=stamp,
        personal=False,
    )


def build_personal_leaflet(
    catalog: Catalog,
    pathway_id: str,
    answers: ScriptedAnswers,
    *,
    contacts: LocalContacts | None = None,
    stamp: dt.date | None = None,
) -> Leaflet:
    """A leaflet for one walk: the steps taken, in lay words, and the outcome's urgency."""
    doc = catalog.get(pathway_id)
    _refuse_clinician_only(doc.pathway)
    engine = Engine({pid: d.pathway for pid, d in catalog.pathways.items()})
    start = parse_key(answers.start, pathway_id) if answers.start else (pathway_id, "")
    if start[0] != pathway_id:
        raise UsageError(
            f"the answers file starts in pathway '{start[0]}', not '{pathway_id}'; "
            f"run 'bonemets leaflet {start[0]} --answers ...'"
        )
    answers.resolve(engine, pathway_id)
    pos = replay(engine, engine.begin(pathway_id, start[1] or None), answers)
    outcome = pos.outcome
    assert outcome is not None  # replay stops only at an outcome
    steps = tuple(Item(s.node.title, lay(s.node), answer=_answered(engine, s)) for s in pos.steps)
    result = Item(outcome.title, lay(outcome), urgency=LAY_URGENCY[outcome.urgency])
    path_nodes: list[tuple[NodeKey, AnyNode]] = [(s.key, s.node) for s in pos.steps]
    path_nodes.append((pos.key, outcome))
    return _leaflet(
        catalog,
        doc.pathway,
        nodes=path_nodes,
        sections=(
            Section("The steps you went through", steps),
            Section("Where your answers lead", (result,)),
        ),
        title=f"Your path: {doc.pathway.title}",
        subtitle="A personal summary of the answers you gave",
        contacts=contacts,
        stamp=stamp,
        personal=True,
        warnings_from=list(_all_nodes(catalog, {k[0] for k in _keys(pos)})),
        version=_versions(catalog, _keys(pos)),
    )


def build_index(
    leaflets: Iterable[Leaflet], *, contacts: LocalContacts | None, stamp: dt.date | None
) -> LeafletIndex:
    """Starting points first (where a reader should begin), then by pathway id."""
    ordered = sorted(leaflets, key=lambda lf: (not lf.entry, lf.slug))
    entries = tuple(IndexEntry(lf.slug, lf.title, lf.summary, lf.entry) for lf in ordered)
    return LeafletIndex(
        "Patient leaflets", entries, contacts.organisation if contacts else None, stamp
    )


def has_leaflet(pathway: Pathway) -> bool:
    """Whether a pathway gets a patient leaflet: every one but a clinician-only pathway."""
    return not pathway.clinician_only


def _refuse_clinician_only(pathway: Pathway) -> None:
    if not has_leaflet(pathway):
        raise UsageError(
            f"pathway '{pathway.id}' is for clinicians only and has no patient leaflet "
            "(clinician_only: true)"
        )


def replay(engine: Engine, state: WalkState, answers: ScriptedAnswers) -> Position:
    """Follow the scripted answers to an outcome; a step with no answer is a usage error."""
    while True:
        pos = engine.position(state)
        if pos.finished:
            return pos
        item = pos.item.id if pos.item else None
        choice = answers.lookup(pos.key, item)
        if choice is None:
            raise UsageError(
                f"the answers stop at '{engine.prompt_name(pos)}' before an outcome; "
                "add an answer for it (a leaflet needs a finished walk)"
            )
        state = engine.answer(state, choice)


def walk_order(pathway: Pathway) -> list[str]:
    """Node ids breadth-first from the start (the order a reader meets them), then the rest."""
    order: list[str] = []
    todo = [pathway.start] if pathway.start in pathway.nodes else []
    while todo:
        nid = todo.pop(0)
        if nid in order:
            continue
        order.append(nid)
        for ref, _ in next_refs(pathway.nodes[nid]):
            target_pathway, target = pathway.qualify(ref)
            if target_pathway == pathway.id and target in pathway.nodes:
                todo.append(target)
    order.extend(nid for nid in pathway.nodes if nid not in order)
    return order


def _versions(catalog: Catalog, keys: list[NodeKey]) -> str | None:
    """A walk that crossed into other pathways names each one's version."""
    used = list(dict.fromkeys(k[0] for k in keys))
    if len(used) < 2:
        return None
    return "; ".join(f"{pid} {catalog.get(pid).pathway.version}" for pid in used)


def _keys(pos: Position) -> list[NodeKey]:
    return [s.key for s in pos.steps] + [pos.key]


def _all_nodes(catalog: Catalog, pathway_ids: set[str]) -> Iterator[tuple[NodeKey, AnyNode]]:
    for pid in sorted(pathway_ids):
        pathway = catalog.get(pid).pathway
        for nid in walk_order(pathway):
            yield (pid, nid), pathway.nodes[nid]


def _answered(engine: Engine, step: Step) -> str | None:
    """What the reader answered at a step, in the option's plain words."""
    if isinstance(step.node, QuestionNode) and step.answers:
        chosen = step.answers[0].choice
        option = next(o for o in step.node.options if o.id == chosen)
        return option.lay or option.label
    if isinstance(step.node, ScoreNode):
        parts = [engine.describe(a) for a in step.answers]
        band = f" (total {step.total}: {step.band.label})" if step.band else ""
        return "; ".join(parts) + band
    return None


def _stage_sections(nodes: Iterable[AnyNode]) -> Iterator[Section]:
    """Info, score and outcome steps by stage; emergencies stand in the box at the top."""
    listed = [
        n
        for n in nodes
        if isinstance(n, (InfoNode, ScoreNode))
        or (isinstance(n, OutcomeNode) and n.urgency is not Urgency.EMERGENCY)
    ]
    for title, stages in SECTION_TITLES:
        yield Section(
            title,
            tuple(
                Item(
                    n.title,
                    lay(n),
                    urgency=LAY_URGENCY[n.urgency] if isinstance(n, OutcomeNode) else None,
                )
                for n in listed
                if n.stage in stages
            ),
        )


def _leaflet(
    catalog: Catalog,
    pathway: Pathway,
    *,
    nodes: list[tuple[NodeKey, AnyNode]],
    sections: tuple[Section, ...],
    title: str,
    subtitle: str,
    contacts: LocalContacts | None,
    stamp: dt.date | None,
    personal: bool,
    warnings_from: list[tuple[NodeKey, AnyNode]] | None = None,
    version: str | None = None,
) -> Leaflet:
    """The parts every leaflet shares: warning signs, questions, sources, contacts, dates."""
    pathways = {pid: doc.pathway for pid, doc in catalog.pathways.items()}
    signs_nodes = along_red_flags(pathways, nodes if warnings_from is None else warnings_from)
    signs = tuple(warning_signs(pathways, signs_nodes))
    emergency = tuple(s for s in signs if s.urgency is Urgency.EMERGENCY)
    emergency_nodes = [n for _, n in emergency_outcomes(pathways, signs_nodes)]
    emergencies = tuple(Emergency(n.title, lay(n), n.discuss_prompt()) for n in emergency_nodes)
    printed = [n for _, n in nodes]
    sign_questions = [
        n
        for _, n in signs_nodes
        if isinstance(n, QuestionNode) and any(o.red_flag for o in n.options)
    ]
    pool: dict[str, SourceEntry] = {}
    for doc in catalog.pathways.values():
        for key, entry in catalog.sources_for(doc).items():
            pool.setdefault(key, entry)
    pool.update(catalog.sources_for(catalog.get(pathway.id)))
    return Leaflet(
        slug=pathway.id,
        title=title,
        subtitle=subtitle,
        summary=pathway.summary,
        emergency_intro=EMERGENCY_INTRO if emergency or emergencies else NO_SIGNS_INTRO,
        warning_signs=emergency,
        emergencies=emergencies,
        other_signs=tuple(s for s in signs if s.urgency is not Urgency.EMERGENCY),
        sections=sections,
        questions=tuple(_questions(printed)),
        sources=tuple(_citations([*printed, *sign_questions, *emergency_nodes], pool)),
        producer=pathway.producer,
        version=version or pathway.version,
        reviewed=pathway.reviewed,
        next_review=pathway.next_review,
        contacts=tuple(
            Contact(field, label, getattr(contacts, field) if contacts else None)
            for field, label in CONTACT_LABELS
            if field != "organisation"
        ),
        organisation=contacts.organisation if contacts else None,
        feedback=contacts.feedback if contacts else None,
        stamp=stamp,
        personal=personal,
        entry=pathway.entry and not personal,
    )


def _questions(nodes: Iterable[AnyNode]) -> Iterator[str]:
    """The 'discuss with your doctor' prompts: those written for a step, and each outcome's.

    An emergency outcome's prompt says to get help now; it stands in the emergency box,
    not among questions to raise at an appointment.
    """
    return _unique(
        n.discuss_prompt() if isinstance(n, OutcomeNode) else n.discuss
        for n in nodes
        if not (isinstance(n, OutcomeNode) and n.urgency is Urgency.EMERGENCY)
        and (n.discuss or isinstance(n, OutcomeNode))
    )


def _citations(nodes: Iterable[AnyNode], pool: dict[str, SourceEntry]) -> Iterator[Citation]:
    """Full citations for every source the printed steps cite, in first-cited order."""
    for key in _unique(k for n in nodes for k in n.sources):
        entry = pool.get(key)
        if entry is not None:
            src = entry.source
            who = src.authors or src.publisher
            parts = [who, src.title, str(src.year) if src.year else None]
            text = ". ".join(p.rstrip(".") for p in parts if p) + "."
            yield Citation(key, text, src.url)


def _unique(values: Iterable[str | None]) -> Iterator[str]:
    seen: set[str] = set()
    for value in values:
        if value and value not in seen:
            seen.add(value)
            yield value
