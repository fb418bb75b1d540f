"""The pathway format: immutable pydantic models, also the source of the JSON Schema.

A pathway is a decision tree for teaching. Nodes are keyed by id; ``next`` names a node
in the same pathway (``imaging_choice``) or in another one (``imaging:start``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from bonemets_cli.errors import CONTROL_CHARACTERS
from bonemets_cli.model.wording import DEFAULT_DISCUSS, GENERIC_DISCUSS, URGENCY_MEANING, Urgency

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
URL_PATTERN = r"""^https?://[^\s<>\[\]()"'`\\\x00-\x1f\x7f-\x9f]+$"""
"""A web address that cannot steer Markdown or HTML: no spaces, brackets, quotes or controls."""


def _no_control_characters(value: str) -> str:
    """Text reaches terminals, Markdown and plain-text leaflets: no ESC, BEL, CSI…"""
    found = CONTROL_CHARACTERS.search(value)
    if found:
        raise PydanticCustomError(
            "control_character",
            "contains the control character U+{code}, which could steer a terminal; remove it",
            {"code": f"{ord(found.group()):04X}"},
        )
    return value


Text = Annotated[
    str,
    StringConstraints(min_length=1, strip_whitespace=True),
    AfterValidator(_no_control_characters),
]


STAGES = ("symptoms", "assessment", "imaging", "biopsy", "management")
Stage = Literal["symptoms", "assessment", "imaging", "biopsy", "management"]


class Frozen(BaseModel):
    """Immutable and closed. Numbers and flags are strict: pydantic would otherwise turn
    ``red_flag: "off"`` into False or ``points: "2"`` into 2, undoing YAML 1.2's plain typing.

    Validators are built on first use (``defer_build``), not when this module is
    imported: a run that reads its pathways from the load cache validates nothing, and
    building them all took longer than loading the shipped pathways.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Source(Frozen):
    """One bibliography entry; keys come from ``../shared/clinical-reference.md``."""

    title: Text
    authors: Text | None = None
    publisher: Text | None = None
    year: StrictInt | None = Field(default=None, ge=1900, le=2100)
    url: Annotated[str, StringConstraints(pattern=URL_PATTERN)] | None = None
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


class Distractor(Frozen):
    """A wrong answer an author offers for a quiz question about this step: a real, nearby
    clinical choice, with why it is wrong here and the source that says so."""

    text: Text = Field(description="The choice, in the form of the right one (a few words).")
    why: Text = Field(description="Why it is wrong here: shown after the answer.")
    sources: tuple[Id, ...] = Field(min_length=1, description="Bibliography keys cited.")
    urgency: Urgency | None = Field(
        default=None,
        description="How urgently this choice would treat the case (case scenarios score "
        "choosing a less urgent one than the right one as missing a red flag).",
    )


class QuizHints(Frozen):
    """How the quiz may ask about a step; every field is optional."""

    decision: Text | None = Field(
        default=None,
        description="The step as a decision in a few words ('Whole-spine MRI within 24 "
        "hours'): the right answer of a 'next step' question that leads here.",
    )
    distractors: tuple[Distractor, ...] = Field(
        default=(), description="Wrong answers to offer beside 'decision', each cited."
    )
    finding: Text | None = Field(
        default=None,
        description="Questions: what is asked about, as a noun phrase ('new weakness in an "
        "arm or leg'), so a quiz case can tell the answer as a finding.",
    )
    local_policy: Text | None = Field(
        default=None,
        description="The right answer here depends on local policy (say which): the quiz "
        "never asks about this step.",
    )


class _NodeBase(Frozen):
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
    quiz: QuizHints | None = Field(default=None, description="How the quiz asks about this step.")

    def discuss_prompt(self) -> str:
        return self.discuss or GENERIC_DISCUSS


class Option(Frozen):
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
    finding: Text | None = Field(
        default=None,
        description="This answer told as a finding in a quiz case ('Bone pain in the "
        "spine'); by default it is made from the question's quiz finding and the label.",
    )


class QuestionNode(_NodeBase):
    kind: Literal["question"]
    options: tuple[Option, ...] = Field(min_length=2)


class InfoNode(_NodeBase):
    kind: Literal["info"]
    next: Ref


class ScoreChoice(Frozen):
    id: Id
    label: Text
    points: StrictInt = Field(ge=0, le=100)


class ScoreItem(Frozen):
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


class ScoreBand(Frozen):
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

    def total_of(self, picked: Mapping[str, str]) -> int:
        """The points of the choices picked (score item id → choice id)."""
        return sum(c.points for i in self.items for c in i.choices if picked.get(i.id) == c.id)


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


class Pathway(Frozen):
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
    lay_summary: Text | None = Field(
        default=None,
        description="The leaflet's opening paragraph in plain words (the summary where none "
        "is written).",
    )
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
    bibliography: Annotated[
        str, StringConstraints(min_length=1, max_length=255), AfterValidator(_no_control_characters)
    ] = Field(
        default="bibliography.yaml",
        description="Shared bibliography file, relative to this file's folder.",
    )
    sources: dict[Id, Source] = Field(default_factory=dict, description="Local sources.")
    nodes: dict[Id, Node] = Field(min_length=1)


class Bibliography(Frozen):
    """A shared bibliography file every pathway in the folder may cite."""

    schema_version: StrictInt = Field(ge=1)
    sources: dict[Id, Source]


AnyNode = QuestionNode | InfoNode | ScoreNode | OutcomeNode
