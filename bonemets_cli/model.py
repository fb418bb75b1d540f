"""The pathway format: immutable pydantic models, also the source of the JSON Schema.

A pathway is a decision tree for teaching. Nodes are keyed by id; ``next`` names a node
in the same pathway (``imaging_choice``) or in another one (``imaging:start``).
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StringConstraints

SCHEMA_VERSION = 1
"""The newest ``schema_version`` this bonemets reads."""

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
REF_PATTERN = r"^([a-z0-9][a-z0-9_-]{0,63}:)?[a-z0-9][a-z0-9_-]{0,63}$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Ref = Annotated[
    str,
    StringConstraints(pattern=REF_PATTERN),
    Field(description="A node id in this pathway, or PATHWAY:NODE in another pathway."),
]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class Urgency(str, Enum):
    """How soon the person needs to be seen. Always shown in words, not only colour."""

    EMERGENCY = "emergency"
    URGENT = "urgent"
    SOON = "soon"
    ROUTINE = "routine"

    @property
    def rank(self) -> int:
        """0 for emergency up to 3 for routine, so ``min`` finds the most urgent."""
        return list(Urgency).index(self)

    @property
    def meaning(self) -> str:
        return URGENCY_MEANING[self]


URGENCY_MEANING: dict[Urgency, str] = {
    Urgency.EMERGENCY: "Act now: escalate at once to acute oncology (for suspected spinal "
    "cord compression, the MSCC coordinator) or emergency services.",
    Urgency.URGENT: "Discuss with the team today; tests within days (for example MRI within 1 week).",
    Urgency.SOON: "Arrange review within about two weeks; report any new symptom at once.",
    Urgency.ROUTINE: "Raise at the next planned appointment; report any new symptom at once.",
}

DEFAULT_DISCUSS: dict[Urgency, str] = {
    Urgency.EMERGENCY: "This is an emergency. Contact your acute oncology team or emergency "
    "services now, and tell them you have kidney cancer.",
    Urgency.URGENT: "Contact your care team today and ask how soon you can be seen.",
    Urgency.SOON: "Discuss this with your doctor or specialist nurse in the next few days.",
    Urgency.ROUTINE: "Mention this to your doctor at your next appointment.",
}

GENERIC_DISCUSS = "Discuss this step with your doctor or specialist nurse."

STAGES = ("symptoms", "assessment", "imaging", "biopsy", "management")
Stage = Literal["symptoms", "assessment", "imaging", "biopsy", "management"]


class _Frozen(BaseModel):
    """Immutable and closed. Numbers and flags are strict: pydantic would otherwise turn
    ``red_flag: "off"`` into False or ``points: "2"`` into 2, undoing YAML 1.2's plain typing.

    Validators are built on first use (``defer_build``), not when this module is
    imported: a run that reads its pathways from the load cache validates nothing, and
    building them all took longer than loading the shipped pathways.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Source(_Frozen):
    """One bibliography entry; keys come from ``../shared/clinical-reference.md``."""

    title: Text
    authors: Text | None = None
    publisher: Text | None = None
    year: StrictInt | None = Field(default=None, ge=1900, le=2100)
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    kind: Literal["primary", "secondary"] = Field(
        default="primary",
        description="primary: the guideline or paper itself; secondary: a summary or mirror.",
    )
    note: Text | None = None

    def citation(self) -> str:
        """A one-line citation: who, title, year."""
        who = self.authors or self.publisher
        parts = [
            p.rstrip(". ") for p in (who, self.title, str(self.year) if self.year else None) if p
        ]
        return ". ".join(parts)


class _NodeBase(_Frozen):
    title: Text = Field(description="A short title for the step.")
    text: Text = Field(description="Clinician text: what this step asks or teaches.")
    lay: Text | None = Field(
        default=None, description="Plain-language text for patients; leaflets print this."
    )
    discuss: Text | None = Field(
        default=None,
        description="A 'discuss with your doctor' prompt. Outcomes default by urgency.",
    )
    stage: Stage = Field(description="Where in the journey this step sits.")
    rationale: Text | None = Field(default=None, description="Why this step: shown on 'why?'.")
    sources: tuple[Id, ...] = Field(default=(), description="Bibliography keys cited.")

    def discuss_prompt(self) -> str:
        return self.discuss or GENERIC_DISCUSS


class Option(_Frozen):
    """One answer to a question."""

    id: Id
    label: Text
    next: Ref
    lay: Text | None = Field(default=None, description="The label in plain language.")
    red_flag: StrictBool = Field(
        default=False, description="This answer is a warning sign; shown unmistakably."
    )
    tags: tuple[Id, ...] = Field(
        default=(), description="Free tags, e.g. 'neurological' for safety tests."
    )


class QuestionNode(_NodeBase):
    kind: Literal["question"]
    options: tuple[Option, ...] = Field(min_length=2)


class InfoNode(_NodeBase):
    kind: Literal["info"]
    next: Ref


class ScoreChoice(_Frozen):
    id: Id
    label: Text
    points: StrictInt = Field(ge=0, le=100)


class ScoreItem(_Frozen):
    """One scored component, e.g. Mirels 'site' or SINS 'location'."""

    id: Id
    label: Text
    text: Text | None = None
    choices: tuple[ScoreChoice, ...] = Field(min_length=2)

    @property
    def min_points(self) -> int:
        return min(c.points for c in self.choices)

    @property
    def max_points(self) -> int:
        return max(c.points for c in self.choices)


class ScoreBand(_Frozen):
    """A range of totals (inclusive) and where it leads."""

    min: StrictInt
    max: StrictInt
    label: Text
    next: Ref
    meaning: Text | None = None

    def contains(self, total: int) -> bool:
        return self.min <= total <= self.max


class ScoreNode(_NodeBase):
    kind: Literal["score"]
    items: tuple[ScoreItem, ...] = Field(min_length=1)
    bands: tuple[ScoreBand, ...] = Field(min_length=1)

    @property
    def total_range(self) -> tuple[int, int]:
        return sum(i.min_points for i in self.items), sum(i.max_points for i in self.items)

    def band_for(self, total: int) -> ScoreBand | None:
        return next((b for b in self.bands if b.contains(total)), None)


class OutcomeNode(_NodeBase):
    kind: Literal["outcome"]
    urgency: Urgency = Field(
        description="; ".join(f"{u.value}: {m}" for u, m in URGENCY_MEANING.items())
    )
    action: Text = Field(description="What to do now.")

    def discuss_prompt(self) -> str:
        return self.discuss or DEFAULT_DISCUSS[self.urgency]


Node = Annotated[QuestionNode | InfoNode | ScoreNode | OutcomeNode, Field(discriminator="kind")]
NodeKind = Literal["question", "info", "score", "outcome"]


class Pathway(_Frozen):
    """A teaching pathway: metadata, an optional local bibliography, and its nodes."""

    schema_version: StrictInt = Field(
        ge=1, description=f"Format version; this bonemets reads {SCHEMA_VERSION}."
    )
    id: Id
    title: Text
    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+$")] = Field(
        description="The pathway's own SemVer, e.g. '1.2.0' (quote it)."
    )
    summary: Text
    audience: tuple[Text, ...] = Field(min_length=1)
    reviewed: dt.date
    next_review: dt.date
    producer: Text
    start: Id
    entry: StrictBool = Field(default=False, description="Offered as a starting point for a walk.")
    clinician_only: StrictBool = Field(
        default=False,
        description="For clinicians only: no patient leaflet ('leaflet' refuses it, "
        "'leaflet --all' leaves it out).",
    )
    bibliography: str = Field(
        default="bibliography.yaml",
        description="Shared bibliography file, relative to this file's folder.",
    )
    sources: dict[Id, Source] = Field(default_factory=dict, description="Local sources.")
    nodes: dict[Id, Node] = Field(min_length=1)

    def qualify(self, ref: str) -> tuple[str, str]:
        """``node`` or ``pathway:node`` → (pathway id, node id)."""
        pathway, _, node = ref.rpartition(":")
        return (pathway or self.id, node)


class Bibliography(_Frozen):
    """A shared bibliography file every pathway in the folder may cite."""

    schema_version: StrictInt = Field(ge=1)
    sources: dict[Id, Source]


AnyNode = QuestionNode | InfoNode | ScoreNode | OutcomeNode


def next_refs(node: AnyNode) -> list[tuple[str, tuple[str | int, ...]]]:
    """Every outgoing ``next`` with the field path that holds it (for error locations)."""
    if isinstance(node, QuestionNode):
        return [(o.next, ("options", i, "next")) for i, o in enumerate(node.options)]
    if isinstance(node, InfoNode):
        return [(node.next, ("next",))]
    if isinstance(node, ScoreNode):
        return [(b.next, ("bands", i, "next")) for i, b in enumerate(node.bands)]
    return []
