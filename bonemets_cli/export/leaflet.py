"""The printed leaflet as a plain document tree, built once and rendered to any format.

A leaflet is for patients, families and ward staff, so it prints the plain-language
text (``lay_summary``, ``lay``, the discuss prompts; clinician text only where an author
wrote none), opens with the emergency panel (what to do, the hotline, the signs that need
help now), spells urgency out in words, and names its sources, producer and review dates
(the Patient Information Forum's marks of trustworthy information).
Everything here is ordered by the pathway itself, so the same input always gives the
same leaflet.
"""

from __future__ import annotations

import datetime as dt
import re
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
from bonemets_cli.model.wording import (
    LAY_EMERGENCY_ACTION,
    LAY_EMERGENCY_SOURCES,
    LAY_URGENCY,
    LEAFLET_DISCLAIMER,
)

EMERGENCY_HEADING = "EMERGENCY: get help now"
EMERGENCY_INTRO = (
    "Get help straight away, day or night, if you have kidney cancer and any of these:"
)
OTHER_SIGNS_HEADING = "Warning signs: contact your care team"
ESCALATES = "Your answers to later questions may show that this is an emergency."
OTHER_SIGNS_INTRO = (
    "These signs need checking soon, but are not an emergency on their own. Contact your "
    "care team as soon as it says below. If you also have any sign from the EMERGENCY box, "
    "get help now."
)
NO_SIGNS_INTRO = (
    "This leaflet lists no emergency signs of its own. But if you feel suddenly unwell, or "
    "you are worried, get help straight away, day or night."
)
MEANINGS_TITLE = "Emergencies: what they may mean"

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
    tell: str = "Things to tell your care team"
    contacts: str = "Your contacts"
    sources: str = "Where this information comes from"
    references: str = "Full references"
    about: str = "About this leaflet"
    feedback: str = "Tell us what you think"
    other_formats: str = "Large print and other formats"
    ask_number: str = "Ask your care team for this number."


WORDS = Wording()


@dataclass(frozen=True)
class Emergency:
    """An emergency outcome: what it may mean and what to do, each in a box of its own
    after page 1 (the panel on page 1 says what to do for all of them)."""

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

    @property
    def tel(self) -> str | None:
        """A ``tel:`` address for the number in the value, so a phone can dial it."""
        return tel_uri(self.value) if self.value else None


_PHONE = re.compile(r"\+?\d[\d \-]{4,}\d")


def tel_uri(text: str) -> str | None:
    """``0800 000 0000 (24 hours)`` → ``tel:08000000000``: the first phone number in a text."""
    found = _PHONE.search(text)
    return "tel:" + re.sub(r"[ \-]", "", found.group()) if found else None


MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


def long_date(day: dt.date) -> str:
    """A date as people read it, ``26 November 2026``, in any locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


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
    questions: tuple[str, ...]  # each one a question to ask
    tell: tuple[str, ...]  # what to tell the team: the other discuss prompts
    sources: tuple[Citation, ...]  # each found in a bibliography
    producer: str
    version: str
    reviewed: dt.date
    next_review: dt.date
    contacts: tuple[Contact, ...]
    organisation: str | None
    feedback: str | None
    other_formats: str | None = None
    disclaimer: str = LEAFLET_DISCLAIMER
    emergency_action: str = LAY_EMERGENCY_ACTION
    stamp: dt.date | None = None
    personal: bool = False
    entry: bool = False  # a starting point: listed first on the index

    @property
    def hotline(self) -> Contact:
        """The number to ring first, printed large at the top of the emergency box."""
        return next(c for c in self.contacts if c.key == "hotline")

    @property
    def source_names(self) -> tuple[str, ...]:
        """Who the sources are, for patients: each publisher once, then the papers."""
        names = list(
            dict.fromkeys(
                c.source.publisher for c in self.sources if c.source and c.source.publisher
            )
        )
        papers = sum(1 for c in self.sources if c.source and not c.source.publisher)
        if papers:
            names.append(f"{papers} research paper{'s' if papers > 1 else ''} in medical journals")
        return tuple(names)

    def dates(self) -> tuple[str, str, str | None]:
        """Reviewed, next review and printed, as people read dates."""
        printed = long_date(self.stamp) if self.stamp else None
        return long_date(self.reviewed), long_date(self.next_review), printed


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
    # a question every answer of which is an emergency sign ("where is the break?") is
    # asked once help is already needed: the panel lists the sign that led there
    emergency = tuple(s for s in signs if s.urgency is Urgency.EMERGENCY and not s.follow_up)
    emergency_nodes = emergency_outcomes(pathways, signs_nodes)
    emergencies = tuple(Emergency(n.title, lay(n), n.discuss_prompt()) for _, n in emergency_nodes)
    sign_questions = [
        (ref, n)
        for ref, n in signs_nodes
        if isinstance(n, QuestionNode) and any(o.red_flag for o in n.options)
    ]
    questions, tell = _prompts(n for _, n in nodes)
    panel = [pathways.cite(pathway.id, key) for key in LAY_EMERGENCY_SOURCES]
    return Leaflet(
        slug=pathway.id,
        title=title,
        subtitle=subtitle,
        summary=pathway.lay_summary or pathway.summary,
        emergency_intro=EMERGENCY_INTRO if emergency else NO_SIGNS_INTRO,
        warning_signs=emergency,
        emergencies=emergencies,
        other_signs=tuple(s for s in signs if s.urgency is not Urgency.EMERGENCY),
        sections=sections,
        questions=questions,
        tell=tell,
        sources=tuple(
            _unique_citations(
                [*panel, *_citations(pathways, [*nodes, *sign_questions, *emergency_nodes])]
            )
        ),
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
        other_formats=contacts.other_formats if contacts else None,
        stamp=stamp,
        personal=personal,
        entry=pathway.entry and not personal,
    )


_ASK = re.compile(r"Ask(?: your (?:doctor|nurse|team|care team))?:\s*[\"“](.+?)[\"”]")
_SENTENCE = re.compile(r"(?<=[.?!])\s+")


def _prompts(nodes: Iterable[AnyNode]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The 'discuss with your doctor' prompts, split into the questions to ask (each one a
    question) and the things to tell the team: every node's ``prompt_parts``, joined."""
    questions: list[str] = []
    tell: list[str] = []
    for node in nodes:
        asked, told = prompt_parts(node)
        questions += asked
        tell += told
    asked_all = tuple(_unique(q for q in questions if q.endswith("?")))
    told_all = [q for q in questions if not q.endswith("?")] + tell
    return asked_all, tuple(_unique(told_all))


def prompt_parts(node: AnyNode) -> tuple[list[str], list[str]]:
    """One step's prompt as a leaflet prints it: the sentences quoted after "Ask: …" and
    those that end in "?" (questions, if each ends in "?"), then the rest (to tell).

    An emergency outcome's prompt says to get help now, and a warning sign's prompt speaks
    of "these" signs: both stand in the boxes at the top, so give no parts here. (The
    offline page carries these parts per step and joins them as ``_prompts`` does.)
    """
    questions: list[str] = []
    tell: list[str] = []
    for prompt in _discuss_prompts([node]):
        for quoted in _ASK.findall(prompt):
            questions.extend(_sentences(quoted))
        rest = " ".join(_ASK.sub(" ", prompt).split())
        for sentence in _sentences(rest):
            (questions if sentence.endswith("?") else tell).append(sentence)
    return questions, tell


def _sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE.split(text.strip()) if part.strip()]


def _discuss_prompts(nodes: Iterable[AnyNode]) -> Iterator[str]:
    for n in nodes:
        if isinstance(n, OutcomeNode):
            if n.urgency is not Urgency.EMERGENCY:
                yield n.discuss_prompt()
        elif n.discuss and not (isinstance(n, QuestionNode) and any(o.red_flag for o in n.options)):
            yield n.discuss


def _unique_citations(citations: Iterable[Citation]) -> Iterator[Citation]:
    seen: set[str] = set()
    for citation in citations:
        if citation.source is not None and citation.key not in seen:
            seen.add(citation.key)
            yield citation


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
