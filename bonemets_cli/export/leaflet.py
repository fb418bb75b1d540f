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

from bonemets_cli.errors import UsageError
from bonemets_cli.export.contacts import CONTACT_LABELS, LocalContacts
from bonemets_cli.export.signs import (
    WarningSign,
    along_red_flags,
    emergency_outcomes,
    warning_signs,
)
from bonemets_cli.load.catalog import Catalog
from bonemets_cli.model import (
    AnyNode,
    Citation,
    InfoNode,
    NodeRef,
    OutcomeNode,
    Pathway,
    PathwaySet,
    QuestionNode,
    Route,
    RouteStep,
    ScoreNode,
    Urgency,
)
from bonemets_cli.model.wording import LAY_URGENCY, LEAFLET_DISCLAIMER

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
    sources: tuple[Citation, ...]  # each found in a bibliography
    producer: str
    version: str
    reviewed: dt.date
    next_review: dt.date
    contacts: tuple[Contact, ...]
    organisation: str | None
    feedback: str | None
    disclaimer: str = LEAFLET_DISCLAIMER
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
    disclaimer: str = LEAFLET_DISCLAIMER


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
    pathways = catalog.pathway_set
    pathway = pathways.pathway(pathway_id)
    _refuse_clinician_only(pathway)
    nodes = [(ref, pathways.node(ref)) for ref in pathways.walk_order(pathway_id)]
    asked = tuple(
        Item(node.title, lay(node))
        for _, node in nodes
        if isinstance(node, QuestionNode) and not any(o.red_flag for o in node.options)
    )
    sections = [s for s in _stage_sections(node for _, node in nodes) if s.items]
    if asked:
        sections.insert(0, Section(ASKED_TITLE, asked))
    return _leaflet(
        pathways,
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
    route: Route,
    *,
    contacts: LocalContacts | None = None,
    stamp: dt.date | None = None,
) -> Leaflet:
    """A leaflet for one walk (``walk.replay`` finds its route): the steps taken, in lay
    words, and the outcome's urgency."""
    pathways = catalog.pathway_set
    refs = route.refs()
    pathway = pathways.pathway(refs[0].pathway)
    _refuse_clinician_only(pathway)
    path_nodes = [(ref, pathways.node(ref)) for ref in refs]
    outcome = path_nodes[-1][1]
    assert isinstance(outcome, OutcomeNode)  # a route ends at an outcome
    steps = tuple(
        Item(node.title, lay(node), answer=_answered(pathways, step, node))
        for step, (_, node) in zip(route.steps, path_nodes[:-1], strict=True)
    )
    result = Item(outcome.title, lay(outcome), urgency=LAY_URGENCY[outcome.urgency])
    return _leaflet(
        pathways,
        pathway,
        nodes=path_nodes,
        sections=(
            Section("The steps you went through", steps),
            Section("Where your answers lead", (result,)),
        ),
        title=f"Your path: {pathway.title}",
        subtitle="A personal summary of the answers you gave",
        contacts=contacts,
        stamp=stamp,
        personal=True,
        warnings_from=list(_all_nodes(pathways, {ref.pathway for ref in refs})),
        version=_versions(pathways, refs),
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


def _versions(pathways: PathwaySet, refs: list[NodeRef]) -> str | None:
    """A walk that crossed into other pathways names each one's version."""
    used = list(dict.fromkeys(ref.pathway for ref in refs))
    if len(used) < 2:
        return None
    return "; ".join(f"{pid} {pathways[pid].version}" for pid in used)


def _all_nodes(pathways: PathwaySet, pathway_ids: set[str]) -> Iterator[tuple[NodeRef, AnyNode]]:
    for pid in sorted(pathway_ids):
        for ref in pathways.walk_order(pid):
            yield ref, pathways.node(ref)


def _answered(pathways: PathwaySet, step: RouteStep, node: AnyNode) -> str | None:
    """What the reader answered at a step, in the option's plain words."""
    if step.option is not None:
        return step.option.lay or step.option.label
    if isinstance(node, ScoreNode):
        parts = [pathways.describe(step.node, c, item) for item, c in step.scores.items()]
        total = node.total_of(step.scores)
        band = node.band_for(total)
        return "; ".join(parts) + (f" (total {total}: {band.label})" if band else "")
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
    pathways: PathwaySet,
    pathway: Pathway,
    *,
    nodes: list[tuple[NodeRef, AnyNode]],
    sections: tuple[Section, ...],
    title: str,
    subtitle: str,
    contacts: LocalContacts | None,
    stamp: dt.date | None,
    personal: bool,
    warnings_from: list[tuple[NodeRef, AnyNode]] | None = None,
    version: str | None = None,
) -> Leaflet:
    """The parts every leaflet shares: warning signs, questions, sources, contacts, dates."""
    signs_nodes = along_red_flags(pathways, nodes if warnings_from is None else warnings_from)
    signs = tuple(warning_signs(pathways, signs_nodes))
    emergency = tuple(s for s in signs if s.urgency is Urgency.EMERGENCY)
    emergency_nodes = emergency_outcomes(pathways, signs_nodes)
    emergencies = tuple(Emergency(n.title, lay(n), n.discuss_prompt()) for _, n in emergency_nodes)
    sign_questions = [
        (ref, n)
        for ref, n in signs_nodes
        if isinstance(n, QuestionNode) and any(o.red_flag for o in n.options)
    ]
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
        questions=tuple(_questions(n for _, n in nodes)),
        sources=tuple(_citations(pathways, [*nodes, *sign_questions, *emergency_nodes])),
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


def _citations(
    pathways: PathwaySet, nodes: Iterable[tuple[NodeRef, AnyNode]]
) -> Iterator[Citation]:
    """Every source the printed steps cite, in first-cited order, as each step's own
    pathway means the key; keys no bibliography has are left out (``validate`` says so)."""
    listed: set[str] = set()
    for ref, node in nodes:
        for key in node.sources:
            citation = pathways.cite(ref.pathway, key)
            if key not in listed and citation.source is not None:
                listed.add(key)
                yield citation


def _unique(values: Iterable[str | None]) -> Iterator[str]:
    seen: set[str] = set()
    for value in values:
        if value and value not in seen:
            seen.add(value)
            yield value
