"""The case-file format: what an author says a pathway must do (``bonemets test``).

A case gives the answers of one walk and what must follow: the outcome, its urgency (or
"at least" an urgency), the red flags that must have been answered and the steps that
must, or must not, be asked. Case files sit beside the pathways as ``NAME.cases.yaml``.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictInt, StringConstraints

from bonemets_cli.model.pathway import REF_PATTERN, Frozen, Id, Ref, Text
from bonemets_cli.model.wording import Urgency

CASES_SUFFIX = ".cases.yaml"
"""How a case file is named; pathway folders' other ``.yaml`` files are pathways."""

STEP_PATTERN = REF_PATTERN[:-1] + r"(\.[a-z0-9][a-z0-9_-]{0,63})?$"
"""``[pathway:]node`` or ``[pathway:]node.item``, as ``walk --answer`` names a step."""

Step = Annotated[
    str,
    StringConstraints(pattern=STEP_PATTERN),
    Field(description="A step: node, pathway:node, or node.item for one item of a score."),
]


class Expect(Frozen):
    """What must follow from the answers; every key given is checked."""

    outcome: Ref | None = Field(
        default=None,
        description="The outcome reached: pathway:node, or a node id (any pathway).",
    )
    urgency: Urgency | None = Field(default=None, description="The outcome's urgency exactly.")
    at_least: Urgency | None = Field(
        default=None,
        description="The outcome is at least this urgent (emergency is the most urgent).",
    )
    red_flags: tuple[Ref, ...] = Field(
        default=(),
        description="Steps (question nodes) whose answer in this walk must be a red flag.",
    )
    asked: tuple[Ref, ...] = Field(default=(), description="Steps the walk must pass.")
    not_asked: tuple[Ref, ...] = Field(default=(), description="Steps the walk must not pass.")


class Case(Frozen):
    """One walk, from its answers to what must follow."""

    name: Text = Field(description="What the case pins, in a few words.")
    start: Annotated[str, StringConstraints(pattern=REF_PATTERN)] | None = Field(
        default=None,
        description="Where the walk starts: a pathway id, or pathway:node (default: the "
        "file's pathway).",
    )
    answers: dict[Step, Text] = Field(
        default_factory=dict, description="Step → option or choice (id or label)."
    )
    expect: Expect


class CaseFile(Frozen):
    """A file of cases for one pathway (each case may start elsewhere)."""

    schema_version: StrictInt = Field(ge=1, description="Format version; this bonemets reads 1.")
    pathway: Id | None = Field(
        default=None,
        description="Where cases start by default (default: the file name before "
        f"'{CASES_SUFFIX}').",
    )
    cases: tuple[Case, ...] = Field(min_length=1)
